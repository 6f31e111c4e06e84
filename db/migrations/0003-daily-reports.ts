import type { Database } from 'better-sqlite3';

/**
 * Submitted daily reports: the frozen numbers and the exact files sent. A submitted report sets
 * the ledger's lock to its cutoff; withdrawing one (leaders only) puts the lock back.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE daily_reports (
      id              INTEGER PRIMARY KEY,
      period_from     TEXT,
      period_to       TEXT NOT NULL,
      state           TEXT NOT NULL CHECK (state IN ('submitted','withdrawn')),
      submitted_at    TEXT NOT NULL,
      submitted_by    INTEGER NOT NULL REFERENCES users(id),
      narrative       TEXT NOT NULL,
      snapshot        TEXT NOT NULL,
      previous_lock   TEXT NOT NULL,
      withdrawn_at    TEXT,
      withdrawn_by    INTEGER REFERENCES users(id),
      withdraw_reason TEXT
    ) STRICT;
    CREATE INDEX daily_reports_to ON daily_reports(period_to);

    CREATE TABLE report_files (
      id        INTEGER PRIMARY KEY,
      report_id INTEGER NOT NULL REFERENCES daily_reports(id),
      file_name TEXT NOT NULL,
      bytes     BLOB NOT NULL,
      UNIQUE (report_id, file_name)
    ) STRICT;
  `);
}
