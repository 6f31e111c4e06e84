import type { Database } from 'better-sqlite3';

/**
 * An item has any number of pack units (盒 = 50 只, 箱 = 40 盒 = 2000 只), not one: each with its
 * factor in scaled base units, smallest first. The existing pack unit becomes the first; the items'
 * pack_unit and pack_factor stay, kept equal to the smallest pack unit, for the code that reads one.
 * A line remembers what the clerk typed ("2盒10只", '' when typed in the base unit): display only,
 * the ledger quantity stays the base quantity, and changing units never touches it.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE item_units (
      item_id  INTEGER NOT NULL REFERENCES items(id),
      position INTEGER NOT NULL CHECK (position >= 1),
      unit     TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 8),
      factor   INTEGER NOT NULL CHECK (factor > 0),
      PRIMARY KEY (item_id, position),
      UNIQUE (item_id, unit)
    ) STRICT;
    INSERT INTO item_units (item_id, position, unit, factor)
      SELECT id, 1, pack_unit, pack_factor FROM items WHERE pack_unit IS NOT NULL;
    ALTER TABLE document_lines ADD COLUMN entered TEXT NOT NULL DEFAULT '';
  `);
  // The search's cached catalogue carries the units: a change to them is a change to the catalogue (0013).
  for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
    db.exec(`CREATE TRIGGER item_units_${event.toLowerCase()}_catalog AFTER ${event} ON item_units
             BEGIN UPDATE catalog_version SET version = version + 1; END`);
  }
}
