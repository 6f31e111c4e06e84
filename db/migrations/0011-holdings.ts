import type { Database } from 'better-sqlite3';

/**
 * What each checkpoint holds, kept like the stock: per checkpoint, item, batch and store, goods issued
 * less returned (`holding` 'issue') and lent less given back ('loan'), moved in the same transaction
 * as the movements and always equal to their sum (`ledger.verify` checks it). The as-of checks then
 * read a holding at an instant as the kept quantity less what moved after it — their cost follows the
 * movements after the instant, not the checkpoint's history (void_ms in docs/performance.md).
 * No CHECK on the quantity: ledgers from before the as-of checks may hold a negative one (a void after
 * a return), which the verify command shows and the checks never make worse.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE holdings (
      checkpoint_id INTEGER NOT NULL REFERENCES checkpoints(id),
      item_id       INTEGER NOT NULL REFERENCES items(id),
      holding       TEXT NOT NULL CHECK (holding IN ('issue', 'loan')),
      batch_id      INTEGER NOT NULL REFERENCES batches(id),
      store_id      INTEGER NOT NULL REFERENCES stores(id),
      quantity      INTEGER NOT NULL,
      PRIMARY KEY (checkpoint_id, item_id, holding, batch_id, store_id)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO holdings (checkpoint_id, item_id, holding, batch_id, store_id, quantity)
      SELECT checkpoint_id, item_id, CASE WHEN kind IN ('issue', 'return') THEN 'issue' ELSE 'loan' END, batch_id, store_id, -SUM(delta)
      FROM movements WHERE checkpoint_id IS NOT NULL AND kind IN ('issue', 'return', 'loan', 'loan_return')
      GROUP BY 1, 2, 3, 4, 5;
  `);
}
