import type { Database } from 'better-sqlite3';
import type { DocType } from '../schema';
import { jsonRows } from '../sql';

// SQL written by hand on a measured hot path: stock and holdings at an instant, for backdated postings and voids (post_backdated_ms, void_ms); figures in docs/performance.md.

/**
 * Every stock question at an instant T. A balance is seen from T as a `Series`: its value at T
 * (every movement at or before T counted) and the movements after T in time order. A change at T
 * stands only if the balance stays at or above zero at T and at every later instant; balances are
 * compared after all the movements of an instant. Stock balances and what a checkpoint holds are both
 * read this way, so posting and voiding answer "can this stand" with the same rule.
 *
 * Stock at T is the kept balance less what moved after T, so the cost follows the movements after T
 * (through the per-item time index), never the length of the history.
 */
export interface LaterMove {
  at: string;
  delta: number;
  documentId: number;
}

export interface Series {
  atT: number;
  later: LaterMove[];
}

/** Applies `fn` to each later instant's balance in turn (all movements of the instant added). */
function walk(s: Series, start: number, fn: (balance: number, at: string, moves: LaterMove[]) => boolean): void {
  let balance = start;
  for (let k = 0; k < s.later.length; ) {
    const at = s.later[k].at;
    const from = k;
    while (k < s.later.length && s.later[k].at === at) balance += s.later[k++].delta;
    if (fn(balance, at, s.later.slice(from, k))) return;
  }
}

/** The lowest the balance is at T or after: what a document at T can take without leaving a later one short. */
export function lowestFrom(s: Series): number {
  let low = s.atT;
  walk(s, s.atT, (b) => ((low = Math.min(low, b)), false));
  return low;
}

export interface Breach {
  /** The later instant where the balance first goes below zero; null: at T itself. */
  at: string | null;
  balance: number;
  /** The movement at that instant that takes it down the most. */
  move?: LaterMove;
}

/** Where adding `delta` at T first takes the balance below zero, or null when it never does. */
export function breachOf(s: Series, delta: number): Breach | null {
  if (s.atT + delta < 0) return { at: null, balance: s.atT + delta };
  let found: Breach | null = null;
  walk(s, s.atT + delta, (balance, at, moves) => {
    if (balance >= 0) return false;
    found = { at, balance, move: moves.reduce((a, b) => (b.delta < a.delta ? b : a)) };
    return true;
  });
  return found;
}

/** A batch in stock now, with its balance at T and what can be taken at T. */
export interface BatchAt {
  batchId: number;
  expiryKey: string;
  /** The balance at T. */
  atT: number;
  /** The lowest balance at T or after. */
  available: number;
}

/**
 * The store's stock of some items, seen from T. Loaded per item once (a document's items at once):
 * the batches in stock now from the covering index `stock_fefo`, and the item's movements after T
 * from the per-item time index (none when T is now, so posting in the present costs one seek per item).
 */
export class StockAt {
  private readonly now = new Map<number, Map<number, { expiryKey: string; quantity: number }>>();
  private readonly later = new Map<number, Map<number, LaterMove[]>>();

  constructor(
    private readonly db: Database,
    readonly storeId: number,
    readonly at: string,
  ) {}

  load(itemIds: number[]): void {
    const wanted = [...new Set(itemIds)].filter((id) => !this.now.has(id));
    if (!wanted.length) return;
    const ids = JSON.stringify(wanted);
    for (const id of wanted) {
      this.now.set(id, new Map());
      this.later.set(id, new Map());
    }
    const inStock = jsonRows<[number, number, string, number]>(
      this.db, 'item_id, batch_id, expiry_key, quantity',
      'FROM stock INDEXED BY stock_fefo WHERE item_id IN (SELECT value FROM json_each(?)) AND store_id = ? AND quantity > 0',
      'item_id, expiry_key, batch_id', ids, this.storeId,
    );
    for (const [item, batch, expiryKey, quantity] of inStock) this.now.get(item)!.set(batch, { expiryKey, quantity });
    const later = jsonRows<[number, number, string, number, number]>(
      this.db, 'item_id, batch_id, occurred_at, delta, document_id',
      'FROM movements WHERE item_id IN (SELECT value FROM json_each(?)) AND occurred_at > ? AND store_id = ?',
      'item_id, occurred_at', ids, this.at, this.storeId,
    );
    for (const [item, batch, at, delta, documentId] of later) {
      const byBatch = this.later.get(item)!;
      const list = byBatch.get(batch);
      if (list) list.push({ at, delta, documentId });
      else byBatch.set(batch, [{ at, delta, documentId }]);
    }
    this.loadEmptiedLater(wanted);
  }

  /**
   * A batch empty now that moved after T had stock at T, all of it spoken for later: it joins the
   * batches (its kept row gives the expiry order) so that a refusal names the later document
   * instead of "现有 0". Only documents dated back read this.
   */
  private loadEmptiedLater(itemIds: number[]): void {
    const missing = itemIds.flatMap((item) => [...this.later.get(item)!.keys()].filter((batch) => !this.now.get(item)!.has(batch)).map((batch) => [item, batch]));
    if (!missing.length) return;
    const rows = jsonRows<[number, number, string]>(
      this.db, 'item_id, batch_id, expiry_key',
      'FROM stock WHERE store_id = ? AND (item_id, batch_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))', null,
      this.storeId, JSON.stringify(missing),
    );
    for (const [item, batch, expiryKey] of rows) this.now.get(item)!.set(batch, { expiryKey, quantity: 0 });
    // The batches stay first expiry first, as the index gives those in stock.
    for (const item of new Set(rows.map(([i]) => i))) {
      const sorted = [...this.now.get(item)!].sort(([a, x], [b, y]) => (x.expiryKey < y.expiryKey ? -1 : x.expiryKey > y.expiryKey ? 1 : a - b));
      this.now.set(item, new Map(sorted));
    }
  }

  /** Whether anything moved the item after T: refusals then name times, not "现有". */
  movedLater(itemId: number): boolean {
    this.load([itemId]);
    return this.later.get(itemId)!.size > 0;
  }

  series(itemId: number, batchId: number): Series {
    this.load([itemId]);
    const later = this.later.get(itemId)!.get(batchId) ?? [];
    const now = this.now.get(itemId)!.get(batchId)?.quantity ?? 0;
    return { atT: now - later.reduce((s, m) => s + m.delta, 0), later };
  }

  /**
   * The batches that had stock at T or have it now, first expiry first (no expiry last). A batch empty
   * now gives nothing at T (its lowest balance from T on is zero) but is listed when it moved after T,
   * for the refusal's words.
   */
  batches(itemId: number): BatchAt[] {
    this.load([itemId]);
    return [...this.now.get(itemId)!].map(([batchId, b]) => {
      const s = this.series(itemId, batchId);
      return { batchId, expiryKey: b.expiryKey, atT: s.atT, available: lowestFrom(s) };
    });
  }
}

/** Which movement kinds make up what a checkpoint holds: goods issued less returned, or lent less given back. */
export const HOLDING_KINDS = { issue: ['issue', 'return'], loan: ['loan', 'loan_return'] } as const;
export type Holding = keyof typeof HOLDING_KINDS;

export function holdingOf(kind: DocType): Holding | null {
  return (Object.keys(HOLDING_KINDS) as Holding[]).find((h) => (HOLDING_KINDS[h] as readonly string[]).includes(kind)) ?? null;
}

/** A batch a checkpoint holds: its expiry for the order of returns, what it held at T and the lowest from T on. */
export interface HeldBatch {
  batchId: number;
  expiry: string | null;
  atT: number;
  available: number;
}

/**
 * What one checkpoint holds of some items, per batch, seen from T: the kept holding less what moved
 * after T, as for stock.
 */
export class HeldAt {
  private readonly byItem = new Map<number, Map<number, Series>>();

  constructor(
    private readonly db: Database,
    readonly holding: Holding,
    readonly checkpointId: number,
    readonly storeId: number,
    readonly at: string,
  ) {}

  /**
   * Loads what the checkpoint holds of these items at once: the kept holdings now (migration 0011)
   * less the movements after T, which the covering checkpoint index (0010) finds by a seek.
   */
  load(itemIds: number[]): void {
    const wanted = [...new Set(itemIds)].filter((id) => !this.byItem.has(id));
    if (!wanted.length) return;
    for (const id of wanted) this.byItem.set(id, new Map());
    const ids = JSON.stringify(wanted);
    const now = jsonRows<[number, number, number]>(
      this.db, 'item_id, batch_id, quantity',
      'FROM holdings WHERE checkpoint_id = ? AND item_id IN (SELECT value FROM json_each(?)) AND holding = ? AND store_id = ?', null,
      this.checkpointId, ids, this.holding, this.storeId,
    );
    for (const [item, batch, quantity] of now) this.byItem.get(item)!.set(batch, { atT: quantity, later: [] });
    const [out, back] = HOLDING_KINDS[this.holding];
    const later = jsonRows<[number, number, string, number, number]>(
      this.db, 'item_id, batch_id, occurred_at, delta, document_id',
      `FROM movements INDEXED BY movements_checkpoint WHERE checkpoint_id = ? AND item_id IN (SELECT value FROM json_each(?))
         AND kind IN (?, ?) AND occurred_at > ? AND store_id = ?`,
      'occurred_at', this.checkpointId, ids, out, back, this.at, this.storeId,
    );
    for (const [item, batch, at, delta, documentId] of later) {
      const batches = this.byItem.get(item)!;
      let s = batches.get(batch);
      if (!s) batches.set(batch, (s = { atT: 0, later: [] }));
      // Stock going out is the checkpoint's coming in; what it held at T is what it holds now less this.
      s.later.push({ at, delta: -delta, documentId });
      s.atT += delta;
    }
  }

  private batchesOf(itemId: number): Map<number, Series> {
    this.load([itemId]);
    return this.byItem.get(itemId)!;
  }

  series(itemId: number, batchId: number): Series {
    return this.batchesOf(itemId).get(batchId) ?? { atT: 0, later: [] };
  }

  movedLater(itemId: number): boolean {
    return [...this.batchesOf(itemId).values()].some((s) => s.later.length > 0);
  }

  /** The batches it can give back at T, first expiry first (no expiry last). */
  batches(itemId: number): HeldBatch[] {
    const held = [...this.batchesOf(itemId)].map(([batchId, s]) => ({ batchId, atT: s.atT, available: lowestFrom(s) }));
    const expiry = new Map(jsonRows<[number, string | null]>(this.db, 'id, expiry_date', 'FROM batches WHERE id IN (SELECT value FROM json_each(?))', null, JSON.stringify(held.map((b) => b.batchId))));
    return held
      .map((b) => ({ ...b, expiry: expiry.get(b.batchId) ?? null }))
      .sort((a, b) => Number(a.expiry === null) - Number(b.expiry === null) || (a.expiry ?? '').localeCompare(b.expiry ?? '') || a.batchId - b.batchId);
  }
}

/**
 * Stocktake lines at or after T of these items in the store (posted, not voided): a change before a
 * count would make the count's book quantity untrue. `except` is a document being voided.
 */
export function countsFrom(db: Database, storeId: number, at: string, itemIds: number[], except = 0) {
  return jsonRows<[item: number, batch: number, number: string, at: string]>(
    db, 'l.item_id, l.batch_id, d.number, d.occurred_at',
    `FROM documents d INDEXED BY documents_type_time JOIN document_lines l ON l.document_id = d.id
     WHERE d.type = 'stocktake' AND d.occurred_at >= ? AND d.state = 'posted' AND d.store_id = ? AND d.id <> ?
       AND l.item_id IN (SELECT value FROM json_each(?))`,
    'd.occurred_at', at, storeId, except, JSON.stringify([...new Set(itemIds)]),
  );
}
