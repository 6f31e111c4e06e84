import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { yuan } from '../print/money';
import { fen, id, text } from '../reference/common';
import { all, first, qb, run } from '../sql';
import { addressOf, byAddress } from './households';
import { maskPhone } from './mask';
import { getRoundRow } from './rounds';

/* 收款 and 入户配送: what each household gets and owes after the hand-over, what it paid, whether its bag arrived; 对账 with the supplier's bill. */

export const PAY_METHODS = { wechat: '微信', alipay: '支付宝', cash: '现金', proxy: '代付' } as const;

export const payInput = z.strictObject({
  orderId: id,
  amount: fen,
  method: z.enum(['wechat', 'alipay', 'cash', 'proxy']),
  /** Who paid for the household (代付). */
  payer: text(20).optional(),
});
export const unpayInput = z.strictObject({ orderId: id });
export const deliverInput = z.strictObject({ orderId: id, delivered: z.boolean(), note: text(100).optional() });
export const reconcileInput = z.strictObject({ roundId: id, supplierBill: fen });
export const settlementInput = z.strictObject({ roundId: id });

export interface SettledLine {
  goodsId: number;
  name: string;
  spec: string;
  unit: string;
  price: number;
  ordered: number;
  /** What the household gets (after shortages; a substitute has ordered 0). */
  gets: number;
  amount: number;
  /** A substitute's original good. */
  replaces: string | null;
}

export interface SettledOrder {
  orderId: number;
  /** When the household's first request came in: the order of 先到先得. */
  orderedAt: string;
  /** Null once the round is anonymised. */
  householdId: number | null;
  compound: string;
  building: string;
  address: string;
  contact: string;
  phone: string;
  specialNeeds: boolean;
  lines: SettledLine[];
  due: number;
  paid: number | null;
  method: keyof typeof PAY_METHODS | null;
  payer: string;
  deliveredAt: string | null;
  deliveryNote: string;
}

export interface Settlement {
  roundId: number;
  number: string;
  handedOver: boolean;
  /** The hand-over as it was done (to redo it from): the rule, the extras note, when and by whom; who took each substitute. */
  handover: { rule: 'first' | 'prorata'; extras: string; at: string; by: string } | null;
  substitutes: { goodsId: number; replacesGoodsId: number; takers: number[] }[];
  orders: SettledOrder[];
  goods: { goodsId: number; name: string; spec: string; unit: string; price: number; ordered: number; delivered: number | null; allotted: number; replaces: string | null }[];
  due: number;
  paid: number;
  unpaid: number;
  undelivered: number;
  supplierBill: number | null;
  /** Every difference between what is due, what was paid and what the supplier bills. */
  differences: string[];
}

function orderRow(db: Database, orderId: number) {
  const order = first(db, qb.selectFrom('orders').selectAll().where('id', '=', orderId));
  if (!order) fail('NOT_FOUND', `订单(编号 ${orderId})不存在。`);
  return { order, round: getRoundRow(db, order.round_id) };
}

export function payOrder(tx: Tx, input: z.infer<typeof payInput>, userId: number): SettledOrder {
  const { order, round } = orderRow(tx.db, input.orderId);
  if (!round.handed_over_at) fail('INVALID_INPUT', `采购批次 ${round.number} 还未收货核对,核对后才知道每户应付多少。`);
  if (order.paid_amount !== null) fail('DUPLICATE', `该住户已付款 ${yuan(order.paid_amount)}(${PAY_METHODS[order.pay_method!]}),如需更正请先撤销收款。`);
  if (input.method === 'proxy' && !input.payer) fail('INVALID_INPUT', '代付须填写代付人。');
  const due = settle(tx.db, round.id).orders.find((o) => o.orderId === order.id)?.due ?? 0;
  if (input.amount === 0 && due > 0) fail('INVALID_INPUT', `实收金额为 0(应收 ${yuan(due)}):住户还没付款时请不要登记收款。`);
  run(tx.db, qb.updateTable('orders').set({
    paid_amount: input.amount, pay_method: input.method, payer: input.payer ?? '', paid_at: tx.clock.now().toISOString(), paid_by: userId,
  }).where('id', '=', order.id));
  return settle(tx.db, round.id).orders.find((o) => o.orderId === order.id)!;
}

export function unpayOrder(tx: Tx, input: z.infer<typeof unpayInput>): SettledOrder {
  const { order, round } = orderRow(tx.db, input.orderId);
  if (order.paid_amount === null) fail('INVALID_INPUT', '该住户还没有付款记录。');
  run(tx.db, qb.updateTable('orders').set({ paid_amount: null, pay_method: null, payer: '', paid_at: null, paid_by: null }).where('id', '=', order.id));
  return settle(tx.db, round.id).orders.find((o) => o.orderId === order.id)!;
}

export function deliverOrder(tx: Tx, input: z.infer<typeof deliverInput>, userId: number): SettledOrder {
  const { order, round } = orderRow(tx.db, input.orderId);
  if (!round.handed_over_at) fail('INVALID_INPUT', `采购批次 ${round.number} 还未收货核对,不能登记送达。`);
  run(tx.db, qb.updateTable('orders').set(input.delivered
    ? { delivered_at: tx.clock.now().toISOString(), delivered_by: userId, delivery_note: input.note ?? '' }
    : { delivered_at: null, delivered_by: null, delivery_note: input.note ?? '' }).where('id', '=', order.id));
  return settle(tx.db, round.id).orders.find((o) => o.orderId === order.id)!;
}

export function reconcile(tx: Tx, input: z.infer<typeof reconcileInput>): Settlement {
  const round = getRoundRow(tx.db, input.roundId);
  if (!round.handed_over_at) fail('INVALID_INPUT', `采购批次 ${round.number} 还未收货核对。`);
  run(tx.db, qb.updateTable('rounds').set({ supplier_bill: input.supplierBill }).where('id', '=', round.id));
  return settle(tx.db, round.id);
}

export function settle(db: Database, roundId: number): Settlement {
  const round = getRoundRow(db, roundId);
  const goods = all(db, qb.selectFrom('round_goods').selectAll().where('round_id', '=', round.id).orderBy('id'));
  const goodsById = new Map(goods.map((g) => [g.id, g]));
  // An anonymised round's orders have no household: what they kept stands in (no address, contact or phone).
  const orders = all(db, qb.selectFrom('orders as o').leftJoin('households as h', 'h.id', 'o.household_id')
    .select(['o.id', 'o.created_at', 'o.household_id', 'o.paid_amount', 'o.pay_method', 'o.payer', 'o.delivered_at', 'o.delivery_note', 'o.special',
      'o.compound as keptCompound', 'o.building as keptBuilding',
      'h.compound', 'h.building', 'h.unit', 'h.room', 'h.contact', 'h.phone', 'h.elderly_alone', 'h.limited_mobility', 'h.chronic'])
    .where('o.round_id', '=', round.id))
    .map((o) => ({ ...o, compound: o.compound ?? o.keptCompound, building: o.building ?? o.keptBuilding, unit: o.unit ?? '', room: o.room ?? '' }))
    .sort(byAddress);
  const ordered = all(db, qb.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id').select(['l.order_id', 'l.goods_id', 'l.quantity']).where('o.round_id', '=', round.id));
  const allotted = all(db, qb.selectFrom('order_allotments as a').innerJoin('orders as o', 'o.id', 'a.order_id').select(['a.order_id', 'a.goods_id', 'a.quantity']).where('o.round_id', '=', round.id));
  const handedOver = round.handed_over_at !== null;
  const key = (o: number, g: number) => `${o}/${g}`;
  const orderedOf = new Map(ordered.map((l) => [key(l.order_id, l.goods_id), l.quantity]));
  const allottedOf = new Map(allotted.map((a) => [key(a.order_id, a.goods_id), a.quantity]));
  const settled = orders.map((o): SettledOrder => {
    const lines = goods.flatMap((g) => {
      const q = orderedOf.get(key(o.id, g.id)) ?? 0;
      const gets = handedOver ? (allottedOf.get(key(o.id, g.id)) ?? 0) : q;
      if (q === 0 && gets === 0) return [];
      return [{ goodsId: g.id, name: g.name, spec: g.spec, unit: g.unit, price: g.price, ordered: q, gets, amount: gets * g.price, replaces: g.replaces_id ? goodsById.get(g.replaces_id)!.name : null }];
    });
    return {
      orderId: o.id, orderedAt: o.created_at, householdId: o.household_id, compound: o.compound, building: o.building, address: o.household_id === null ? '' : addressOf(o),
      contact: o.contact ?? '', phone: maskPhone(o.phone ?? ''),
      specialNeeds: o.household_id === null ? o.special === 1 : o.elderly_alone === 1 || o.limited_mobility === 1 || o.chronic === 1,
      lines, due: lines.reduce((n, l) => n + l.amount, 0), paid: o.paid_amount, method: o.pay_method, payer: o.payer,
      deliveredAt: o.delivered_at, deliveryNote: o.delivery_note,
    };
  }).filter((o) => o.lines.length > 0);
  const sum = (f: (o: SettledOrder) => number) => settled.reduce((n, o) => n + f(o), 0);
  const due = sum((o) => o.due);
  const paid = sum((o) => o.paid ?? 0);
  const differences: string[] = [];
  for (const o of settled) {
    if (o.paid === null && o.due === 0) continue;
    if (o.paid === null) differences.push(`${o.compound} ${o.address} 未付款,应收 ${yuan(o.due)}`);
    else if (o.paid !== o.due) differences.push(`${o.compound} ${o.address} 应收 ${yuan(o.due)},实收 ${yuan(o.paid)},${o.paid < o.due ? '少收' : '多收(应退)'} ${yuan(Math.abs(o.due - o.paid))}`);
  }
  // What arrived but is nobody's to pay for: 多送 beyond the orders, or units left when allotments were edited down.
  for (const g of handedOver ? goods : []) {
    const got = totalOf(allotted, g.id);
    const left = (g.delivered ?? 0) - got;
    if (left <= 0) continue;
    differences.push(`${g.name}${g.spec ? ` ${g.spec}` : ''} 实到 ${g.delivered} ${g.unit},分给住户 ${got} ${g.unit},${(g.delivered ?? 0) > totalOf(ordered, g.id) ? '多送' : '剩余'} ${left} ${g.unit}(${yuan(left * g.price)})未计入应收`);
  }
  const deliveredValue = goods.reduce((n, g) => n + (g.delivered ?? 0) * g.price, 0);
  if (round.supplier_bill !== null) {
    if (round.supplier_bill !== deliveredValue) differences.push(`超市账单 ${yuan(round.supplier_bill)},实到商品金额 ${yuan(deliveredValue)},相差 ${yuan(Math.abs(round.supplier_bill - deliveredValue))}`);
    if (round.supplier_bill !== paid) differences.push(`实收合计 ${yuan(paid)},超市账单 ${yuan(round.supplier_bill)},相差 ${yuan(Math.abs(round.supplier_bill - paid))}`);
  }
  const by = round.handed_over_by ? first(db, qb.selectFrom('users').select('display_name').where('id', '=', round.handed_over_by))?.display_name ?? '' : '';
  return {
    roundId: round.id, number: round.number, handedOver, orders: settled,
    handover: round.handed_over_at ? { rule: round.share_rule, extras: round.extras, at: round.handed_over_at, by } : null,
    substitutes: goods.filter((g) => g.replaces_id !== null).map((g) => ({
      goodsId: g.id, replacesGoodsId: g.replaces_id!, takers: allotted.filter((a) => a.goods_id === g.id && a.quantity > 0).map((a) => a.order_id),
    })),
    goods: goods.map((g) => ({
      goodsId: g.id, name: g.name, spec: g.spec, unit: g.unit, price: g.price,
      ordered: totalOf(ordered, g.id), delivered: g.delivered, allotted: totalOf(allotted, g.id), replaces: g.replaces_id ? goodsById.get(g.replaces_id)!.name : null,
    })),
    due, paid, unpaid: settled.filter((o) => o.paid === null && o.due > 0).length, undelivered: settled.filter((o) => o.deliveredAt === null).length,
    supplierBill: round.supplier_bill, differences,
  };
}

/** A good's quantity summed over a round's order lines or allotments. */
const totalOf = (rows: readonly { goods_id: number; quantity: number }[], goodsId: number) => rows.reduce((n, r) => n + (r.goods_id === goodsId ? r.quantity : 0), 0);
