import type { Database } from 'better-sqlite3';

/**
 * 调拨单 that arrive as receipts: at the unit, which receipt took in which of its superior's
 * allocations, with what was sent and what came (a difference with its reason); at the district,
 * the 签收 each unit sent back for an allocation of its own.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE allocation_receipts (
      document_id       INTEGER PRIMARY KEY REFERENCES documents(id),
      from_code         TEXT NOT NULL,
      from_name         TEXT NOT NULL,
      allocation_number TEXT NOT NULL,
      package           TEXT NOT NULL,
      lines             TEXT NOT NULL
    ) STRICT;
    -- A receipt voided, the allocation is taken in again: one standing receipt is checked on posting.
    CREATE INDEX allocation_receipts_number ON allocation_receipts(from_code, allocation_number);

    CREATE TABLE allocation_acks (
      id             INTEGER PRIMARY KEY,
      document_id    INTEGER NOT NULL UNIQUE REFERENCES documents(id),
      unit_id        INTEGER NOT NULL REFERENCES sub_units(id),
      receipt_number TEXT NOT NULL,
      received_at    TEXT NOT NULL,
      lines          TEXT NOT NULL,
      body           TEXT NOT NULL,
      imported_at    TEXT NOT NULL,
      imported_by    INTEGER NOT NULL REFERENCES users(id)
    ) STRICT;
  `);
}
