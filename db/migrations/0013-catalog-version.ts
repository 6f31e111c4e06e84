import type { Database } from 'better-sqlite3';

/**
 * A number that goes up with every change to items or categories, whichever connection or program
 * makes it (triggers, in the same transaction as the change). The search keeps the catalogue in
 * memory per connection and reloads it only when this number moved: after a posting, which changes
 * neither table, the cached catalogue stays valid.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE catalog_version (
      id      INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL
    ) STRICT;
    INSERT INTO catalog_version VALUES (1, 0);
  `);
  for (const table of ['items', 'categories']) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(`CREATE TRIGGER ${table}_${event.toLowerCase()}_catalog AFTER ${event} ON ${table}
               BEGIN UPDATE catalog_version SET version = version + 1; END`);
    }
  }
}
