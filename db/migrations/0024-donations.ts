import type { Database } from 'better-sqlite3';

/**
 * 捐赠登记 and 捐赠公示: a donation receipt (its source a 社会捐赠) keeps beside it who gave (or that the
 * donor asked to stay anonymous, 匿名), how to reach them and the number of the 捐赠收据 handed over.
 * Written once with the receipt, never changed (a void reverses the receipt; the row stays with it).
 *
 * `donation_batches`: the batches whose goods are a donation's. Donated goods keep batches of their
 * own (a new batch number, or for goods without batch numbers a batch named after the receipt), so
 * where they went is read exactly from the movements of those batches; no other receipt may put goods
 * into them. A batch whose donation was voided can be taken by the corrected receipt.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE donations (
      document_id INTEGER PRIMARY KEY REFERENCES documents(id),
      donor       TEXT NOT NULL,
      anonymous   INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0,1)),
      contact     TEXT NOT NULL DEFAULT '',
      receipt_no  TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE TABLE donation_batches (
      batch_id    INTEGER PRIMARY KEY REFERENCES batches(id),
      document_id INTEGER NOT NULL REFERENCES documents(id)
    ) STRICT;
    CREATE INDEX donation_batches_document ON donation_batches(document_id);
  `);
}
