import type { Database } from 'better-sqlite3';

/**
 * Accounts: a scrypt password per user, the failure count and lock for the 5-in-5-minutes rule,
 * and the office's address and phone asked at first run. The built-in local operator keeps no
 * password: it owns what was posted before accounts existed (and what the demo, tests and bench post
 * in-process) and can never log in.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE users ADD COLUMN password_hash TEXT;
    ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE users ADD COLUMN locked_until TEXT;
    ALTER TABLE users ADD COLUMN password_changed_at TEXT;
    INSERT OR IGNORE INTO settings (key, value) VALUES ('office_address', ''), ('office_phone', ''), ('backup_second_dir', '');
  `);
}
