import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { yuan } from '../print/money';
import { readSettings } from '../reference/settings';
import { id, text } from '../reference/common';
import { all, first, qb, run } from '../sql';
import { localDateTime } from '../time';
import { addressOf, byAddress, getHousehold } from './households';
import { maskPhone } from './mask';
import { compoundsOf, cutoffText, getRoundRow, mustBeOpen, roundGoods, type RoundGoodsView, type RoundRow } from './rounds';

/* 住户订单: each household's request, as it comes in by phone or from the WeChat group. */

const count = z.number().int().min(1).max(9999);
export const orderRecordInput = z.strictObject({
  roundId: id,
  householdId: id,
  lines: z.array(z.strictObject({ goodsId: id, quantity: count })).min(1).max(60),
  note: text(100).optional(),
  /** Entered after the cut-off on purpose: it stays in this round instead of going to the next. */
  afterCutoff: z.boolean().optional(),
});
export const orderChangeInput = z.strictObject({
  orderId: id,
  /** The new quantity of each good named (0 takes it out); goods not named keep theirs. */
  lines: z.array(z.strictObject({ goodsId: id, quantity: count.or(z.literal(0)) })).min(1).max(60),
  note: text(100).optional(),
  afterCutoff: z.boolean().optional(),
});
export const orderListInput = z.strictObject({ roundId: id });

export interface OrderLineView {
  goodsId: number;
  name: string;
  spec: string;
  unit: string;
  price: number;
  quantity: number;
  amount: number;
}

export interface OrderView {
  id: number;
  roundId: number;
  roundNumber: string;
  householdId: number;
  compound: string;
  address: string;
  contact: string;
  /** 138****0012: the full number stays on the household. */
  phone: string;
  requests: number;
  note: string;
  lines: OrderLineView[];
  total: number;
  /** What staff read back to the resident: "您订了:…,合计 ¥96.00。" */
  readBack: string;
  /** Set when the order was entered after its round's cut-off and went to the next round. */
  movedFrom?: string;
}

export function recordOrder(tx: Tx, input: z.infer<typeof orderRecordInput>, userId: number): OrderView {
  const round = getRoundRow(tx.db, input.roundId);
  mustBeOpen(round);
  const household = getHousehold(tx.db, input.householdId);
  if (!household.active) fail('INACTIVE', `住户“${household.compound} ${addressOf(household)}”已停用。`);
  if (!compoundsOf(tx.db, round.id).includes(household.compound)) {
    fail('INVALID_INPUT', `${household.compound} ${addressOf(household)} 不在采购批次 ${round.number} 的小区内(${compoundsOf(tx.db, round.id).join('、')})。`);
  }
  const goods = goodsOf(tx.db, round, input.lines.map((l) => l.goodsId));
  const now = tx.clock.now();
  if (now.getTime() > Date.parse(round.cutoff_at) && !input.afterCutoff) {
    return { ...toNextRound(tx, round, household.compound, input, goods, userId), movedFrom: round.number };
  }
  const existing = first(tx.db, qb.selectFrom('orders').selectAll().where('round_id', '=', round.id).where('household_id', '=', household.id));
  const before = existing ? quantities(tx.db, existing.id) : new Map<number, number>();
  const after = new Map(before);
  for (const l of input.lines) after.set(l.goodsId, (after.get(l.goodsId) ?? 0) + l.quantity);
  withinLimits(round, goods, before, after);
  const at = now.toISOString();
  const clock = localDateTime(now, readSettings(tx.db).timeZone).slice(11);
  const typed = input.lines.map((l) => `${goods.get(l.goodsId)!.name} ${l.quantity}`).join('、');
  let orderId: number;
  if (existing) {
    const line = `${clock} 追加:${typed}${input.note ? `;${input.note}` : ''}`;
    run(tx.db, qb.updateTable('orders').set({ requests: existing.requests + 1, note: [existing.note, line].filter(Boolean).join('\n'), updated_at: at }).where('id', '=', existing.id));
    orderId = existing.id;
  } else {
    orderId = run(tx.db, qb.insertInto('orders').values({
      round_id: round.id, household_id: household.id, requests: 1, note: input.note ? `${clock} ${input.note}` : '', created_at: at, created_by: userId, updated_at: at,
    })).id;
  }
  saveQuantities(tx.db, orderId, before, after);
  return getOrder(tx.db, orderId);
}

export function changeOrder(tx: Tx, input: z.infer<typeof orderChangeInput>): OrderView {
  const order = first(tx.db, qb.selectFrom('orders').selectAll().where('id', '=', input.orderId));
  if (!order) fail('NOT_FOUND', `订单(编号 ${input.orderId})不存在。`);
  const round = getRoundRow(tx.db, order.round_id);
  mustBeOpen(round);
  const now = tx.clock.now();
  if (now.getTime() > Date.parse(round.cutoff_at) && !input.afterCutoff) {
    fail('AFTER_CUTOFF', `采购批次 ${round.number} 已于 ${cutoffText(tx.db, round)} 截单,修改订单须确认“截单后仍修改”。`);
  }
  const goods = goodsOf(tx.db, round, input.lines.map((l) => l.goodsId));
  const before = quantities(tx.db, order.id);
  const after = new Map(before);
  for (const l of input.lines) after.set(l.goodsId, l.quantity);
  withinLimits(round, goods, before, after);
  const clock = localDateTime(now, readSettings(tx.db).timeZone).slice(11);
  const changed = input.lines.map((l) => `${goods.get(l.goodsId)!.name} ${before.get(l.goodsId) ?? 0}→${l.quantity}`).join('、');
  const line = `${clock} 修改:${changed}${input.note ? `;${input.note}` : ''}`;
  run(tx.db, qb.updateTable('orders').set({ note: [order.note, line].filter(Boolean).join('\n'), updated_at: now.toISOString() }).where('id', '=', order.id));
  saveQuantities(tx.db, order.id, before, after);
  return getOrder(tx.db, order.id);
}

/** After the cut-off an order goes to the next open round for the compound, good by good (same name, spec and unit). */
function toNextRound(tx: Tx, round: RoundRow, compound: string, input: z.infer<typeof orderRecordInput>, goods: Map<number, RoundGoodsView>, userId: number): OrderView {
  const now = tx.clock.now().toISOString();
  const next = first(tx.db, qb.selectFrom('rounds as r').innerJoin('round_compounds as c', 'c.round_id', 'r.id').selectAll('r')
    .where('c.compound', '=', compound).where('r.state', '=', 'open').where('r.cutoff_at', '>', now).where('r.id', '<>', round.id)
    .orderBy('r.cutoff_at').orderBy('r.id'));
  const closed = `采购批次 ${round.number} 已于 ${cutoffText(tx.db, round)} 截单`;
  if (!next) fail('AFTER_CUTOFF', `${closed},${compound}还没有下一批次。请新开批次,或确认“截单后仍计入本批次”。`);
  const key = (g: RoundGoodsView) => `${g.name}\u0000${g.spec}\u0000${g.unit}`;
  const theirs = new Map(roundGoods(tx.db, next.id).map((g) => [key(g), g]));
  const missing = input.lines.map((l) => goods.get(l.goodsId)!).filter((g) => !theirs.has(key(g)));
  if (missing.length) fail('AFTER_CUTOFF', `${closed};下一批次 ${next.number} 的价目表没有:${missing.map((g) => g.name).join('、')}。请在该批次重新选择商品,或确认“截单后仍计入本批次”。`);
  const lines = input.lines.map((l) => ({ goodsId: theirs.get(key(goods.get(l.goodsId)!))!.id, quantity: l.quantity }));
  // The order keeps where it came from: the note says so on the next round's order.
  const note = [`由 ${round.number} 转入(截单后登记)`, input.note].filter(Boolean).join(';');
  return recordOrder(tx, { ...input, roundId: next.id, lines, note }, userId);
}

function goodsOf(db: Database, round: RoundRow, ids: number[]): Map<number, RoundGoodsView> {
  const list = new Map(roundGoods(db, round.id).map((g) => [g.id, g]));
  const foreign = ids.filter((g) => !list.has(g));
  if (foreign.length) fail('INVALID_INPUT', `商品(编号 ${foreign.join('、')})不在采购批次 ${round.number} 的价目表中。`);
  if (new Set(ids).size !== ids.length) fail('INVALID_INPUT', '同一商品在一次登记中出现了两次,请合并为一行。');
  return list;
}

/** `goods`: the round's price list, as goodsOf read it. */
function withinLimits(round: RoundRow, goods: Map<number, RoundGoodsView>, before: Map<number, number>, after: Map<number, number>): void {
  for (const [goodsId, quantity] of after) {
    const g = goods.get(goodsId)!;
    if (g.perHousehold !== null && quantity > g.perHousehold && quantity > (before.get(goodsId) ?? 0)) {
      fail('LIMIT_EXCEEDED', `${g.name} 每户限购 ${g.perHousehold} ${g.unit}:已订 ${before.get(goodsId) ?? 0} ${g.unit},登记后将为 ${quantity} ${g.unit}。`);
    }
  }
  const amount = (m: Map<number, number>) => [...m].reduce((sum, [goodsId, q]) => sum + goods.get(goodsId)!.price * q, 0);
  if (round.household_limit !== null && amount(after) > round.household_limit && amount(after) > amount(before)) {
    fail('LIMIT_EXCEEDED', `每户限额 ${yuan(round.household_limit)}:已订 ${yuan(amount(before))},登记后将为 ${yuan(amount(after))}。`);
  }
}

function quantities(db: Database, orderId: number): Map<number, number> {
  return new Map(all(db, qb.selectFrom('order_lines').select(['goods_id', 'quantity']).where('order_id', '=', orderId)).map((l) => [l.goods_id, l.quantity]));
}

function saveQuantities(db: Database, orderId: number, before: Map<number, number>, after: Map<number, number>): void {
  for (const [goodsId, quantity] of after) {
    if (before.get(goodsId) === quantity) continue;
    if (quantity === 0) run(db, qb.deleteFrom('order_lines').where('order_id', '=', orderId).where('goods_id', '=', goodsId));
    else if (before.has(goodsId)) run(db, qb.updateTable('order_lines').set({ quantity }).where('order_id', '=', orderId).where('goods_id', '=', goodsId));
    else run(db, qb.insertInto('order_lines').values({ order_id: orderId, goods_id: goodsId, quantity }));
  }
}

export function getOrder(db: Database, orderId: number): OrderView {
  const order = first(db, qb.selectFrom('orders').selectAll().where('id', '=', orderId));
  if (!order) fail('NOT_FOUND', `订单(编号 ${orderId})不存在。`);
  return listOrders(db, { roundId: order.round_id }, orderId)[0];
}

/** The round's orders in address order (an order whose goods were all taken out stays, with no lines). */
export function listOrders(db: Database, input: z.infer<typeof orderListInput>, onlyId?: number): OrderView[] {
  const round = getRoundRow(db, input.roundId);
  const goods = new Map(roundGoods(db, round.id).map((g) => [g.id, g]));
  let q = qb.selectFrom('orders as o').innerJoin('households as h', 'h.id', 'o.household_id')
    .select(['o.id', 'h.id as household_id', 'o.requests', 'o.note', 'h.compound', 'h.building', 'h.unit', 'h.room', 'h.contact', 'h.phone'])
    .where('o.round_id', '=', round.id);
  if (onlyId) q = q.where('o.id', '=', onlyId);
  const orders = all(db, q).sort(byAddress);
  // One order (the answer to each order recorded) reads its own lines, not the round's.
  let lineQuery = qb.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id').select(['l.order_id', 'l.goods_id', 'l.quantity'])
    .where('o.round_id', '=', round.id).orderBy('l.goods_id');
  if (onlyId) lineQuery = lineQuery.where('l.order_id', '=', onlyId);
  const lines = all(db, lineQuery);
  const byOrder = new Map<number, OrderLineView[]>();
  for (const l of lines) {
    const g = goods.get(l.goods_id)!;
    const list = byOrder.get(l.order_id) ?? [];
    list.push({ goodsId: g.id, name: g.name, spec: g.spec, unit: g.unit, price: g.price, quantity: l.quantity, amount: g.price * l.quantity });
    byOrder.set(l.order_id, list);
  }
  return orders.map((o) => {
    const mine = byOrder.get(o.id) ?? [];
    const total = mine.reduce((s, l) => s + l.amount, 0);
    return {
      id: o.id, roundId: round.id, roundNumber: round.number, householdId: o.household_id, compound: o.compound, address: addressOf(o),
      contact: o.contact, phone: maskPhone(o.phone), requests: o.requests, note: o.note, lines: mine, total, readBack: readBack(mine, total),
    };
  });
}

export function readBack(lines: OrderLineView[], total: number): string {
  if (lines.length === 0) return '您这次没有订购商品。';
  const what = lines.map((l) => `${l.name}${l.spec ? ` ${l.spec}` : ''} ${l.quantity} ${l.unit}`).join('、');
  return `您订了:${what},合计 ${yuan(total)}。`;
}
