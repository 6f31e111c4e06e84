import type { Database } from 'better-sqlite3';

/**
 * 数据包签名: the office's Ed25519 key pair (made at setup, or by the administrator for a ledger set
 * up before this), with which every report package it sends is signed. One row: the office has one key.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE office_keys (
      id          INTEGER PRIMARY KEY CHECK (id = 1),
      public_key  TEXT NOT NULL,
      private_key TEXT NOT NULL,
      created_at  TEXT NOT NULL
    ) STRICT;
  `);
}
