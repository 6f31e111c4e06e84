import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { formatQuantity } from '../quantity';
import type { DocType, ItemRow } from '../schema';
import { prepare } from '../sql';

export interface MovementInput {
  documentId: number;
  lineId: number;
  kind: DocType;
  occurredAt: string;
  itemId: number;
  batchId: number;
  storeId: number;
  checkpointId: number | null;
  sourceId: number | null;
  delta: number;
}

/**
 * Writes one movement and moves the stock balance with it. A balance never goes below zero: the
 * table's CHECK (quantity >= 0) refuses it, and the refusal becomes INSUFFICIENT_STOCK, so the
 * common case costs no extra read.
 */
export function applyMovement(tx: Tx, m: MovementInput, item: ItemRow): void {
  prepare(
    tx.db,
    `INSERT INTO movements (document_id, line_id, kind, occurred_at, item_id, batch_id, store_id, checkpoint_id, source_id, delta)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(m.documentId, m.lineId, m.kind, m.occurredAt, m.itemId, m.batchId, m.storeId, m.checkpointId, m.sourceId, m.delta);
  try {
    // UPDATE first: an upsert would test CHECK (quantity >= 0) against the negative delta itself.
    const updated = prepare(
      tx.db,
      'UPDATE stock SET quantity = quantity + ? WHERE item_id = ? AND batch_id = ? AND store_id = ?',
    ).run(m.delta, m.itemId, m.batchId, m.storeId);
    if (updated.changes === 0) {
      prepare(tx.db, 'INSERT INTO stock (item_id, batch_id, store_id, quantity) VALUES (?, ?, ?, ?)').run(
        m.itemId,
        m.batchId,
        m.storeId,
        m.delta,
      );
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_CHECK') insufficient(item, itemTotal(tx.db, m.itemId, m.storeId), -m.delta);
    throw err;
  }
}

export function stockOf(db: Database, itemId: number, batchId: number, storeId: number): number {
  const row = prepare(db, 'SELECT quantity FROM stock WHERE item_id = ? AND batch_id = ? AND store_id = ?').get(
    itemId,
    batchId,
    storeId,
  ) as { quantity: number } | undefined;
  return row?.quantity ?? 0;
}

export function itemTotal(db: Database, itemId: number, storeId: number): number {
  const row = prepare(db, 'SELECT COALESCE(SUM(quantity), 0) AS q FROM stock WHERE item_id = ? AND store_id = ?').get(
    itemId,
    storeId,
  ) as { q: number };
  return row.q;
}

/** "医用外科口罩 库存不足:现有 120 只,申请 200 只" */
export function insufficient(item: ItemRow, available: number, requested: number): never {
  const q = (n: number) => `${formatQuantity(n, item.decimals)} ${item.unit}`;
  fail('INSUFFICIENT_STOCK', `${item.name} 库存不足:现有 ${q(available)},申请 ${q(requested)}`);
}

/** A batch that holds stock (allocations need no more than this). */
export interface BatchStock {
  batchId: number;
  quantity: number;
}

/**
 * Batches of an item in a store that hold stock, first expiry first (no expiry last), read in order
 * from the covering index `stock_fefo` alone (on this hardware each value handed to JavaScript
 * costs about a microsecond, so only what the allocation needs is read). Batches that expired
 * before `usableOn` (an office day; '' for all) are skipped by the index seek.
 */
export function batchesInStock(db: Database, itemId: number, storeId: number, usableOn: string, limit = -1): BatchStock[] {
  return prepare(
    db,
    `SELECT batch_id AS batchId, quantity FROM stock INDEXED BY stock_fefo
     WHERE item_id = ? AND store_id = ? AND quantity > 0 AND expiry_key >= ?
     ORDER BY expiry_key, batch_id LIMIT ?`,
  ).all(itemId, storeId, usableOn, limit) as BatchStock[];
}

/** Most issues are covered by the first usable batches to expire: those are read first, all of them only when needed. */
const FIRST_BATCHES = 4;

export interface Allocation {
  batchId: number;
  quantity: number;
}

const total = (batches: BatchStock[]) => batches.reduce((s, b) => s + b.quantity, 0);

/**
 * Splits an outgoing quantity over batches first-expiry-first-out. Expired batches (expiry
 * before `today`) are only used when `allowExpired`; without it, a shortfall that expired stock
 * would cover is reported as BATCH_EXPIRED rather than INSUFFICIENT_STOCK.
 */
export function allocateFefo(
  db: Database,
  item: ItemRow,
  storeId: number,
  requested: number,
  today: string,
  allowExpired: boolean,
): Allocation[] {
  const usableOn = allowExpired ? '' : today;
  let usable = batchesInStock(db, item.id, storeId, usableOn, FIRST_BATCHES);
  if (usable.length === FIRST_BATCHES && total(usable) < requested) usable = batchesInStock(db, item.id, storeId, usableOn);
  const { result, left } = takeInOrder(usable, requested);
  if (left > 0) {
    const all = allowExpired ? usable : batchesInStock(db, item.id, storeId, '');
    if (total(all) >= requested) {
      const expired = prepare(db, 'SELECT batch_no, expiry_date FROM batches WHERE id = ?').get(all[0].batchId) as { batch_no: string; expiry_date: string };
      expiredBatch(item, expired.batch_no, expired.expiry_date);
    }
    insufficient(item, total(usable), requested);
  }
  return result;
}

/** Takes `requested` from the candidates in their order; says what is left when they run out. */
export function takeInOrder(candidates: { batchId: number; quantity: number }[], requested: number): { result: Allocation[]; left: number } {
  const result: Allocation[] = [];
  let left = requested;
  for (const b of candidates) {
    if (left === 0) break;
    const take = Math.min(left, b.quantity);
    result.push({ batchId: b.batchId, quantity: take });
    left -= take;
  }
  return { result, left };
}

export function isExpired(expiryDate: string | null, today: string): boolean {
  return expiryDate !== null && expiryDate < today;
}

export function expiredBatch(item: ItemRow, batchNo: string, expiryDate: string): never {
  fail(
    'BATCH_EXPIRED',
    `${item.name} 批号 ${batchNo || '(无批号)'} 已于 ${expiryDate} 过期,不能发放。如确需发放,请填写原因。`,
  );
}
