import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import { breachOf, type HeldAt, type StockAt } from './as-of';
import { requireBatch } from './batches';
import type { ItemFacts } from './item-facts';
import { insufficient, leavesLaterShort, returnExceeds } from './refusals';

export interface Allocation {
  batchId: number;
  quantity: number;
  /** Taken from a batch that had expired by the document's day (only with an override, or for a loss). */
  expired: boolean;
}

/**
 * What the earlier lines of the document being posted took, by batch: a document's lines are
 * written together at the end, so later lines of it see the ledger without them.
 */
export class Taken {
  private readonly byBatch = new Map<number, number>();

  add(batchId: number, quantity: number): void {
    this.byBatch.set(batchId, this.ofBatch(batchId) + quantity);
  }
  ofBatch(batchId: number): number {
    return this.byBatch.get(batchId) ?? 0;
  }
  /** The batches less what this document took of them. */
  left<B extends { batchId: number; atT: number; available: number }>(batches: B[]): B[] {
    return batches.map((b) => ({ ...b, atT: b.atT - this.ofBatch(b.batchId), available: b.available - this.ofBatch(b.batchId) }));
  }
}

/** Takes `requested` from the candidates in their order, each as much as it can give; says what is left. */
export function takeInOrder(candidates: { batchId: number; available: number; expired?: boolean }[], requested: number): { result: Allocation[]; left: number } {
  const result: Allocation[] = [];
  let left = requested;
  for (const b of candidates) {
    if (left === 0) break;
    const take = Math.min(left, b.available);
    if (take <= 0) continue;
    result.push({ batchId: b.batchId, quantity: take, expired: !!b.expired });
    left -= take;
  }
  return { result, left };
}

const positive = (n: number) => Math.max(0, n);
const sum = (list: number[]) => list.reduce((s, n) => s + n, 0);

/**
 * Why candidates cannot give `requested` at T: there was not enough at T (`atT` is what there was),
 * or there was, but taking it in this order leaves a later document short (`culprit`: the batch and
 * how much would be taken from it).
 */
function shortfall(candidates: { batchId: number; atT: number; available: number }[], requested: number) {
  const atT = sum(candidates.map((b) => positive(b.atT)));
  let rest = requested;
  for (const b of candidates) {
    const take = Math.min(positive(b.atT), rest);
    if (take > b.available) return { atT, culprit: { batchId: b.batchId, take } };
    rest -= take;
  }
  return { atT, culprit: null };
}

/** How expired batches may be used: never (an issue), for the shortfall only (an issue with an override), like any other (a loss). */
export type ExpiredUse = 'never' | 'shortfall' | 'fefo';

/**
 * Splits an outgoing quantity over the item's batches first-expiry-first-out, as they stood at the
 * document's time and as later documents still need them. An item that began to track batches with
 * stock on hand has that stock as its batch without a number (未分批), taken first as the oldest.
 */
export function allocateFefo(db: Database, tz: string, stock: StockAt, item: ItemFacts, taken: Taken, requested: number, today: string, use: ExpiredUse): Allocation[] {
  let batches = taken.left(stock.batches(item.id)).map((b) => ({ ...b, expired: b.expiryKey < today }));
  if (item.tracks_batches === 1 && item.plain_batch !== null) {
    batches = [...batches.filter((b) => b.batchId === item.plain_batch), ...batches.filter((b) => b.batchId !== item.plain_batch)];
  }
  const fresh = batches.filter((b) => !b.expired);
  const order = use === 'fefo' ? batches : use === 'shortfall' ? [...fresh, ...batches.filter((b) => b.expired)] : fresh;
  const { result, left } = takeInOrder(order, requested);
  if (left === 0) return result;
  if (use === 'never' && sum(batches.map((b) => positive(b.available))) >= requested) {
    const first = requireBatch(db, item, batches.find((b) => b.expired && b.available > 0)!.batchId);
    expiredBatch(item, first.batch_no, first.expiry_date!);
  }
  if (!stock.movedLater(item.id)) insufficient(item, sum(order.map((b) => positive(b.available))), requested);
  const why = shortfall(order, requested);
  if (why.culprit) {
    const s = stock.series(item.id, why.culprit.batchId);
    const breach = breachOf({ atT: s.atT - taken.ofBatch(why.culprit.batchId), later: s.later }, -why.culprit.take);
    if (breach && breach.at !== null) leavesLaterShort(db, tz, item, breach, false);
  }
  insufficient(item, why.atT, requested, { iso: stock.at, tz });
}

/** Returns go back to the batches the checkpoint held at the document's time and still holds after it, never more. */
export function allocateReturn(db: Database, tz: string, held: HeldAt, item: ItemFacts, batchId: number | undefined, taken: Taken, requested: number, checkpoint: string): Allocation[] {
  const all = taken.left(held.batches(item.id));
  const candidates = batchId ? all.filter((b) => b.batchId === batchId) : all;
  const { result, left } = takeInOrder(candidates, requested);
  if (left === 0) return result;
  if (!held.movedLater(item.id)) returnExceeds(db, tz, item, held.holding, checkpoint, { held: sum(candidates.map((b) => positive(b.available))), requested });
  const why = shortfall(candidates, requested);
  if (why.culprit) {
    const s = held.series(item.id, why.culprit.batchId);
    const breach = breachOf({ atT: s.atT - taken.ofBatch(why.culprit.batchId), later: s.later }, -why.culprit.take);
    if (breach && breach.at !== null) returnExceeds(db, tz, item, held.holding, checkpoint, { breach });
  }
  returnExceeds(db, tz, item, held.holding, checkpoint, { held: why.atT, requested, at: held.at });
}

export function isExpired(expiryDate: string | null, today: string): boolean {
  return expiryDate !== null && expiryDate < today;
}

export function expiredBatch(item: ItemFacts, batchNo: string, expiryDate: string): never {
  fail(
    'BATCH_EXPIRED',
    `${item.name} 批号 ${batchNo || '(无批号)'} 已于 ${expiryDate} 过期,不能发放。如确需发放,请填写过期发放原因。`,
  );
}
