import type { Database } from 'better-sqlite3';

/**
 * Wrong passwords counted per account *and* per source (this machine, or a LAN address): someone on
 * the LAN typing wrong passwords for the administrator pauses logins from their own machine only.
 * Rows are kept for names that do not exist too, so an unknown name is answered exactly like a
 * wrong password. The old per-account columns of `users` are no longer written.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE login_failures (
      username     TEXT NOT NULL,
      source       TEXT NOT NULL,
      failures     INTEGER NOT NULL CHECK (failures > 0),
      last_at      TEXT NOT NULL,
      locked_until TEXT,
      PRIMARY KEY (username, source)
    ) STRICT, WITHOUT ROWID;
    UPDATE users SET failed_logins = 0, locked_until = NULL;
  `);
}
