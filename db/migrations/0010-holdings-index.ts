import type { Database } from 'better-sqlite3';

/**
 * What a checkpoint holds is summed from its movements of an item whenever a return is posted or an
 * issue voided (ledger/as-of.ts). The checkpoint index carried only (checkpoint, item), so every one of
 * those movements was a row lookup; it now covers the sum (kind, time, batch, delta, document), which
 * the query then reads from the index alone (void_ms in docs/performance.md). The same number of
 * index entries is written per posting.
 */
export function up(db: Database): void {
  db.exec(`
    DROP INDEX movements_checkpoint;
    CREATE INDEX movements_checkpoint ON movements(checkpoint_id, item_id, kind, occurred_at, batch_id, store_id, delta, document_id)
      WHERE checkpoint_id IS NOT NULL;
  `);
}
