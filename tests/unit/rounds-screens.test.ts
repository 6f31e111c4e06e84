import { expect, test } from 'vitest';
import { orderLines, rankGoods, type RoundGoods } from '../../renderer/src/features/rounds/goods';
import { money, parseYuan } from '../../renderer/src/features/rounds/money';

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
