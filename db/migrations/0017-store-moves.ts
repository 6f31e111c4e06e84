import type { Database } from 'better-sqlite3';
import { checkForeignKeys, rebuildTable } from './rebuild';

/**
 * 移库: an internal transfer between two stores of the office, one document whose lines move out of
 * its store and into `to_store_id` at the same instant. SQLite cannot widen a CHECK in place, so the
 * documents table is rebuilt the way SQLite's ALTER TABLE page describes ("making other kinds of
 * table schema changes"): the new table from the stored definition with 'move' added, rows
 * copied, old table dropped, new one renamed, its indexes made again, foreign keys checked before the
 * commit. The runner turns foreign-key enforcement off around this migration only (`rebuilds`), as
 * the procedure requires; everything runs in one transaction.
 */
export const rebuilds = true;

export function up(db: Database): void {
  rebuildTable(db, 'documents', (sql) => sql.replace("'transfer_out','void')", "'transfer_out','move','void')"));
  db.exec('ALTER TABLE documents ADD COLUMN to_store_id INTEGER REFERENCES stores(id)');
  checkForeignKeys(db, 'the documents rebuild');
}
