import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { pinyinKeys } from '../pinyin';
import { fen, id, name, text } from '../reference/common';
import { all, first, qb, run } from '../sql';
import { getRoundRow, type RoundRow } from './rounds';
import { shareOut } from './share';

/* 收货核对: what arrived at the gate against the order, shortages shared out, substitutes given to the households that take them. */

const count = z.number().int().min(0).max(10_000_000);
export const handoverInput = z.strictObject({
  roundId: id,
  /** What arrived of each ordered good (a good not named arrived in full). */
  delivered: z.array(z.strictObject({ goodsId: id, quantity: count })).max(500),
  rule: z.enum(['first', 'prorata']).optional(),
  /** Brought instead of a good that came short; offered to the households short of it (those named in `to`, else all, first order first). */
  substitutes: z.array(z.strictObject({
    replacesGoodsId: id, name: name(40), spec: text(40).optional(), unit: name(8), price: fen, quantity: count.refine((q) => q > 0, '数量须大于 0'),
    to: z.array(id).max(5000).optional(),
  })).max(50).optional(),
  /** Goods that came beyond the order ("多送 鸡蛋 2 盒"). */
  extras: text(200).optional(),
});
export const allotInput = z.strictObject({
  orderId: id,
  /** What this household gets of each good named. */
  lines: z.array(z.strictObject({ goodsId: id, quantity: count })).min(1).max(60),
});

/** The round's orders in arrival order (first request first), with what each ordered of each good. */
function claimsOf(db: Database, roundId: number) {
  return all(db, qb.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id')
    .select(['l.order_id as orderId', 'l.goods_id as goodsId', 'l.quantity']).where('o.round_id', '=', roundId)
    .orderBy('o.created_at').orderBy('o.id'));
}

/** A good that came short of its order, or beyond it (多送: the rest is nobody's order, so it is not charged to anyone). */
export interface HandoverGap { goodsId: number; ordered: number; delivered: number }

export function handOver(tx: Tx, input: z.infer<typeof handoverInput>, userId: number): { roundId: number; short: HandoverGap[]; extra: HandoverGap[] } {
  const round = getRoundRow(tx.db, input.roundId);
  if (round.state !== 'closed') fail('INVALID_INPUT', `采购批次 ${round.number} 还未结单,结单(发出采购单)后才能收货核对。`);
  mustBeUnpaid(tx.db, round);
  const goods = all(tx.db, qb.selectFrom('round_goods').selectAll().where('round_id', '=', round.id).where('replaces_id', 'is', null));
  const byId = new Map(goods.map((g) => [g.id, g]));
  const named = new Map(input.delivered.map((d) => [d.goodsId, d.quantity]));
  const foreign = [...named.keys()].filter((g) => !byId.has(g));
  if (foreign.length) fail('INVALID_INPUT', `商品(编号 ${foreign.join('、')})不在采购批次 ${round.number} 的价目表中。`);
  const claims = claimsOf(tx.db, round.id);
  // A hand-over done again starts afresh: earlier substitutes and allotments go.
  run(tx.db, qb.deleteFrom('order_allotments').where('order_id', 'in', qb.selectFrom('orders').select('id').where('round_id', '=', round.id)));
  run(tx.db, qb.deleteFrom('round_goods').where('round_id', '=', round.id).where('replaces_id', 'is not', null));
  const rule = input.rule ?? round.share_rule;
  const short: HandoverGap[] = [];
  const extra: HandoverGap[] = [];
  const shortOf = new Map<number, Map<number, number>>();
  for (const g of goods) {
    const mine = claims.filter((c) => c.goodsId === g.id);
    const ordered = mine.reduce((n, c) => n + c.quantity, 0);
    const delivered = named.get(g.id) ?? ordered;
    run(tx.db, qb.updateTable('round_goods').set({ delivered }).where('id', '=', g.id));
    const shares = shareOut(delivered, mine, rule);
    for (const c of mine) allot(tx.db, c.orderId, g.id, shares.get(c.orderId)!);
    if (delivered < ordered) {
      short.push({ goodsId: g.id, ordered, delivered });
      shortOf.set(g.id, new Map(mine.filter((c) => shares.get(c.orderId)! < c.quantity).map((c) => [c.orderId, c.quantity - shares.get(c.orderId)!])));
    } else if (delivered > ordered) {
      extra.push({ goodsId: g.id, ordered, delivered });
    }
  }
  for (const s of input.substitutes ?? []) {
    const original = byId.get(s.replacesGoodsId);
    if (!original) fail('INVALID_INPUT', `替代品“${s.name}”要替代的商品(编号 ${s.replacesGoodsId})不在本批次的价目表中。`);
    const wanting = shortOf.get(original.id);
    if (!wanting) fail('INVALID_INPUT', `${original.name} 没有缺货,不需要替代品“${s.name}”。`);
    const keys = pinyinKeys(s.name);
    const subId = run(tx.db, qb.insertInto('round_goods').values({
      round_id: round.id, name: s.name, spec: s.spec ?? '', unit: s.unit, price: s.price, contents: '', per_household: null,
      pinyin: keys.pinyin, initials: keys.initials, delivered: s.quantity, replaces_id: original.id,
    })).id;
    const shortBy = [...wanting.values()].reduce((n, q) => n + q, 0);
    if (s.quantity > shortBy) fail('INVALID_INPUT', `替代品“${s.name}”${s.quantity} ${s.unit}多于 ${original.name} 缺的 ${shortBy} ${original.unit};多出的请记在“多送”里。`);
    const takers = s.to ? s.to.filter((o) => wanting.has(o)) : [...wanting.keys()];
    const refused = (s.to ?? []).filter((o) => !wanting.has(o));
    if (refused.length) fail('INVALID_INPUT', `替代品“${s.name}”只能分给 ${original.name} 缺货的住户(订单编号 ${refused.join('、')} 不缺)。`);
    const shares = shareOut(s.quantity, takers.map((orderId) => ({ orderId, quantity: wanting.get(orderId)! })), 'first');
    for (const [orderId, q] of shares) if (q > 0) allot(tx.db, orderId, subId, q);
  }
  run(tx.db, qb.updateTable('rounds').set({ share_rule: rule, handed_over_at: tx.clock.now().toISOString(), handed_over_by: userId, extras: input.extras ?? '' }).where('id', '=', round.id));
  return { roundId: round.id, short, extra };
}

/** One household's allotment edited by hand; the round's total of a good never exceeds what arrived. */
export function allotOrder(tx: Tx, input: z.infer<typeof allotInput>): { orderId: number } {
  const order = first(tx.db, qb.selectFrom('orders').selectAll().where('id', '=', input.orderId));
  if (!order) fail('NOT_FOUND', `订单(编号 ${input.orderId})不存在。`);
  const round = getRoundRow(tx.db, order.round_id);
  if (!round.handed_over_at) fail('INVALID_INPUT', `采购批次 ${round.number} 还未收货核对。`);
  if (order.paid_amount !== null) fail('INVALID_INPUT', '该住户已付款,不能再改分配;如需改动,请先撤销收款。');
  const goods = new Map(all(tx.db, qb.selectFrom('round_goods').selectAll().where('round_id', '=', round.id)).map((g) => [g.id, g]));
  for (const l of input.lines) {
    const g = goods.get(l.goodsId);
    if (!g) fail('INVALID_INPUT', `商品(编号 ${l.goodsId})不在采购批次 ${round.number} 中。`);
    const others = Number(first(tx.db, qb.selectFrom('order_allotments as a').innerJoin('orders as o', 'o.id', 'a.order_id')
      .select((e) => e.fn.coalesce(e.fn.sum<number>('a.quantity'), e.val(0)).as('n'))
      .where('o.round_id', '=', round.id).where('a.goods_id', '=', g.id).where('a.order_id', '<>', order.id))?.n ?? 0);
    const arrived = g.delivered ?? 0;
    if (others + l.quantity > arrived) {
      fail('INVALID_INPUT', `${g.name} 实到 ${arrived} ${g.unit},其他住户已分 ${others} ${g.unit},本户最多可分 ${Math.max(0, arrived - others)} ${g.unit}。`);
    }
    allot(tx.db, order.id, g.id, l.quantity);
  }
  return { orderId: order.id };
}

function allot(db: Database, orderId: number, goodsId: number, quantity: number) {
  run(db, qb.insertInto('order_allotments').values({ order_id: orderId, goods_id: goodsId, quantity })
    .onConflict((oc) => oc.columns(['order_id', 'goods_id']).doUpdateSet({ quantity })));
}

function mustBeUnpaid(db: Database, round: RoundRow) {
  const paid = Number(first(db, qb.selectFrom('orders').select((e) => e.fn.countAll<number>().as('n')).where('round_id', '=', round.id).where('paid_amount', 'is not', null))?.n ?? 0);
  if (paid > 0) fail('INVALID_INPUT', `采购批次 ${round.number} 已有 ${paid} 户付款,不能重新收货核对。`);
}
