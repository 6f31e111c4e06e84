import type { Database } from 'better-sqlite3';
import { prepare } from '../sql';

export interface VerifyResult {
  ok: boolean;
  movementCount: number;
  stockRows: number;
  differences: { itemId: number; batchId: number; storeId: number; stock: number; movements: number }[];
}

/** Recomputes every balance from the movements and lists each place where the kept stock differs. */
export function verifyLedger(db: Database): VerifyResult {
  const differences = prepare(
    db,
    `WITH sums AS (SELECT item_id, batch_id, store_id, SUM(delta) AS q FROM movements GROUP BY item_id, batch_id, store_id),
          keys AS (SELECT item_id, batch_id, store_id FROM sums UNION SELECT item_id, batch_id, store_id FROM stock)
     SELECT k.item_id AS itemId, k.batch_id AS batchId, k.store_id AS storeId,
            COALESCE(s.quantity, 0) AS stock, COALESCE(m.q, 0) AS movements
     FROM keys k
     LEFT JOIN stock s ON s.item_id = k.item_id AND s.batch_id = k.batch_id AND s.store_id = k.store_id
     LEFT JOIN sums m ON m.item_id = k.item_id AND m.batch_id = k.batch_id AND m.store_id = k.store_id
     WHERE COALESCE(s.quantity, 0) <> COALESCE(m.q, 0)`,
  ).all() as VerifyResult['differences'];
  const movementCount = (prepare(db, 'SELECT COUNT(*) AS n FROM movements').get() as { n: number }).n;
  const stockRows = (prepare(db, 'SELECT COUNT(*) AS n FROM stock').get() as { n: number }).n;
  return { ok: differences.length === 0, movementCount, stockRows, differences };
}
