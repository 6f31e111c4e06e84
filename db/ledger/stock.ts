import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { formatQuantity } from '../quantity';
import type { DocType } from '../schema';
import type { ItemFacts } from './item-facts';
import { prepare } from '../sql';
import { requireBatch } from './batches';

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
export function applyMovement(tx: Tx, m: MovementInput, item: ItemFacts): void {
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
export function insufficient(item: ItemFacts, available: number, requested: number): never {
  const q = (n: number) => `${formatQuantity(n, item.decimals)} ${item.unit}`;
  fail('INSUFFICIENT_STOCK', `${item.name} 库存不足:现有 ${q(available)},申请 ${q(requested)}`);
}

/** A batch that holds stock; `expiryKey` is its expiry date, '9999-12-31' when it has none. */
export interface BatchStock {
  batchId: number;
  expiryKey: string;
  quantity: number;
}

/**
 * The batches holding stock of these items in a store, each item's first expiry first (no expiry
 * last): one read of the covering index `stock_fefo` for a whole slip. On the office PCs measured,
 * a statement costs far more than the rows it reads, so the slip's items are not asked one by one.
 */
export function batchesInStock(db: Database, itemIds: number[], storeId: number): Map<number, BatchStock[]> {
  const rows = prepare(
    db,
    `SELECT item_id, batch_id, expiry_key, quantity FROM stock INDEXED BY stock_fefo
     WHERE item_id IN (SELECT value FROM json_each(?)) AND store_id = ? AND quantity > 0
     ORDER BY item_id, expiry_key, batch_id`,
  ).raw().all(JSON.stringify([...new Set(itemIds)]), storeId) as [number, number, string, number][];
  const byItem = new Map<number, BatchStock[]>(itemIds.map((id) => [id, []]));
  for (const [itemId, batchId, expiryKey, quantity] of rows) byItem.get(itemId)!.push({ batchId, expiryKey, quantity });
  return byItem;
}

export interface Allocation {
  batchId: number;
  quantity: number;
}

const total = (batches: { quantity: number }[]) => batches.reduce((s, b) => s + b.quantity, 0);

/**
 * What the earlier lines of the document being posted took, by batch and by item: a document's
 * lines are written together at the end, so later lines of it see the ledger without them.
 */
export class Taken {
  private readonly byBatch = new Map<number, number>();
  private readonly byItem = new Map<number, number>();

  add(itemId: number, batchId: number, quantity: number): void {
    this.byBatch.set(batchId, this.ofBatch(batchId) + quantity);
    this.byItem.set(itemId, this.ofItem(itemId) + quantity);
  }
  ofBatch(batchId: number): number {
    return this.byBatch.get(batchId) ?? 0;
  }
  ofItem(itemId: number): number {
    return this.byItem.get(itemId) ?? 0;
  }
  /** The batches with what is left of them, those left empty dropped. */
  left<B extends { batchId: number; quantity: number }>(batches: B[]): B[] {
    return batches.map((b) => ({ ...b, quantity: b.quantity - this.ofBatch(b.batchId) })).filter((b) => b.quantity > 0);
  }
}

/**
 * Splits an outgoing quantity over the item's batches (`inStock`, first expiry first, less what
 * the document already took) first-expiry-first-out. Expired batches (expiry before `today`) are
 * only used when `allowExpired`; without it, a shortfall that expired stock would cover is
 * reported as BATCH_EXPIRED rather than INSUFFICIENT_STOCK.
 */
export function allocateFefo(db: Database, item: ItemFacts, inStock: BatchStock[], requested: number, today: string, allowExpired: boolean): Allocation[] {
  const usable = allowExpired ? inStock : inStock.filter((b) => b.expiryKey >= today);
  const { result, left } = takeInOrder(usable, requested);
  if (left > 0) {
    if (total(inStock) >= requested) {
      const expired = requireBatch(db, item, inStock[0].batchId);
      expiredBatch(item, expired.batch_no, expired.expiry_date!);
    }
    insufficient(item, total(usable), requested);
  }
  return result;
}

/** An outgoing line that names its batch: refused when the batch (less what the document took) cannot cover it. */
export function requireInBatch(db: Database, item: ItemFacts, batchId: number, storeId: number, requested: number, taken: Taken): void {
  if (stockOf(db, item.id, batchId, storeId) - taken.ofBatch(batchId) < requested) {
    insufficient(item, itemTotal(db, item.id, storeId) - taken.ofItem(item.id), requested);
  }
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

export function expiredBatch(item: ItemFacts, batchNo: string, expiryDate: string): never {
  fail(
    'BATCH_EXPIRED',
    `${item.name} 批号 ${batchNo || '(无批号)'} 已于 ${expiryDate} 过期,不能发放。如确需发放,请填写原因。`,
  );
}
