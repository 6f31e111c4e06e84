import { afterEach, expect, test } from 'vitest';
import { tempLedger, type TestLedger } from '../helpers/ledger';
import { seedRound } from '../helpers/rounds';

let t: TestLedger;
afterEach(() => t?.close());

/** The text of each table row of a printed page, in order (tags dropped, entities read back). */
const rowsOf = (html: string) => [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => m[1].replace(/<\/td><td[^>]*>/g, ' | ').replace(/<[^>]+>/g, '').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).trim());

test('delivery sheets: buildings in number order, rooms in order, what each gets after the hand-over and what it was short of, subtotals, a tear line between buildings, phones masked', () => {
  t = tempLedger('2026-12-03T09:00:00+08:00');
  const { homes, round, rice, eggs } = seedRound(t);
  const [a, b, c, d] = homes;
  const order = (h: { id: number }, lines: { goodsId: number; quantity: number }[]) => t.ok('orders.record', { roundId: round.id, householdId: h.id, lines });
  order(c, [{ goodsId: rice.id, quantity: 1 }]);
  order(a, [{ goodsId: rice.id, quantity: 2 }, { goodsId: eggs.id, quantity: 1 }]);
  order(b, [{ goodsId: eggs.id, quantity: 2 }]);
  order(d, [{ goodsId: eggs.id, quantity: 1 }]);
  t.ok('rounds.close', { id: round.id });
  // Two boxes of eggs of four: b (second to order eggs) gets one, d none.
  t.ok('rounds.handover', { roundId: round.id, delivered: [{ goodsId: eggs.id, quantity: 2 }] });
  const { html: before } = t.ok('print.deliverySheets', { roundId: round.id });
  // Paid short: the sheet tells the volunteer what is still to collect.
  const ordered = t.ok('rounds.settlement', { roundId: round.id }).orders.find((o) => o.address === '3-1-101')!;
  t.ok('orders.pay', { orderId: ordered.orderId, amount: 2000, method: 'wechat' });
  expect(rowsOf(t.ok('print.deliverySheets', { roundId: round.id }).html).find((r) => r.startsWith('★3-1-101'))).toBe('★3-1-101 | 李秀英 | 138****0012 | 鸡蛋 30枚 ×1盒(订2盒,缺1盒) | ¥28.00 | 微信 少收¥8.00 | ☐ |');
  t.ok('orders.unpay', { orderId: ordered.orderId });
  const html = before;
  const rows = rowsOf(html).filter((r) => !r.startsWith('房号'));
  expect(t.ok('print.deliverySheets', { roundId: round.id }).html).toBe(html);
  expect(rows).toEqual([
    '东湖小区 2 栋(1 户,应付合计 ¥0.00)',
    '★2-1-302 | 刘芳 | 138****0012 | 鸡蛋 30枚 缺货(订1盒) | ¥0.00 | 未付 | ☐ |',
    '本栋小计 |  |  |  | ¥0.00 |  |  |',
    '✂ - - - - 沿虚线撕开,交下一栋楼长 - - - -',
    '东湖小区 3 栋(2 户,应付合计 ¥146.00)',
    '★3-1-101 | 李秀英 | 138****0012 | 鸡蛋 30枚 ×1盒(订2盒,缺1盒) | ¥28.00 | 未付 | ☐ |',
    '3-2-602 | 王建华 | 138****0012 | 大米 5kg ×2袋、鸡蛋 30枚 ×1盒 | ¥118.00 | 未付 | ☐ |',
    '本栋小计 |  |  | 大米 5kg(袋) 2、鸡蛋 30枚(盒) 2 | ¥146.00 |  |  |',
    '✂ - - - - 沿虚线撕开,交下一栋楼长 - - - -',
    '东湖小区 10 栋(1 户,应付合计 ¥45.00)',
    '10-1-201 | 张伟 | 138****0012 | 大米 5kg ×1袋 | ¥45.00 | 未付 | ☐ |',
    '本栋小计 |  |  | 大米 5kg(袋) 1 | ¥45.00 |  |  |',
  ]);
  expect(html).not.toContain('13800000012');
  const labels = t.ok('print.deliveryLabels', { roundId: round.id }).html;
  expect([...labels.matchAll(/<div class="addr">([^<]*)<\/div>/g)].map((m) => m[1])).toEqual(['2-1-302', '3-1-101', '3-2-602', '10-1-201']);
  expect([...labels.matchAll(/<div class="who">([^<]*)/g)].map((m) => m[1].trim())).toEqual(['刘*', '李*英', '王*华', '张*']);
  expect(labels).not.toMatch(/王建华|13800000012/);
});

test('the delivery sheet tells each household what came instead of what it ordered, and what came beyond it; the bag label lists what is in the bag', () => {
  t = tempLedger('2026-12-03T09:00:00+08:00');
  const { homes, round, rice, veg, eggs } = seedRound(t);
  const [a, b, c] = homes;
  const order = (h: { id: number }, lines: { goodsId: number; quantity: number }[]) => t.ok('orders.record', { roundId: round.id, householdId: h.id, lines });
  order(a, [{ goodsId: rice.id, quantity: 3 }, { goodsId: veg.id, quantity: 1 }]);
  order(b, [{ goodsId: veg.id, quantity: 1 }, { goodsId: eggs.id, quantity: 1 }]);
  const oc = order(c, [{ goodsId: veg.id, quantity: 1 }]);
  t.ok('rounds.close', { id: round.id });
  // One bag of rice of three; one 蔬菜包 of three (王建华 ordered first), 青菜包 for the two short of it; a box of eggs beyond the order.
  t.ok('rounds.handover', {
    roundId: round.id, delivered: [{ goodsId: rice.id, quantity: 1 }, { goodsId: veg.id, quantity: 1 }, { goodsId: eggs.id, quantity: 2 }],
    substitutes: [{ replacesGoodsId: veg.id, name: '青菜包', spec: '3斤', unit: '份', price: 2500, quantity: 2 }],
  });
  // 张伟 (c) is given the extra box by hand, though he never ordered eggs.
  t.ok('orders.allot', { orderId: oc.id, lines: [{ goodsId: eggs.id, quantity: 1 }] });
  const sheet = rowsOf(t.ok('print.deliverySheets', { roundId: round.id }).html).filter((r) => /^★?\d/.test(r));
  expect(sheet).toEqual([
    '★3-1-101 | 李秀英 | 138****0012 | 蔬菜包 缺货(订1份,以青菜包 3斤 ×1份替代)、鸡蛋 30枚 ×1盒 | ¥53.00 | 未付 | ☐ |',
    '3-2-602 | 王建华 | 138****0012 | 大米 5kg ×1袋(订3袋,缺2袋)、蔬菜包 ×1份 | ¥75.00 | 未付 | ☐ |',
    '10-1-201 | 张伟 | 138****0012 | 蔬菜包 缺货(订1份,以青菜包 3斤 ×1份替代)、鸡蛋 30枚 ×1盒(未订,多送1盒) | ¥53.00 | 未付 | ☐ |',
  ]);
  const labels = t.ok('print.deliveryLabels', { roundId: round.id }).html;
  expect([...labels.matchAll(/<div class="items">([^<]*)<\/div>/g)].map((m) => m[1])).toEqual(['鸡蛋 30枚 ×1盒、青菜包 3斤 ×1份', '大米 5kg ×1袋、蔬菜包 ×1份', '鸡蛋 30枚 ×1盒、青菜包 3斤 ×1份']);
});
