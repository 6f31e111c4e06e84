import type { Database } from 'better-sqlite3';

/**
 * The superior's own Excel forms, kept in the ledger file (so backups carry them), and which
 * built-in formats the daily report exports by default.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE report_templates (
      id                INTEGER PRIMARY KEY,
      name              TEXT NOT NULL UNIQUE,
      file_name         TEXT NOT NULL,
      bytes             BLOB NOT NULL,
      default_dataset   TEXT,
      export_by_default INTEGER NOT NULL DEFAULT 0 CHECK (export_by_default IN (0,1)),
      created_by        INTEGER NOT NULL REFERENCES users(id),
      created_at        TEXT NOT NULL,
      updated_at        TEXT NOT NULL
    ) STRICT;
    INSERT OR IGNORE INTO settings (key, value) VALUES ('report_default_formats', 'balance,slips,checkpoints,receipts,batches');
  `);
}
