import ExcelJS from 'exceljs';
import { afterEach, expect, test } from 'vitest';
import { tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

test('a supplier’s price list fills a round: yuan read to the fen from the digits, bundles and limits kept, the 合计 line skipped, each bad row named', async () => {
  t = tempLedger();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报价单');
  ws.addRow(['惠民超市 12月3日 保供报价单']);
  ws.addRow(['序号', '品名', '规格', '单位', '单价(元)', '套餐内容', '每户限购']);
  ws.addRow([1, '大米', '5kg', '袋', 45, null, null]);
  ws.addRow([2, '蔬菜包', null, '份', '30.5', '白菜 1 棵、土豆 2 斤', 2]);
  ws.addRow([3, '鸡蛋', '30枚', '盒', 0.07, null, null]);
  ws.addRow([4, '', '', '盒', 'abc', null, '两份']);
  ws.addRow([5, '大米', '5kg', '袋', 46, null, null]);
  ws.addRow(['合计', null, null, null, { formula: 'SUM(E3:E7)', result: 121.57 }, null, null]);
  const data = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const list = await t.okAsync('rounds.goodsPreview', { fileName: '报价单.xlsx', data });
  expect(list).toEqual({
    errorCount: 2,
    rows: [
      { row: 3, goods: { name: '大米', spec: '5kg', unit: '袋', price: 4500 }, errors: [] },
      { row: 4, goods: { name: '蔬菜包', unit: '份', price: 3050, contents: '白菜 1 棵、土豆 2 斤', perHousehold: 2 }, errors: [] },
      { row: 5, goods: { name: '鸡蛋', spec: '30枚', unit: '盒', price: 7 }, errors: [] },
      { row: 6, goods: null, errors: ['单价“abc”应为金额,如 45 或 4.50', '每户限购“两份”应为整数', '商品名称:不能为空'] },
      { row: 7, goods: null, errors: ['与第 3 行是同一商品(名称、规格、单位都相同)'] },
    ],
  });
});
