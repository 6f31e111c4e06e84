import ExcelJS from 'exceljs';
import { afterEach, expect, test } from 'vitest';
import { readXlsx } from '../../excel/read-xlsx';
import { snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

async function workbook(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('期初');
  ws.addRow(['青禾街道应急物资期初库存表']);
  ws.addRow(['序号', '物资名称', '规格型号', '单位', '类别', '期初库存', '批号', '有效期至', '单价（元）']);
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const good: unknown[][] = [
  ['医用外科口罩', '独立包装', '只', '防护用品', 5000, null, null, 0.5],
  ['核酸采样管', '单采', '支', '检测试剂', 1200, 'B2611', new Date(Date.UTC(2027, 5, 30)), 1.2],
  ['核酸采样管', '单采', '支', '检测试剂', 300, 'B2612', '2027/8/31', 1.2],
  ['大米', '5公斤/袋', '公斤', '生活物资', 250.5, null, null, 6],
  ['防汛沙袋', '', '条', '防汛物资', 0, null, null, null],
];

test('the preview guesses the columns from Chinese headers and lists every bad row with its reason', async () => {
  t = tempLedger();
  const bad = [...good.slice(0, 3), ['大米', '5公斤/袋', '公斤', '生活物资', '二百', null, null, 6], [null, '无名', '个', '其他', 1, null, null, null], ['酒精', '', '瓶', '消杀用品', 10, 'X1', '2027-02-30', null]];
  const before = snapshot(t.ledger);
  const preview = await t.okAsync('catalog.importPreview', { fileName: '期初库存.xlsx', data: await workbook(bad) });
  expect(preview.headerRow).toBe(2);
  expect(preview.mapping).toEqual({ name: 1, spec: 2, unit: 3, category: 4, quantity: 5, batchNo: 6, expiryDate: 7, unitPrice: 8 });
  expect(preview.rows.map((r) => [r.row, r.errors])).toEqual([
    [3, []],
    [4, []],
    [5, []],
    [6, ['期初数量“二百”不是有效的数量(不小于 0,最多 3 位小数)']],
    [7, ['物资名称不能为空']],
    [8, ['有效期至“2027-02-30”不是有效日期']],
  ]);
  expect(preview.errorCount).toBe(3);
  const refused = await t.call('catalog.importCommit', { fileName: '期初库存.xlsx', data: await workbook(bad) });
  expect(refused).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '第 6 行:期初数量“二百”不是有效的数量(不小于 0,最多 3 位小数)(共 3 行有错误),未导入任何数据。' } });
  expect(snapshot(t.ledger)).toEqual(before);
});

test('a clean workbook imports items, new categories and one opening receipt, all at once', async () => {
  t = tempLedger();
  const result = await t.okAsync('catalog.importCommit', { fileName: '期初库存.xlsx', data: await workbook(good) });
  expect(result).toEqual({ itemsCreated: 4, receipt: { id: 1, number: 'RK20261128-001' }, restockReceipt: null, leftOut: [] });
  const items = t.ok('items.list');
  expect(items.map((i) => [i.name, i.unit, i.categoryName, i.decimals, i.tracksBatches, i.unitPrice])).toEqual([
    ['医用外科口罩', '只', '防护用品', 0, false, 50],
    ['核酸采样管', '支', '检测试剂', 0, true, 120],
    ['大米', '公斤', '生活物资', 1, false, 600],
    ['防汛沙袋', '条', '防汛物资', 0, false, 0],
  ]);
  const receipt = t.ok('docs.get', { id: 1 });
  expect(receipt).toMatchObject({ type: 'receipt', sourceName: '期初建账', note: '期初库存导入' });
  expect(receipt.lines.map((l) => [l.itemName, l.batchNo, l.expiryDate, l.quantity, l.note])).toEqual([
    ['医用外科口罩', '', null, 5000, '导入第 3 行'],
    ['核酸采样管', 'B2611', '2027-06-30', 1200, '导入第 4 行'],
    ['核酸采样管', 'B2612', '2027-08-31', 300, '导入第 5 行'],
    ['大米', '', null, 250.5, '导入第 6 行'],
  ]);
  expect(t.ok('stock.list', { hideZero: true }).map((s) => [s.name, s.quantity])).toEqual([
    ['医用外科口罩', 5000], ['核酸采样管', 1500], ['大米', 250.5],
  ]);
  // Importing the same workbook again matches the items now registered, and books no second opening stock.
  const again = await t.okAsync('catalog.importCommit', { fileName: '期初库存.xlsx', data: await workbook(good) });
  expect(again).toEqual({ itemsCreated: 0, receipt: null, restockReceipt: null, leftOut: [3, 4, 5, 6] });
  expect(t.ok('stock.list', { hideZero: true }).map((s) => s.quantity)).toEqual([5000, 1500, 250.5]);
  expect(t.ok('ledger.verify').ok).toBe(true);
});

test('a GBK csv as Excel saves it, and a corrected mapping', async () => {
  t = tempLedger();
  const csv = '名称,规格,计量单位,数量\r\n"额温枪","红外",把,12\r\n手持扩音器,,台,3\r\n';
  const gbk = encodeGbk(csv);
  expect(new TextDecoder('gbk').decode(gbk)).toBe(csv);
  const bytes = Buffer.from(gbk);
  const preview = await t.okAsync('catalog.importPreview', { fileName: '设备.csv', data: bytes.toString('base64') });
  expect(preview.mapping).toEqual({ name: 0, spec: 1, unit: 2, quantity: 3 });
  expect(preview.rows.map((r) => r.values.name)).toEqual(['额温枪', '手持扩音器']);
  const remapped = await t.okAsync('catalog.importPreview', { fileName: '设备.csv', data: bytes.toString('base64'), mapping: { name: 0, unit: 2 } });
  expect(remapped.rows.map((r) => r.errors)).toEqual([[], []]);
  expect(await t.okAsync('catalog.importCommit', { fileName: '设备.csv', data: bytes.toString('base64'), mapping: { name: 0, unit: 2 } })).toEqual({ itemsCreated: 2, receipt: null, restockReceipt: null, leftOut: [] });
});

test('not a workbook, an .xls, and an empty file are refused in Chinese', async () => {
  t = tempLedger();
  expect(await t.call('catalog.importPreview', { fileName: 'a.xlsx', data: Buffer.from('hello').toString('base64') })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '无法读取“a.xlsx”:文件已损坏或不是 Excel 工作簿。' } });
  expect(await t.call('catalog.importPreview', { fileName: 'a.xls', data: Buffer.from('x').toString('base64') })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('另存为 .xlsx') } });
  expect(await t.call('catalog.importPreview', { fileName: 'a.csv', data: '' })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '文件是空的。' } });
});

test('the exported catalog reads back through the importer', async () => {
  t = tempLedger();
  await t.okAsync('catalog.importCommit', { fileName: '期初库存.xlsx', data: await workbook(good) });
  const exported = await t.okAsync('catalog.export');
  expect(exported.fileName).toBe('物资目录-2026-11-28.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(exported.data, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('物资目录')!;
  expect(ws.getCell('A1').value).toBe('物资目录');
  expect((ws.getRow(2).values as unknown[]).slice(1, 6)).toEqual(['物资编码', '物资名称', '规格型号', '类别', '计量单位']);
  expect(ws.getCell('B3').value).toBe('医用外科口罩');
  const preview = await t.okAsync('catalog.importPreview', { fileName: '物资目录.xlsx', data: exported.data });
  expect(preview.rows.filter((r) => r.errors.length)).toEqual([]);
  expect(preview.newItems).toBe(0);
});

/** GBK bytes without an encoder library: look the few characters used up in Node's GBK decoder. */
function encodeGbk(text: string): Uint8Array {
  const chars = [...new Set([...text].filter((c) => c.charCodeAt(0) > 127))];
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gbk');
  for (let hi = 0x81; hi <= 0xfe && table.size < chars.length; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const c = dec.decode(new Uint8Array([hi, lo]));
      if (chars.includes(c) && !table.has(c)) table.set(c, [hi, lo]);
    }
  }
  return new Uint8Array([...text].flatMap((c) => table.get(c) ?? [c.charCodeAt(0)]));
}

test('a workbook is read in a worker with a time limit: one that takes too long is refused, and the server was never blocked', async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('物资');
  for (let r = 1; r <= 2000; r++) sheet.addRow([`物资${r}`, r]);
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  await expect(readXlsx('大表.xlsx', bytes, 1)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: '读取“大表.xlsx”超过 0 秒,已停止。文件可能过大,请删除多余的工作表或内容后再试。' });
  const rows = await readXlsx('大表.xlsx', bytes);
  clearInterval(timer);
  expect(rows).toHaveLength(2000);
  expect(rows[1999]).toEqual(['物资2000', 2000]);
  // The main thread kept its timers running while the worker read.
  expect(ticks).toBeGreaterThan(3);
});
