import type { Database } from 'better-sqlite3';

/** Print history of issue slips: who printed which slip, when, on which paper; reprints counted. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE print_log (
      id          INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id),
      printed_at  TEXT NOT NULL,
      user_id     INTEGER NOT NULL REFERENCES users(id),
      paper       TEXT NOT NULL CHECK (paper IN ('a4','a5','241x93','241x140')),
      copies      INTEGER NOT NULL CHECK (copies BETWEEN 1 AND 3),
      print_no    INTEGER NOT NULL CHECK (print_no >= 1),
      UNIQUE (document_id, print_no)
    ) STRICT;
  `);
  const setting = db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');
  setting.run('slip_paper', 'a5');
  setting.run('slip_copies', '1');
  setting.run('slip_show_prices', '0');
  setting.run('slip_title', '物资发放单');
  setting.run('slip_printer', '');
  setting.run('slip_silent', '0');
}
