import type { Database } from 'better-sqlite3';
import { sql } from 'kysely';
import { all, first, qb } from '../sql';

export interface VerifyResult {
  ok: boolean;
  movementCount: number;
  stockRows: number;
  differences: { itemId: number; batchId: number; storeId: number; stock: number; movements: number }[];
  /** Where what a checkpoint is kept as holding differs from its movements. */
  holdingDifferences: { checkpointId: number; itemId: number; holding: string; batchId: number; storeId: number; kept: number; movements: number }[];
}

const differs = sql<boolean>`COALESCE(kept, 0) <> COALESCE(q, 0)`;

/** The stock recomputed from the movements, beside the kept stock, wherever either has a row. */
const stockDifferences = qb
  .with('sums', (w) => w.selectFrom('movements').select((e) => ['item_id', 'batch_id', 'store_id', e.fn.sum<number>('delta').as('q')]).groupBy(['item_id', 'batch_id', 'store_id']))
  .with('keys', (w) => w.selectFrom('sums').select(['item_id', 'batch_id', 'store_id']).union(w.selectFrom('stock').select(['item_id', 'batch_id', 'store_id'])))
  .with('kept', (w) => w.selectFrom('stock').select(['item_id', 'batch_id', 'store_id', 'quantity as kept']))
  .selectFrom('keys as k')
  .leftJoin('kept', (j) => j.onRef('kept.item_id', '=', 'k.item_id').onRef('kept.batch_id', '=', 'k.batch_id').onRef('kept.store_id', '=', 'k.store_id'))
  .leftJoin('sums', (j) => j.onRef('sums.item_id', '=', 'k.item_id').onRef('sums.batch_id', '=', 'k.batch_id').onRef('sums.store_id', '=', 'k.store_id'))
  .select((e) => [
    'k.item_id as itemId', 'k.batch_id as batchId', 'k.store_id as storeId',
    e.fn.coalesce('kept', e.lit(0)).as('stock'), e.fn.coalesce('q', e.lit(0)).as('movements'),
  ])
  .where(differs);

/** What each checkpoint holds, summed from the movements: the columns of the holdings table, the sum as `q`. */
export const holdingSums = qb
  .selectFrom('movements')
  .select([
    'checkpoint_id', 'item_id', sql<'issue' | 'loan'>`CASE WHEN kind IN ('issue', 'return') THEN 'issue' ELSE 'loan' END`.as('holding'), 'batch_id', 'store_id',
    sql<number>`-SUM(delta)`.as('q'),
  ])
  .where('checkpoint_id', 'is not', null)
  .where('kind', 'in', ['issue', 'return', 'loan', 'loan_return'])
  .groupBy(sql`1, 2, 3, 4, 5`);

/** Issued goods net of returns, and loans net of their returns, beside the kept holdings. */
const holdingDifferences = qb
  .with('sums', () => holdingSums)
  .with('keys', (w) =>
    w.selectFrom('sums').select(['checkpoint_id', 'item_id', 'holding', 'batch_id', 'store_id'])
      .union(w.selectFrom('holdings').select(['checkpoint_id', 'item_id', 'holding', 'batch_id', 'store_id'])))
  .with('kept', (w) => w.selectFrom('holdings').select(['checkpoint_id', 'item_id', 'holding', 'batch_id', 'store_id', 'quantity as kept']))
  .selectFrom('keys as k')
  .leftJoin('kept', (j) => j.onRef('kept.checkpoint_id', '=', 'k.checkpoint_id').onRef('kept.item_id', '=', 'k.item_id').onRef('kept.holding', '=', 'k.holding').onRef('kept.batch_id', '=', 'k.batch_id').onRef('kept.store_id', '=', 'k.store_id'))
  .leftJoin('sums', (j) => j.onRef('sums.checkpoint_id', '=', 'k.checkpoint_id').onRef('sums.item_id', '=', 'k.item_id').onRef('sums.holding', '=', 'k.holding').onRef('sums.batch_id', '=', 'k.batch_id').onRef('sums.store_id', '=', 'k.store_id'))
  .select((e) => [
    'k.checkpoint_id as checkpointId', 'k.item_id as itemId', 'k.holding', 'k.batch_id as batchId', 'k.store_id as storeId',
    e.fn.coalesce('kept', e.lit(0)).as('kept'), e.fn.coalesce('q', e.lit(0)).as('movements'),
  ])
  .where(differs);

/** Recomputes every balance from the movements and lists each place where the kept stock, or a kept holding, differs. */
export function verifyLedger(db: Database): VerifyResult {
  const differences = all(db, stockDifferences) as VerifyResult['differences'];
  const holdings = all(db, holdingDifferences) as VerifyResult['holdingDifferences'];
  const movementCount = first(db, qb.selectFrom('movements').select((e) => e.fn.countAll<number>().as('n')))!.n;
  const stockRows = first(db, qb.selectFrom('stock').select((e) => e.fn.countAll<number>().as('n')))!.n;
  return { ok: differences.length === 0 && holdings.length === 0, movementCount, stockRows, differences, holdingDifferences: holdings };
}
