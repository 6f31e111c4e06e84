import type { Database } from 'better-sqlite3';
import { prepare } from '../sql';

export interface VerifyResult {
  ok: boolean;
  movementCount: number;
  stockRows: number;
  differences: { itemId: number; batchId: number; storeId: number; stock: number; movements: number }[];
  /** Where what a checkpoint is kept as holding differs from its movements. */
  holdingDifferences: { checkpointId: number; itemId: number; holding: string; batchId: number; storeId: number; kept: number; movements: number }[];
}

/** What each checkpoint holds, summed from the movements: the columns of the holdings table, the sum as `q`. */
export const HOLDING_SUMS_SQL = `SELECT checkpoint_id, item_id, CASE WHEN kind IN ('issue', 'return') THEN 'issue' ELSE 'loan' END AS holding, batch_id, store_id, -SUM(delta) AS q
  FROM movements WHERE checkpoint_id IS NOT NULL AND kind IN ('issue', 'return', 'loan', 'loan_return') GROUP BY 1, 2, 3, 4, 5`;

/** Recomputes every balance from the movements and lists each place where the kept stock, or a kept holding, differs. */
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
  const holdingDifferences = prepare(
    db,
    `WITH sums AS (${HOLDING_SUMS_SQL}),
          keys AS (SELECT checkpoint_id, item_id, holding, batch_id, store_id FROM sums UNION SELECT checkpoint_id, item_id, holding, batch_id, store_id FROM holdings)
     SELECT k.checkpoint_id AS checkpointId, k.item_id AS itemId, k.holding, k.batch_id AS batchId, k.store_id AS storeId,
            COALESCE(h.quantity, 0) AS kept, COALESCE(m.q, 0) AS movements
     FROM keys k
     LEFT JOIN holdings h USING (checkpoint_id, item_id, holding, batch_id, store_id)
     LEFT JOIN sums m USING (checkpoint_id, item_id, holding, batch_id, store_id)
     WHERE COALESCE(h.quantity, 0) <> COALESCE(m.q, 0)`,
  ).all() as VerifyResult['holdingDifferences'];
  const movementCount = (prepare(db, 'SELECT COUNT(*) AS n FROM movements').get() as { n: number }).n;
  const stockRows = (prepare(db, 'SELECT COUNT(*) AS n FROM stock').get() as { n: number }).n;
  return { ok: differences.length === 0 && holdingDifferences.length === 0, movementCount, stockRows, differences, holdingDifferences };
}
