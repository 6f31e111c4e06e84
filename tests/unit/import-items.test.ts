import ExcelJS from 'exceljs';
import { afterEach, expect, test } from 'vitest';
import { buildDemo } from '../../scripts/demo-data';
import { snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
let other: TestLedger | undefined;
afterEach(() => {
  t?.close();
  other?.close();
  other = undefined;
});

const HEADERS = ['物资名称', '规格型号', '计量单位', '类别', '期初数量'];

async function sheet(rows: unknown[][], headers = HEADERS): Promise<{ fileName: string; data: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('期初');
  ws.addRow(headers);
  rows.forEach((r) => ws.addRow(r));
  return { fileName: '期初库存.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

async function readBack(data: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data, 'base64') as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

test('imported items pass the same checks as items.create, and each problem of a row is listed', async () => {
  t = tempLedger();
  const bad = { name: '额温\u0007枪', spec: '规'.repeat(300), unit: '个'.repeat(12) };
  const cat = t.ok('categories.list')[0];
  const created = t.call('items.create', { ...bad, categoryId: cat.id });
  expect(created.ok).toBe(false);
  for (const field of ['name', 'spec', 'unit'] as const) {
    expect(t.call('items.create', { name: '额温枪', unit: '把', categoryId: cat.id, [field]: bad[field] }).ok).toBe(false);
  }
  const before = snapshot(t.ledger);
  // A control character survives in a .csv (an .xlsx writer drops it).
  const csv = [HEADERS, [bad.name, bad.spec, bad.unit, '医疗器械/设备', 3], ['手持扩音器', '', '台', '医疗器械/设备', 2]].map((r) => r.join(',')).join('\r\n');
  const file = { fileName: '期初库存.csv', data: Buffer.from(csv).toString('base64') };
  const preview = await t.okAsync('catalog.importPreview', file);
  expect(preview.rows.map((r) => [r.row, r.errors])).toEqual([
    [2, ['物资名称不能包含控制字符', '规格型号最多 60 个字', '计量单位最多 8 个字']],
    [3, []],
  ]);
  const refused = await t.call('catalog.importCommit', file);
  expect(refused).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '第 2 行:物资名称不能包含控制字符;规格型号最多 60 个字;计量单位最多 8 个字(共 1 行有错误),未导入任何数据。' } });
  expect(snapshot(t.ledger)).toEqual(before);
});

test('export then import into a fresh ledger keeps every item setting', async () => {
  t = tempLedger('2026-11-28T18:00:00+08:00');
  buildDemo(t.ledger, { now: t.clock.now() });
  const speaker = t.ok('items.list').find((i) => i.name === '手持扩音器')!;
  t.ok('items.update', { id: speaker.id, active: false });
  const cat = t.ok('categories.list').find((c) => c.name === '生活物资')!;
  t.ok('items.create', { code: 'SH099', name: '散装食盐', spec: '', categoryId: cat.id, unit: '公斤', packUnit: '袋', packFactor: '0.5', decimals: 3, minStock: '12.125', unitPrice: 399 });
  const protection = t.ok('categories.list').find((c) => c.name === '防护用品')!;
  t.ok('items.create', { code: 'FH099', name: '医用帽', categoryId: protection.id, unit: '只', units: [{ unit: '箱', factor: 2000 }, { unit: '盒', factor: 50 }] });
  const exported = await t.okAsync('catalog.export');
  const cells = await readBack(exported.data);
  expect(cells.find((r) => r[0] === 'FH099')?.[5]).toBe('盒=50只;箱=40盒');
  expect(cells.find((r) => r[0] === 'SH099')?.[5]).toBe('袋=0.5公斤');
  other = tempLedger('2026-11-28T18:00:00+08:00');
  const preview = await other.okAsync('catalog.importPreview', { fileName: '物资目录.xlsx', data: exported.data });
  expect(preview.rows.filter((r) => r.errors.length)).toEqual([]);
  await other.okAsync('catalog.importCommit', { fileName: '物资目录.xlsx', data: exported.data });
  const whole = (l: TestLedger) =>
    l.ok('items.list', { includeInactive: true, limit: 20000 }).map(({ id, categoryId, ...rest }) => rest).sort((a, b) => a.code.localeCompare(b.code));
  const original = whole(t);
  expect(original.some((i) => i.packUnit && i.tracksBatches) && original.some((i) => i.durable && !i.active) && original.some((i) => i.decimals === 3)).toBe(true);
  expect(original.find((i) => i.code === 'FH099')?.units).toEqual([{ unit: '盒', factor: 50 }, { unit: '箱', factor: 2000 }]);
  expect(whole(other)).toEqual(original);
});

test('a 合计 row with a formula is skipped, with or without a cached result', async () => {
  t = tempLedger();
  const file = await sheet([
    ['医用外科口罩', '', '只', '防护用品', 10],
    ['一次性手套', '', '双', '防护用品', 5],
    ['合计', null, null, null, { formula: 'SUM(E2:E3)' }],
    ['合 计', null, null, null, { formula: 'SUM(E2:E3)', result: 15 }],
  ]);
  const preview = await t.okAsync('catalog.importPreview', file);
  expect(preview.rows.map((r) => [r.row, r.values, r.errors])).toEqual([
    [2, { name: '医用外科口罩', spec: '', unit: '只', category: '防护用品', quantity: '10' }, []],
    [3, { name: '一次性手套', spec: '', unit: '双', category: '防护用品', quantity: '5' }, []],
  ]);
  expect(preview.skipped).toEqual([{ row: 4, reason: '合计行,不导入' }, { row: 5, reason: '合计行,不导入' }]);
  const done = await t.okAsync('catalog.importCommit', file);
  expect(done.itemsCreated).toBe(2);
  expect(t.ok('items.list').map((i) => i.name)).toEqual(['医用外科口罩', '一次性手套']);
});

test('the template has every column the importer reads and one example row, which imports cleanly', async () => {
  t = tempLedger();
  const template = await t.okAsync('catalog.importTemplate');
  expect(template.fileName).toBe('物资导入模板.xlsx');
  const rows = await readBack(template.data);
  expect(rows).toHaveLength(3);
  const preview = await t.okAsync('catalog.importPreview', template);
  expect(Object.keys(preview.mapping).sort()).toEqual(preview.fields.map((f) => f.field).sort());
  expect(preview.rows.map((r) => [r.row, r.errors])).toEqual([[3, []]]);
  await t.okAsync('catalog.importCommit', template);
  expect(t.ok('items.list').map((i) => [i.name, i.packUnit, i.packFactor, i.units, i.tracksBatches])).toEqual([['医用外科口罩', '盒', 50, [{ unit: '盒', factor: 50 }, { unit: '箱', factor: 2000 }], true]]);
});

test('with bad rows nothing is imported, and the bad rows download as a workbook with 错误原因', async () => {
  t = tempLedger();
  const file = await sheet([
    ['医用外科口罩', '', '只', '防护用品', 10],
    [null, '无名', '个', '其他', '三'],
    ['一次性手套', '', '双', '防护用品', 5],
    ['额温枪', '红外', '把把把把把把把把把', '医疗器械/设备', 1],
  ]);
  const before = snapshot(t.ledger);
  expect((await t.call('catalog.importCommit', file)).ok).toBe(false);
  expect(snapshot(t.ledger)).toEqual(before);
  const bad = await t.okAsync('catalog.importErrors', file);
  expect(bad.fileName).toBe('期初库存-错误行.xlsx');
  expect((await readBack(bad.data)).slice(1)).toEqual([
    ['行号', ...HEADERS, '错误原因'],
    [3, undefined, '无名', '个', '其他', '三', '期初数量“三”不是有效的数量(不小于 0,最多 3 位小数);物资名称不能为空'],
    [5, '额温枪', '红外', '把把把把把把把把把', '医疗器械/设备', 1, '计量单位最多 8 个字'],
  ]);
});

test('the 包装 column takes several units, each in the base unit or one before it', async () => {
  t = tempLedger();
  const file = await sheet([['医用外科口罩', '', '只', '防护用品', 10, '盒=50只;箱=40盒'], ['医用帽', '', '只', '防护用品', 10, '箱=40桶']], [...HEADERS, '包装']);
  const preview = await t.okAsync('catalog.importPreview', file);
  expect(preview.rows.map((r) => [r.row, r.errors])).toEqual([[2, []], [3, ['包装“箱=40桶”应写作“盒=50只;箱=40盒”的样式,每个单位换算为只或前面的单位']]]);
});
