import ExcelJS from 'exceljs';
import { afterEach, expect, test } from 'vitest';
import { buildDemo } from '../../scripts/demo-data';
import { snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

/** An opening-stock sheet as offices write it: a title, headers, rows. */
async function sheet(rows: unknown[][]): Promise<{ fileName: string; data: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('期初');
  ws.addRow(['期初库存表']);
  ws.addRow(['物资名称', '规格型号', '计量单位', '类别', '期初数量', '批号', '有效期至']);
  rows.forEach((r) => ws.addRow(r));
  return { fileName: '期初库存.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

const stockOf = (t: TestLedger, name: string) => t.ok('stock.list').find((s) => s.name === name)!.quantity;

test('re-importing the same opening-stock file does not double the stock: the rows of goods already moved are left out and the preview says so', async () => {
  t = tempLedger();
  const file = await sheet([['医用外科口罩', '独立包装', '只', '防护用品', 5000], ['防汛沙袋', '', '条', '其他', 0]]);
  const first = await t.okAsync('catalog.importCommit', file);
  expect(first).toEqual({ itemsCreated: 2, receipt: { id: 1, number: 'RK20261128-001' }, restockReceipt: null, leftOut: [] });
  const { audit_log: _, ...before } = snapshot(t.ledger);

  const preview = await t.okAsync('catalog.importPreview', file);
  expect(preview.rows.map((r) => [r.row, r.errors, r.notice])).toEqual([
    [3, [], '医用外科口罩 已有库存 5000 只,本次将再入 5000 只。未选择入库来源,本行不导入。'],
    [4, [], null],
  ]);
  expect(preview.restockRows).toBe(1);
  const again = await t.okAsync('catalog.importCommit', file);
  expect(again).toEqual({ itemsCreated: 0, receipt: null, restockReceipt: null, leftOut: [3] });
  const { audit_log: audit, ...after } = snapshot(t.ledger);
  expect(after).toEqual(before);
  expect(stockOf(t, '医用外科口罩')).toBe(5000);
});

test('on a live ledger, goods with movements become a normal receipt from the chosen source; goods never moved still get opening stock', async () => {
  t = tempLedger('2026-11-28T18:00:00+08:00');
  buildDemo(t.ledger, { now: t.clock.now() });
  const disinfectant = t.ok('stock.list').find((s) => s.name === '84消毒液')!;
  const source = t.ok('sources.list').find((s) => s.name === '区物资保障组')!;
  const file = await sheet([
    ['84消毒液', '5L/桶', '桶', '消杀用品', 10, 'DR-2611', '2027-10-31'],
    ['防汛沙袋', '编织袋', '条', '防汛物资', 200, null, null],
  ]);
  const preview = await t.okAsync('catalog.importPreview', { ...file, restockSourceId: source.id });
  expect(preview.rows.map((r) => [r.row, r.errors, r.notice])).toEqual([
    [3, [], `84消毒液 已有库存 ${disinfectant.quantity} 桶,本次将再入 10 桶。将登记为入库单(来源:区物资保障组)。`],
    [4, [], null],
  ]);
  const docsBefore = t.ok('docs.list', { limit: 5000 }).rows.length;
  const result = await t.okAsync('catalog.importCommit', { ...file, restockSourceId: source.id });
  expect(result.leftOut).toEqual([]);
  expect(result.itemsCreated).toBe(1);
  const opening = t.ok('docs.get', { id: result.receipt!.id });
  expect([opening.type, opening.sourceName, opening.note, opening.lines.map((l) => [l.itemName, l.quantity, l.note])]).toEqual(['receipt', '期初建账', '期初库存导入', [['防汛沙袋', 200, '导入第 4 行']]]);
  const restock = t.ok('docs.get', { id: result.restockReceipt!.id });
  expect([restock.type, restock.sourceName, restock.note, restock.lines.map((l) => [l.itemName, l.batchNo, l.expiryDate, l.quantity, l.note])]).toEqual(
    ['receipt', '区物资保障组', '导入入库', [['84消毒液', 'DR-2611', '2027-10-31', 10, '导入第 3 行']]],
  );
  expect(t.ok('docs.list', { limit: 5000 }).rows.length).toBe(docsBefore + 2);
  expect(stockOf(t, '84消毒液')).toBe(disinfectant.quantity + 10);
  expect(stockOf(t, '防汛沙袋')).toBe(200);
  expect(t.ok('ledger.verify').ok).toBe(true);
});

test('an item registered but never moved takes opening stock without a source', async () => {
  t = tempLedger();
  const cat = t.ok('categories.list')[0];
  t.ok('items.create', { name: '额温枪', spec: '红外', categoryId: cat.id, unit: '把', durable: true });
  const file = await sheet([['额温枪', '红外', '把', null, 12]]);
  expect((await t.okAsync('catalog.importPreview', file)).rows.map((r) => [r.errors, r.notice])).toEqual([[[], null]]);
  const result = await t.okAsync('catalog.importCommit', file);
  expect(result).toEqual({ itemsCreated: 0, receipt: { id: 1, number: 'RK20261128-001' }, restockReceipt: null, leftOut: [] });
  expect(stockOf(t, '额温枪')).toBe(12);
});
