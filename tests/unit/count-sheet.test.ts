import { afterEach, beforeEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

/**
 * The blank 盘点表 (issue #20) as HTML: every active item by category, each batch on hand on its own
 * row, nothing on hand on one row, inactive goods left out; 账面数量 only when asked for. The PDF
 * checks (Chromium, poppler) are in tests/e2e/card-print.test.ts.
 */
let t: TestLedger;
let s: ReturnType<typeof seedBasics>;
beforeEach(() => {
  t = tempLedger('2026-12-05T10:00:00+08:00');
  s = seedBasics(t);
  t.ok('settings.update', { officeName: '青禾街道办事处' });
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-12-01T09:00:00+08:00', lines: [
    { itemId: s.mask.id, quantity: 1234 },
    { itemId: s.reagent.id, quantity: 731, batchNo: 'B-EARLY', expiryDate: '2027-03-31' },
    { itemId: s.reagent.id, quantity: 429, batchNo: 'B-LATE', expiryDate: '2027-06-30' },
    { itemId: s.rice.id, quantity: '88.125' },
  ] });
});
afterEach(() => t.close());

/** Each body row's cells as text, a band as one cell. */
function rowsOf(html: string): string[][] {
  const body = [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].map((m) => m[1]).join('');
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]));
}
const headsOf = (html: string) => [...(/<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? '').matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1]);

test('with the book: every active item by category, a row per batch on hand, the book quantity, a blank 实盘数量', () => {
  t.ok('items.update', { id: s.speaker.id, active: false });
  const { html } = t.ok('print.countSheet', {});
  expect(headsOf(html)).toEqual(['序号', '物资编码', '物资名称', '规格型号', '单位', '批号', '有效期', '账面数量', '实盘数量', '备注']);
  expect(rowsOf(html)).toEqual([
    ['类别:防护用品(1 种)'],
    ['1', 'KZ01', '医用外科口罩', '独立包装', '只', '', '', '1234', '', ''],
    ['类别:检测试剂(1 种)'],
    ['2', 'SJ01', '核酸检测试剂', '20人份', '盒', 'B-EARLY', '2027-03-31', '731', '', ''],
    ['3', 'SJ01', '核酸检测试剂', '20人份', '盒', 'B-LATE', '2027-06-30', '429', '', ''],
    ['类别:生活物资(1 种)'],
    ['4', 'SH01', '大米', '东北粳米', '公斤', '', '', '88.125', '', ''],
    ['账外物资(账上没有、盘点时发现的物资,请逐项填写)'],
    ...Array.from({ length: 3 }, () => Array.from({ length: 10 }, () => '')),
  ]);
  expect(html).toContain('<h1>青禾街道办事处物资盘点表</h1>');
  expect(html).toContain('账面数量截至:2026-12-05 10:00');
  for (const sign of ['盘点人', '监盘人', '日期']) expect(html).toContain(`<span class="sign">${sign}<i class="line"></i></span>`);
  expect(html).toContain('第 1 页 / 共 1 页');
});

test('blind (盲盘): the same rows without any book quantity; one category on request', () => {
  const { html } = t.ok('print.countSheet', { blind: true });
  expect(headsOf(html)).toEqual(['序号', '物资编码', '物资名称', '规格型号', '单位', '批号', '有效期', '实盘数量', '备注']);
  expect(rowsOf(html).filter((r) => r.length > 1 && r[0]).map((r) => r.slice(0, 7).join(' '))).toEqual([
    '1 KZ01 医用外科口罩 独立包装 只  ', '2 SJ01 核酸检测试剂 20人份 盒 B-EARLY 2027-03-31',
    '3 SJ01 核酸检测试剂 20人份 盒 B-LATE 2027-06-30', '4 SB01 手持扩音器  台  ', '5 SH01 大米 东北粳米 公斤  ',
  ]);
  expect(html).toContain('物资盘点表(盲盘)');
  for (const secret of ['账面', '1234', '731', '429', '88.125']) expect(html).not.toContain(secret);

  const cat = t.ok('categories.list').find((c) => c.name === '检测试剂')!.id;
  const one = t.ok('print.countSheet', { categoryId: cat });
  expect(rowsOf(one.html).filter((r) => r.length === 1).map((r) => r[0])).toEqual(['类别:检测试剂(1 种)', '账外物资(账上没有、盘点时发现的物资,请逐项填写)']);
  expect(one.html).toContain('类别:检测试剂</span>');
});
