import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import type { BatchRow } from '../schema';
import type { ItemFacts } from './item-facts';
import { prepare } from '../sql';
import type { PostLineInput } from './input';

// SQL written by hand on a measured hot path: a batch is found or made for each received line (post_slip_ms); figures in docs/performance.md.

/** The name a batch is shown by: an item that began to track batches with stock on hand keeps that stock as its batch without a number, 未分批. */
export const batchLabel = (batchNo: string, tracksBatches: boolean | number) => (batchNo === '' && tracksBatches ? '未分批' : batchNo);

/** The same in SQL, for a batch `b` of an item `i`. */
export const BATCH_LABEL_SQL = (b = 'b', i = 'i') => `CASE WHEN ${b}.batch_no = '' AND ${i}.tracks_batches = 1 THEN '未分批' ELSE ${b}.batch_no END`;

/** The '' batch every item has for goods without a batch number; created on first use. */
export function plainBatch(tx: Tx, itemId: number): number {
  return findOrCreateBatch(tx, itemId, '', null, null);
}

export function findOrCreateBatch(
  tx: Tx,
  itemId: number,
  batchNo: string,
  productionDate: string | null,
  expiryDate: string | null,
): number {
  const existing = prepare(tx.db, 'SELECT * FROM batches WHERE item_id = ? AND batch_no = ?').get(itemId, batchNo) as
    | BatchRow
    | undefined;
  if (existing) {
    if (expiryDate && existing.expiry_date && existing.expiry_date !== expiryDate) {
      fail('INVALID_INPUT', `批号 ${batchNo} 已登记有效期至 ${existing.expiry_date},与本次填写的 ${expiryDate} 不一致。`);
    }
    if ((expiryDate && !existing.expiry_date) || (productionDate && !existing.production_date)) {
      prepare(
        tx.db,
        'UPDATE batches SET expiry_date = COALESCE(expiry_date, ?), production_date = COALESCE(production_date, ?) WHERE id = ?',
      ).run(expiryDate, productionDate, existing.id);
    }
    return existing.id;
  }
  const r = prepare(
    tx.db,
    'INSERT INTO batches (item_id, batch_no, production_date, expiry_date) VALUES (?, ?, ?, ?)',
  ).run(itemId, batchNo, productionDate, expiryDate);
  return Number(r.lastInsertRowid);
}

export function requireBatch(db: Database, item: ItemFacts, batchId: number): BatchRow {
  const b = prepare(db, 'SELECT * FROM batches WHERE id = ?').get(batchId) as BatchRow | undefined;
  if (!b || b.item_id !== item.id) fail('NOT_FOUND', `${item.name} 没有编号为 ${batchId} 的批次。`);
  return b;
}

/** The batch a receipt or a stocktake line names: by id, by number (created if new), or the plain one. */
export function batchForIncoming(tx: Tx, item: ItemFacts, line: PostLineInput): number {
  if (line.productionDate && line.expiryDate && line.expiryDate <= line.productionDate) {
    fail('INVALID_INPUT', `${item.name} 的有效期必须晚于生产日期。`);
  }
  if (line.batchId) return requireBatch(tx.db, item, line.batchId).id;
  if (item.tracks_batches === 1) {
    if (!line.batchNo) fail('BATCH_REQUIRED', `${item.name} 按批次管理,请填写批号。`);
    return findOrCreateBatch(tx, item.id, line.batchNo, line.productionDate ?? null, line.expiryDate ?? null);
  }
  return plainBatch(tx, item.id);
}
