import type { Database } from 'better-sqlite3';

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
  const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'").pluck().get() as string;
  const widened = table.replace("'transfer_out','void')", "'transfer_out','move','void')");
  if (widened === table) throw new Error('documents: type CHECK not found as expected');
  const indexes = db.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'documents' AND type IN ('index', 'trigger') AND sql IS NOT NULL").pluck().all() as string[];
  db.exec(widened.replace(/^CREATE TABLE "?documents"?/, 'CREATE TABLE documents_rebuilt'));
  db.exec('INSERT INTO documents_rebuilt SELECT * FROM documents');
  db.exec('DROP TABLE documents');
  db.exec('ALTER TABLE documents_rebuilt RENAME TO documents');
  for (const sql of indexes) db.exec(sql);
  db.exec('ALTER TABLE documents ADD COLUMN to_store_id INTEGER REFERENCES stores(id)');
  const broken = db.prepare('PRAGMA foreign_key_check').all();
  if (broken.length) throw new Error(`foreign keys broken by the documents rebuild: ${JSON.stringify(broken.slice(0, 3))}`);
}
