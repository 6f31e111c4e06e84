import type { Database } from 'better-sqlite3';

/**
 * Every write, appended in the same transaction: who, when, which method, what. A hash chain: each
 * entry's hash covers its content and the previous hash, so an edit, deletion or insertion made
 * behind the app's back breaks the chain from that entry on.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE audit_log (
      id        INTEGER PRIMARY KEY,
      at        TEXT NOT NULL,
      user_id   INTEGER NOT NULL,
      method    TEXT NOT NULL,
      detail    TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_log_at ON audit_log(at);
  `);
}
