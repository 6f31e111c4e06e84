import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import { prepare } from '../sql';
import { breachOf, countsFrom, HeldAt, holdingOf, type StockAt } from './as-of';
import type { ItemFacts } from './item-facts';
import type { LineHeader, PlannedLine } from './lines';
import { countedLater, insufficient, leavesLaterShort, returnExceeds } from './refusals';

// SQL written by hand on a measured hot path: the checks at every later instant, with an index named where the planner would guess wrong (post_slip_ms); figures in docs/performance.md.

/** What the check needs besides the lines: the stock seen from the document's time (shared with the allocation), names for refusals. */
export interface Guard {
  tz: string;
  stock: StockAt;
  /** 移库: the receiving store's stock seen from the same instant. */
  toStock?: StockAt;
  items: Map<number, ItemFacts>;
  checkpointName: string;
  /** What the checkpoint holds, when the allocation has read it already (a return). */
  held?: HeldAt | null;
  /** Set when the movements reverse this document (a void). */
  voiding?: { id: number; number: string; occurredAt: string };
}

/**
 * The one invariant, checked for every post and every void before its movements are written, at the
 * document's own time: no stock balance (store, item, batch) below zero at that time or any later
 * instant; nothing a checkpoint holds (issued less returned, lent less given back) below zero then or
 * later; no change before a later count of the same goods.
 */
export function guardLaterInstants(db: Database, h: LineHeader, g: Guard, moving: PlannedLine[]): void {
  const net = new Map<string, { itemId: number; batchId: number; delta: number }>();
  for (const l of moving) {
    const key = `${l.itemId}:${l.batchId}`;
    const n = net.get(key);
    if (n) n.delta += l.delta;
    else net.set(key, { itemId: l.itemId, batchId: l.batchId, delta: l.delta });
  }
  const changed = [...net.values()].filter((n) => n.delta !== 0);
  if (!changed.length) return;
  for (const [itemId, batchId, number, at] of countsFrom(db, h.storeId, h.occurredAt, changed.map((n) => n.itemId), g.voiding?.id)) {
    if (net.get(`${itemId}:${batchId}`)?.delta) countedLater(g.tz, g.items.get(itemId)!, { number, at });
  }
  for (const n of changed) {
    if (n.delta > 0) continue;
    const item = g.items.get(n.itemId)!;
    const s = g.stock.series(n.itemId, n.batchId);
    const b = breachOf(s, n.delta);
    if (!b) continue;
    if (b.at !== null) leavesLaterShort(db, g.tz, item, b, !!g.voiding);
    insufficient(item, s.atT, -n.delta, g.stock.movedLater(n.itemId) ? { iso: h.occurredAt, tz: g.tz } : undefined);
  }
  const holding = holdingOf(h.kind);
  if (!holding || h.checkpointId === null) return;
  const held = g.held ?? new HeldAt(db, holding, h.checkpointId, h.storeId, h.occurredAt);
  held.load(changed.filter((n) => n.delta > 0).map((n) => n.itemId));
  for (const n of changed) {
    // Stock coming back in is the checkpoint's holding going down.
    if (n.delta < 0) continue;
    const item = g.items.get(n.itemId)!;
    const s = held.series(n.itemId, n.batchId);
    const b = breachOf(s, -n.delta);
    if (!b) continue;
    if (g.voiding) returnsFirst(db, holding, h.checkpointId, n.itemId, g.voiding, item.name);
    if (b.at !== null) returnExceeds(db, g.tz, item, holding, g.checkpointName, { breach: b });
    returnExceeds(db, g.tz, item, holding, g.checkpointName, { held: s.atT, requested: n.delta, at: held.movedLater(n.itemId) ? h.occurredAt : undefined });
  }
}

/** Voiding an issue or a loan whose goods partly came back: the returns are named, to be voided first. */
function returnsFirst(db: Database, holding: 'issue' | 'loan', checkpointId: number, itemId: number, original: { number: string; occurredAt: string }, itemName: string): never {
  const back = holding === 'issue' ? 'return' : 'loan_return';
  const numbers = (prepare(
    db,
    `SELECT DISTINCT d.number FROM movements m INDEXED BY movements_checkpoint JOIN documents d ON d.id = m.document_id
     WHERE m.checkpoint_id = ? AND m.item_id = ? AND m.kind = ? AND m.delta > 0 AND m.occurred_at >= ? AND d.state = 'posted' AND d.type <> 'void'
     ORDER BY d.occurred_at, d.id LIMIT 6`,
  ).pluck().all(checkpointId, itemId, back, original.occurredAt) as string[]);
  const list = numbers.length > 5 ? `${numbers.slice(0, 5).join('、')} 等` : numbers.join('、');
  const [what, doc] = holding === 'issue' ? ['退库', '退库单'] : ['归还', '归还单'];
  fail('CANNOT_VOID', `${original.number} 中的 ${itemName} 已有${what}记录${list ? `(${list})` : ''},请先作废${doc}。`);
}
