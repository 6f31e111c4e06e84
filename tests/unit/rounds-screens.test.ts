import { expect, test } from 'vitest';
import { orderLines, rankGoods, type RoundGoods } from '../../renderer/src/features/rounds/goods';
import { money, parseYuan } from '../../renderer/src/features/rounds/money';
import { shortHouseholds, type SettledOrder } from '../../renderer/src/features/rounds/settle';

// The rounds screens read yuan from the text typed and never through a float: 0.07 × 100 is 7.000000000000001.
test('yuan typed become fen exactly; fen are written with two decimals', () => {
  expect(['100.5', '100.50', '¥100.5', '0.07', '19.99', '45', '45.', ' 12.3 '].map(parseYuan)).toEqual([10050, 10050, 10050, 7, 1999, 4500, 4500, 1230]);
  expect(['', '1.234', '-1', '1,000', 'abc', '1e3'].map(parseYuan)).toEqual([null, null, null, null, null, null]);
  expect([0, 7, 4500, 30740, 123456789].map(money)).toEqual(['¥0.00', '¥0.07', '¥45.00', '¥307.40', '¥1234567.89']);
});

test('the price list is searched by name, initials or pinyin; the same good twice is one line', () => {
  const g = (id: number, name: string, pinyin: string, initials: string): RoundGoods => ({ id, name, spec: '', unit: '袋', price: 100, contents: '', perHousehold: null, pinyin, initials, delivered: null, replacesId: null });
  const list = [g(1, '大米', 'dami', 'dm'), g(2, '鸡蛋', 'jidan', 'jd'), g(3, '蛋糕', 'dangao', 'dg')];
  expect(rankGoods(list, 'd').map((x) => x.name)).toEqual(['大米', '蛋糕', '鸡蛋']);
  expect(rankGoods(list, 'jid').map((x) => x.name)).toEqual(['鸡蛋']);
  expect(rankGoods(list, '蛋').map((x) => x.name)).toEqual(['鸡蛋', '蛋糕']);
  expect(orderLines([{ key: 1, goodsId: 1, qty: '2' }, { key: 2, qty: '' }, { key: 3, goodsId: 1, qty: '1' }, { key: 4, goodsId: 2, qty: '1' }]))
    .toEqual([{ goodsId: 1, quantity: 3 }, { goodsId: 2, quantity: 1 }]);
});

// 先到先得 as the ledger takes it: by each order's first request (orderedAt), not by the order's number.
test('the households a shortage leaves short are found in the order the requests came in', () => {
  const order = (orderId: number, orderedAt: string, quantity: number): SettledOrder => ({
    orderId, orderedAt, householdId: orderId, compound: '东湖小区', building: '3', address: `3-1-10${orderId}`, contact: '', phone: '', specialNeeds: false,
    lines: [{ goodsId: 7, name: '大米', spec: '', unit: '袋', price: 4500, ordered: quantity, gets: quantity, amount: quantity * 4500, replaces: null }],
    due: 0, paid: null, method: null, payer: '', deliveredAt: null, deliveryNote: '',
  });
  // Order 1 was entered last (say, moved here from another round); 2 and 3 came in at the same instant.
  const s = { orders: [order(1, '2026-12-03T08:05:00.000Z', 2), order(3, '2026-12-03T08:01:00.000Z', 1), order(2, '2026-12-03T08:01:00.000Z', 2)] };
  expect(shortHouseholds(s, 7, 3, 'first').map((o) => o.orderId)).toEqual([1]);
  expect(shortHouseholds(s, 7, 2, 'first').map((o) => o.orderId)).toEqual([3, 1]);
  // Pro rata, 3 of 5: 1.2, 0.6, 1.2 in arrival order; the unit left goes to the largest remainder (order 3). Listed in arrival order.
  expect(shortHouseholds(s, 7, 3, 'prorata').map((o) => o.orderId)).toEqual([2, 1]);
});
