import type { Database } from 'better-sqlite3';

/**
 * SQLite's procedure for a schema change ALTER TABLE cannot make (a CHECK widened, a NOT NULL
 * dropped), as its ALTER TABLE page describes it ("making other kinds of table schema changes"): the
 * new table from the stored definition with `edit` applied, every row copied, the old table dropped,
 * the new one renamed, its indexes and triggers made again. The runner turns foreign-key enforcement
 * off around a migration that says `rebuilds`; the caller checks the keys before its commit.
 */
export function rebuildTable(db: Database, table: string, edit: (definition: string) => string): void {
  const definition = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string;
  const changed = edit(definition);
  if (changed === definition) throw new Error(`${table}: the definition to change was not found as expected`);
  const indexes = db.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL").pluck().all(table) as string[];
  db.exec(changed.replace(new RegExp(`^CREATE TABLE "?${table}"?`), `CREATE TABLE ${table}_rebuilt`));
  db.exec(`INSERT INTO ${table}_rebuilt SELECT * FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${table}_rebuilt RENAME TO ${table}`);
  for (const sql of indexes) db.exec(sql);
}

/** After a rebuild, before the commit: every reference still points at a row. */
export function checkForeignKeys(db: Database, what: string): void {
  const broken = db.prepare('PRAGMA foreign_key_check').all();
  if (broken.length) throw new Error(`foreign keys broken by ${what}: ${JSON.stringify(broken.slice(0, 3))}`);
}
