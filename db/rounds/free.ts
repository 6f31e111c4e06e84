import { z } from 'zod';
import { fail } from '../errors';
import { postDocument } from '../ledger/post';
import type { Tx } from '../open';
import { pinyinKeys } from '../pinyin';
import { id, isoDate, name, requireRow, text } from '../reference/common';
import { getItem } from '../reference/items';
import { all, first, qb, run } from '../sql';
import { zonedInstant } from '../time';
import { readSettings } from '../reference/settings';
import { anonymiseOnOpening } from './privacy';
import { getRound, getRoundRow, mustBeOpen, nextRoundNumber, type RoundView } from './rounds';

/*
 * 爱心菜包 / 防疫包: the warehouse's own goods given to every household of some compounds. The round
 * lists the households with what each gets (editable like any order until it is handed out); handing
 * it out posts ONE issue slip, to the compound's checkpoint and signed by its pickup person, for the
 * sum over the households, through the ledger like any slip (stock checked at its time). The same
 * delivery sheets and labels then go door to door.
 */

export const freeRoundInput = z.strictObject({
  name: name(30),
  day: isoDate,
  compounds: z.array(name(40)).min(1).max(50).refine((l) => new Set(l).size === l.length, '小区不能重复'),
  checkpointId: id,
  personId: id,
  /** Per household, in the item's base unit (whole units). */
  goods: z.array(z.strictObject({ itemId: id, perHousehold: z.number().int().min(1).max(9999) })).min(1).max(50)
    .refine((l) => new Set(l.map((g) => g.itemId)).size === l.length, '同一物资只能列一次'),
  note: text(200).optional(),
});
export const distributeInput = z.strictObject({ roundId: id });
export const freeExcludeInput = z.strictObject({ orderId: id, out: z.boolean() });

/** A household taken out of a free distribution (away, already served), or put back with what every household gets. */
export function freeExclude(tx: Tx, input: z.infer<typeof freeExcludeInput>): { orderId: number; out: boolean } {
  const order = first(tx.db, qb.selectFrom('orders').select(['id', 'round_id']).where('id', '=', input.orderId));
  if (!order) fail('NOT_FOUND', `订单(编号 ${input.orderId})不存在。`);
  const round = getRoundRow(tx.db, order.round_id);
  if (round.kind !== 'free') fail('INVALID_INPUT', `采购批次 ${round.number} 是居民代购,住户的订单由社区工作人员修改。`);
  mustBeOpen(round);
  run(tx.db, qb.deleteFrom('order_lines').where('order_id', '=', order.id));
  if (!input.out) {
    for (const g of all(tx.db, qb.selectFrom('round_goods').select(['id', 'per_household']).where('round_id', '=', round.id))) {
      run(tx.db, qb.insertInto('order_lines').values({ order_id: order.id, goods_id: g.id, quantity: g.per_household ?? 1 }));
    }
  }
  run(tx.db, qb.updateTable('orders').set({ updated_at: tx.clock.now().toISOString() }).where('id', '=', order.id));
  return { orderId: order.id, out: input.out };
}

export function createFreeRound(tx: Tx, input: z.infer<typeof freeRoundInput>, userId: number): RoundView {
  anonymiseOnOpening(tx, userId);
  const households = all(tx.db, qb.selectFrom('households').select(['id', 'compound']).where('active', '=', 1).where('compound', 'in', input.compounds).orderBy('id'));
  const empty = input.compounds.filter((c) => !households.some((h) => h.compound === c));
  if (empty.length) fail('NOT_FOUND', `小区“${empty.join('”“')}”还没有住户,请先登记或导入住户。`);
  const checkpoint = requireRow<{ id: number }>(tx.db, 'checkpoints', input.checkpointId, true);
  const person = requireRow<{ id: number }>(tx.db, 'people', input.personId, true);
  const items = input.goods.map((g) => ({ ...g, item: getItem(tx.db, g.itemId) }));
  const inactive = items.filter((g) => !g.item.active);
  if (inactive.length) fail('INACTIVE', `物资“${inactive.map((g) => g.item.name).join('”“')}”已停用。`);
  const now = tx.clock.now().toISOString();
  // Staff can still take a household out or change what it gets until the day ends.
  const cutoff = zonedInstant(input.day, '23:59', readSettings(tx.db).timeZone).toISOString();
  const { id: roundId } = run(tx.db, qb.insertInto('rounds').values({
    number: nextRoundNumber(tx.db, input.day), kind: 'free', supplier_id: null, day: input.day, cutoff_at: cutoff,
    household_limit: null, state: 'open', note: [input.name, input.note].filter(Boolean).join(':'), created_by: userId, created_at: now,
    checkpoint_id: checkpoint.id, person_id: person.id,
  }));
  for (const compound of input.compounds) run(tx.db, qb.insertInto('round_compounds').values({ round_id: roundId, compound }));
  const goodsIds = items.map((g) => {
    const keys = pinyinKeys(g.item.name);
    return run(tx.db, qb.insertInto('round_goods').values({
      round_id: roundId, name: g.item.name, spec: g.item.spec, unit: g.item.unit, price: 0, contents: '', per_household: g.perHousehold,
      pinyin: keys.pinyin, initials: keys.initials, item_id: g.item.id,
    })).id;
  });
  for (const h of households) {
    const orderId = run(tx.db, qb.insertInto('orders').values({ round_id: roundId, household_id: h.id, requests: 1, note: '', created_at: now, created_by: userId, updated_at: now })).id;
    items.forEach((g, k) => run(tx.db, qb.insertInto('order_lines').values({ order_id: orderId, goods_id: goodsIds[k], quantity: g.perHousehold })));
  }
  return getRound(tx.db, roundId);
}

/** 发放: one issue slip for what every household of the round gets; the round is then closed and handed over. */
export function distribute(tx: Tx, input: z.infer<typeof distributeInput>, userId: number): { roundId: number; documentId: number; number: string } {
  const round = getRoundRow(tx.db, input.roundId);
  if (round.kind !== 'free') fail('INVALID_INPUT', `采购批次 ${round.number} 是居民代购,不从库房发放。`);
  mustBeOpen(round);
  const totals = all(tx.db, qb.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id').innerJoin('round_goods as g', 'g.id', 'l.goods_id')
    .select((e) => ['g.id as goodsId', 'g.item_id as itemId', e.fn.sum<number>('l.quantity').as('quantity'), e.fn.count<number>('o.id').distinct().as('households')])
    .where('o.round_id', '=', round.id).groupBy(['g.id', 'g.item_id']).orderBy('g.id'));
  if (totals.length === 0) fail('INVALID_INPUT', `${round.number} 没有住户要发放。`);
  const households = Number(first(tx.db, qb.selectFrom('orders as o').select((e) => e.fn.countAll<number>().as('n')).where('o.round_id', '=', round.id)
    .where((e) => e.exists(e.selectFrom('order_lines as l').select('l.id').whereRef('l.order_id', '=', 'o.id'))))?.n ?? 0);
  const posted = postDocument(tx, {
    type: 'issue', checkpointId: round.checkpoint_id!, personId: round.person_id!,
    note: `${round.note}(${round.number},入户发放 ${households} 户)`,
    lines: totals.map((x) => ({ itemId: x.itemId!, quantity: String(x.quantity) })),
  }, userId);
  for (const x of totals) run(tx.db, qb.updateTable('round_goods').set({ delivered: x.quantity }).where('id', '=', x.goodsId));
  run(tx.db, qb.insertInto('order_allotments').columns(['order_id', 'goods_id', 'quantity'])
    .expression(qb.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id').select(['l.order_id', 'l.goods_id', 'l.quantity']).where('o.round_id', '=', round.id)));
  const at = tx.clock.now().toISOString();
  run(tx.db, qb.updateTable('rounds').set({ state: 'closed', handed_over_at: at, handed_over_by: userId, document_id: posted.id }).where('id', '=', round.id));
  return { roundId: round.id, documentId: posted.id, number: posted.number };
}
