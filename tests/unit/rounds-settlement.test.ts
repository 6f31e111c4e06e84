import { afterEach, expect, test } from 'vitest';
import { shareOut, type Claim } from '../../db/rounds/share';
import { snapshot, tempLedger, type TestLedger } from '../helpers/ledger';
import { seedRound } from '../helpers/rounds';

let t: TestLedger;
afterEach(() => t?.close());

const at = (time: string) => `2026-12-03T${time}:00+08:00`;

/** Unit by unit, the way a person at the gate would hand them out: to whoever is owed the most (first-come: the earliest still owed). */
function handOutByHand(delivered: number, claims: Claim[], rule: 'first' | 'prorata'): Map<number, number> {
  const ordered = claims.reduce((n, c) => n + c.quantity, 0);
  const given = claims.map(() => 0);
  for (let unit = 0; unit < Math.min(delivered, ordered); unit++) {
    let best = -1;
    claims.forEach((c, i) => {
      if (given[i] >= c.quantity) return;
      if (best < 0) best = i;
      // Owed: the exact share (quantity × delivered ÷ ordered) less what was given, compared without division.
      else if (rule === 'prorata' && (c.quantity * delivered - given[i] * ordered) > (claims[best].quantity * delivered - given[best] * ordered)) best = i;
    });
    given[best]++;
  }
  return new Map(claims.map((c, i) => [c.orderId, given[i]]));
}

test('a shortage is shared first-come or pro rata exactly as handing the units out one by one would', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let trial = 0; trial < 400; trial++) {
    const claims = Array.from({ length: 1 + Math.floor(rnd() * 12) }, (_, i) => ({ orderId: 100 + i, quantity: 1 + Math.floor(rnd() * 6) }));
    const ordered = claims.reduce((n, c) => n + c.quantity, 0);
    const delivered = Math.floor(rnd() * (ordered + 3));
    for (const rule of ['first', 'prorata'] as const) {
      const shares = shareOut(delivered, claims, rule);
      expect([trial, rule, [...shares]]).toEqual([trial, rule, [...handOutByHand(delivered, claims, rule)]]);
    }
  }
  expect([...shareOut(5, [{ orderId: 1, quantity: 3 }, { orderId: 2, quantity: 3 }, { orderId: 3, quantity: 2 }], 'prorata')]).toEqual([[1, 2], [2, 2], [3, 1]]);
});

test('the gate: one good short (first-come), a substitute for another, allotments edited within what arrived; payments reconciled; delivery ticked', () => {
  t = tempLedger(at('09:00'));
  const { homes, round, rice, veg, eggs } = seedRound(t);
  const [a, b, c] = [homes[0], homes[1], homes[2]];
  const oa = t.ok('orders.record', { roundId: round.id, householdId: a.id, lines: [{ goodsId: eggs.id, quantity: 2 }, { goodsId: veg.id, quantity: 1 }] });
  t.clock.set(at('09:10'));
  const ob = t.ok('orders.record', { roundId: round.id, householdId: b.id, lines: [{ goodsId: eggs.id, quantity: 2 }, { goodsId: rice.id, quantity: 1 }] });
  t.clock.set(at('09:20'));
  const oc = t.ok('orders.record', { roundId: round.id, householdId: c.id, lines: [{ goodsId: eggs.id, quantity: 1 }, { goodsId: veg.id, quantity: 1 }] });
  expect(t.call('rounds.handover', { roundId: round.id, delivered: [] })).toMatchObject({ ok: false, error: { message: '采购批次 DG20261203-01 还未结单,结单(发出采购单)后才能收货核对。' } });
  t.ok('rounds.close', { id: round.id });
  t.clock.set(at('16:00'));
  // 3 of 5 boxes of eggs; 1 of 2 vegetable bags, and 1 bag of 青菜包 instead, which household c takes.
  expect(t.call('rounds.handover', { roundId: round.id, delivered: [{ goodsId: veg.id, quantity: 1 }], substitutes: [{ replacesGoodsId: veg.id, name: '青菜包', unit: '份', price: 2500, quantity: 3 }] })).toMatchObject({
    ok: false, error: { message: '替代品“青菜包”3 份多于 蔬菜包 缺的 1 份;多出的请记在“多送”里。' },
  });
  const h = t.ok('rounds.handover', {
    roundId: round.id, delivered: [{ goodsId: eggs.id, quantity: 3 }, { goodsId: veg.id, quantity: 1 }],
    substitutes: [{ replacesGoodsId: veg.id, name: '青菜包', unit: '份', price: 2500, quantity: 1, to: [oc.id] }], extras: '多送 塑料袋 10 个',
  });
  expect(h.short).toEqual([{ goodsId: veg.id, ordered: 2, delivered: 1 }, { goodsId: eggs.id, ordered: 5, delivered: 3 }]);
  const s = t.ok('rounds.settlement', { roundId: round.id });
  // What the hand-over was, to redo it from; the order of 先到先得.
  const sub = s.goods.find((g) => g.replaces)!;
  expect([s.handover, s.substitutes]).toEqual([{ rule: 'first', extras: '多送 塑料袋 10 个', at: '2026-12-03T08:00:00.000Z', by: '本机操作员' }, [{ goodsId: sub.goodsId, replacesGoodsId: veg.id, takers: [oc.id] }]]);
  expect(s.orders.map((o) => [o.orderId, o.orderedAt])).toEqual([[ob.id, '2026-12-03T01:10:00.000Z'], [oa.id, '2026-12-03T01:00:00.000Z'], [oc.id, '2026-12-03T01:20:00.000Z']]);
  const gets = (o: (typeof s.orders)[number]) => o.lines.map((l) => [l.name, l.ordered, l.gets, l.amount]);
  // Address order: 3-1-101 (b), 3-2-602 (a), 10-1-201 (c).
  expect(s.orders.map((o) => [o.address, gets(o), o.due])).toEqual([
    ['3-1-101', [['大米', 1, 1, 4500], ['鸡蛋', 2, 1, 2800]], 7300],
    ['3-2-602', [['蔬菜包', 1, 1, 3000], ['鸡蛋', 2, 2, 5600]], 8600],
    ['10-1-201', [['蔬菜包', 1, 0, 0], ['鸡蛋', 1, 0, 0], ['青菜包', 0, 1, 2500]], 2500],
  ]);
  expect(s.goods.map((g) => [g.name, g.ordered, g.delivered, g.allotted, g.replaces])).toEqual([
    ['大米', 1, 1, 1, null], ['蔬菜包', 2, 1, 1, null], ['鸡蛋', 5, 3, 3, null], ['青菜包', 0, 1, 1, '蔬菜包'],
  ]);
  // Household b's egg goes to c instead: first taken from b, then given (never more than arrived).
  expect(t.call('orders.allot', { orderId: oc.id, lines: [{ goodsId: eggs.id, quantity: 1 }] })).toMatchObject({
    ok: false, error: { message: '鸡蛋 实到 3 盒,其他住户已分 3 盒,本户最多可分 0 盒。' },
  });
  t.ok('orders.allot', { orderId: ob.id, lines: [{ goodsId: eggs.id, quantity: 0 }] });
  t.ok('orders.allot', { orderId: oc.id, lines: [{ goodsId: eggs.id, quantity: 1 }] });
  // Payments: a pays exactly, b pays 5 yuan short, c not yet. Nothing paid is not a payment.
  expect(t.call('orders.pay', { orderId: oa.id, amount: 0, method: 'wechat' })).toMatchObject({ ok: false, error: { message: '实收金额为 0(应收 ¥86.00):住户还没付款时请不要登记收款。' } });
  t.ok('orders.pay', { orderId: oa.id, amount: 8600, method: 'wechat' });
  t.ok('orders.pay', { orderId: ob.id, amount: 4000, method: 'proxy', payer: '楼长 周强' });
  expect(t.call('orders.pay', { orderId: oa.id, amount: 8600, method: 'cash' })).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: '该住户已付款 ¥86.00(微信),如需更正请先撤销收款。' } });
  expect(t.call('rounds.handover', { roundId: round.id, delivered: [] })).toMatchObject({ ok: false, error: { message: '采购批次 DG20261203-01 已有 2 户付款,不能重新收货核对。' } });
  const r = t.ok('rounds.reconcile', { roundId: round.id, supplierBill: 18000 });
  expect([r.due, r.paid, r.unpaid, r.differences]).toEqual([4500 + 8600 + 2500 + 2800, 12600, 1, [
    '东湖小区 3-1-101 应收 ¥45.00,实收 ¥40.00,少收 ¥5.00',
    '东湖小区 10-1-201 未付款,应收 ¥53.00',
    '超市账单 ¥180.00,实到商品金额 ¥184.00,相差 ¥4.00',
    '实收合计 ¥126.00,超市账单 ¥180.00,相差 ¥54.00',
  ]]);
  t.ok('orders.deliver', { orderId: oa.id, delivered: true });
  t.ok('orders.deliver', { orderId: oc.id, delivered: true, note: '放门口,电话告知' });
  const end = t.ok('rounds.settlement', { roundId: round.id });
  expect(end.orders.map((o) => [o.address, o.paid, o.method, o.payer, o.deliveredAt, o.deliveryNote])).toEqual([
    ['3-1-101', 4000, 'proxy', '楼长 周强', null, ''],
    ['3-2-602', 8600, 'wechat', '', '2026-12-03T08:00:00.000Z', ''],
    ['10-1-201', null, null, '', '2026-12-03T08:00:00.000Z', '放门口,电话告知'],
  ]);
  expect([end.undelivered, end.supplierBill]).toEqual([1, 18000]);
});

test('resident hand-over, payments and delivery never touch the stock ledger', () => {
  t = tempLedger(at('09:00'));
  const stockTables = () => { const s = snapshot(t.ledger); return [s.movements, s.stock, s.documents, s.holdings]; };
  const before = stockTables();
  const { homes, round, rice } = seedRound(t);
  const o = t.ok('orders.record', { roundId: round.id, householdId: homes[0].id, lines: [{ goodsId: rice.id, quantity: 3 }] });
  t.ok('rounds.close', { id: round.id });
  t.ok('rounds.handover', { roundId: round.id, delivered: [{ goodsId: rice.id, quantity: 2 }], rule: 'prorata' });
  t.ok('orders.pay', { orderId: o.id, amount: 9000, method: 'cash' });
  t.ok('orders.deliver', { orderId: o.id, delivered: true });
  expect(stockTables()).toEqual(before);
});

test('实到 above the order is 多送: the hand-over names it, each household still gets its order, and 对账 lists what nobody pays for', () => {
  t = tempLedger(at('09:00'));
  const { homes, round, rice, eggs } = seedRound(t);
  const oa = t.ok('orders.record', { roundId: round.id, householdId: homes[0].id, lines: [{ goodsId: eggs.id, quantity: 2 }] });
  const ob = t.ok('orders.record', { roundId: round.id, householdId: homes[1].id, lines: [{ goodsId: eggs.id, quantity: 1 }, { goodsId: rice.id, quantity: 1 }] });
  t.ok('rounds.close', { id: round.id });
  // Five boxes of eggs came for three ordered; the rice in full.
  expect(t.ok('rounds.handover', { roundId: round.id, delivered: [{ goodsId: eggs.id, quantity: 5 }, { goodsId: rice.id, quantity: 1 }] }))
    .toEqual({ roundId: round.id, short: [], extra: [{ goodsId: eggs.id, ordered: 3, delivered: 5 }] });
  const s = t.ok('rounds.settlement', { roundId: round.id });
  expect(s.orders.map((o) => [o.orderId, o.lines.map((l) => [l.name, l.ordered, l.gets]), o.due])).toEqual([
    [ob.id, [['大米', 1, 1], ['鸡蛋', 1, 1]], 7300],
    [oa.id, [['鸡蛋', 2, 2]], 5600],
  ]);
  expect(s.goods.map((g) => [g.name, g.ordered, g.delivered, g.allotted])).toEqual([['大米', 1, 1, 1], ['蔬菜包', 0, 0, 0], ['鸡蛋', 3, 5, 3]]);
  // The supplier bills what arrived (¥185.00); the households owe ¥129.00: the two boxes are the difference.
  t.ok('orders.pay', { orderId: oa.id, amount: 5600, method: 'wechat' });
  t.ok('orders.pay', { orderId: ob.id, amount: 7300, method: 'cash' });
  expect(t.ok('rounds.reconcile', { roundId: round.id, supplierBill: 18500 }).differences).toEqual([
    '鸡蛋 30枚 实到 5 盒,分给住户 3 盒,多送 2 盒(¥56.00)未计入应收',
    '实收合计 ¥129.00,超市账单 ¥185.00,相差 ¥56.00',
  ]);
});
