import type { Database } from 'better-sqlite3';
import { prepare } from '../sql';

export interface HeldBatch {
  batchId: number;
  quantity: number;
}

/**
 * What a checkpoint still holds of an item, per batch: issued net of returns ('issue'), or lent
 * net of loan returns ('loan'). Reversals carry the original kind, so voids net out too.
 */
export function outstandingByBatch(
  db: Database,
  out: 'issue' | 'loan',
  checkpointId: number,
  itemId: number,
  storeId: number,
): HeldBatch[] {
  const back = out === 'issue' ? 'return' : 'loan_return';
  return prepare(
    db,
    `SELECT m.batch_id AS batchId, -SUM(m.delta) AS quantity
     FROM movements m JOIN batches b ON b.id = m.batch_id
     WHERE m.checkpoint_id = ? AND m.item_id = ? AND m.store_id = ? AND m.kind IN (?, ?)
     GROUP BY m.batch_id HAVING -SUM(m.delta) > 0
     ORDER BY b.expiry_date IS NULL, b.expiry_date, m.batch_id`,
  ).all(checkpointId, itemId, storeId, out, back) as HeldBatch[];
}
