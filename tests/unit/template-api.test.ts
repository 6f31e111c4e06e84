import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { balanceForm } from '../helpers/forms';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const b64 = (b: Buffer) => b.toString('base64');
async function sheetOf(data: string, name: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data, 'base64') as unknown as ArrayBuffer);
  return wb.getWorksheet(name)!;
}

function day(t: TestLedger) {
  const s = seedBasics(t);
  t.ok('settings.update', { officeName: '云杉街道办事处' });
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 500 }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.gate.id, personId: s.bob.id, time: '2026-11-28T10:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 120 }] });
}

test('a form with an unknown placeholder is refused with its errors, and nothing is stored', async () => {
  t = tempLedger();
  const before = snapshot(t.ledger);
  const bad = b64(await balanceForm(1, true));
  expect(await t.okAsync('templates.inspect', { fileName: '上级表.xlsx', data: bad })).toMatchObject({ errors: ['收发存!A8:未知的占位符 {{联系人}}', '收发存!I5:数据集“收发存”没有字段“颜色”'] });
  expect(await t.call('templates.create', { name: '区指挥部日报', fileName: '上级表.xlsx', data: bad })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '模板有 2 处错误:收发存!A8:未知的占位符 {{联系人}};收发存!I5:数据集“收发存”没有字段“颜色”' },
  });
  expect(await t.call('templates.create', { name: 'x', fileName: 'x.xlsx', data: b64(Buffer.from('not a workbook')) })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '无法读取“x.xlsx”:请上传 Excel 2007 及以上版本的 .xlsx 文件(.xls 请先另存为 .xlsx)。' },
  });
  expect(snapshot(t.ledger)).toEqual(before);
});

test('stored forms are previewed with today\'s data, exported by default with the daily report, and kept byte for byte', async () => {
  t = tempLedger('2026-11-28T15:05:00+08:00');
  day(t);
  const form = await balanceForm();
  const created = await t.okAsync('templates.create', { name: '区指挥部日报', fileName: '区指挥部日报.xlsx', data: b64(form) });
  expect(created).toEqual({
    id: 1, name: '区指挥部日报', fileName: '区指挥部日报.xlsx', size: form.length, defaultDataset: null, exportByDefault: false,
    createdAt: '2026-11-28T07:05:00.000Z', updatedAt: '2026-11-28T07:05:00.000Z',
  });
  expect(t.ledger.db.prepare('SELECT bytes FROM report_templates WHERE id = 1').pluck().get()).toEqual(form);
  const preview = await t.okAsync('templates.preview', { id: 1 });
  expect(preview.fileName).toBe('预览-区指挥部日报.xlsx');
  const ws = await sheetOf(preview.data, '收发存');
  expect(ws.getCell('A1').value).toBe('云杉街道办事处应急物资收发存日报表');
  expect(ws.getCell('B5').value).toBe('医用外科口罩');

  t.ok('templates.setDefaults', { formats: ['balance'], templateIds: [1] });
  expect(t.ok('templates.list')).toMatchObject({ builtIn: [{ id: 'balance', exportByDefault: true }, { id: 'slips', exportByDefault: false }, { id: 'checkpoints', exportByDefault: false }, { id: 'receipts', exportByDefault: false }, { id: 'batches', exportByDefault: false }, { id: 'supply', exportByDefault: false }], templates: [{ id: 1, exportByDefault: true }] });
  const submitted = await t.okAsync('reports.daily.submit', { narrative: { filledBy: '钱小芳' } });
  expect(submitted.files).toEqual(['云杉街道办事处物资日报-2026年11月28日.xlsx', '云杉街道办事处物资日报-2026年11月28日-区指挥部日报.xlsx']);
  const first = await t.okAsync('reports.export', { reportId: submitted.id });
  const again = await t.okAsync('reports.export', { reportId: submitted.id });
  expect(again).toEqual(first);
  const filled = await sheetOf(first.files[1].data, '收发存');
  expect([filled.getCell('B5').value, filled.getCell('G5').value, filled.getCell('A8').value]).toEqual(['医用外科口罩', 120, expect.stringContaining('填报人:钱小芳')]);
  // Deleting a form later does not touch what was already sent.
  t.ok('templates.delete', { id: 1 });
  expect(await t.okAsync('reports.export', { reportId: submitted.id })).toEqual(first);
  expect(t.ok('templates.list').templates).toEqual([]);
});

test('a form written by LibreOffice (an .xlsx → .ods → .xlsx round trip) fills the same way', { timeout: 120_000 }, async () => {
  t = tempLedger('2026-11-28T15:05:00+08:00');
  day(t);
  const work = join(t.dir, 'lo');
  mkdirSync(work);
  writeFileSync(join(work, 'form.xlsx'), await balanceForm());
  const soffice = (args: string[]) => execFileSync('soffice', [`-env:UserInstallation=file://${join(t.dir, 'lo-profile')}`, '--headless', ...args], { cwd: work, stdio: 'ignore', timeout: 90_000 });
  soffice(['--convert-to', 'ods', 'form.xlsx']);
  mkdirSync(join(work, 'back'));
  soffice(['--convert-to', 'xlsx', '--outdir', 'back', 'form.ods']);
  const form = readFileSync(join(work, 'back', 'form.xlsx'));
  const created = await t.okAsync('templates.create', { name: 'LibreOffice 表', fileName: 'form.xlsx', data: b64(form) });
  const preview = await t.okAsync('templates.preview', { id: created.id });
  const ws = await sheetOf(preview.data, '收发存');
  const items = t.ok('reports.daily.preview').items;
  const total = 5 + items.length;
  expect(ws.getCell(`B${4 + items.length}`).value).toBe(items[items.length - 1].name);
  expect(ws.getCell(`A${total}`).value).toBe('合计');
  expect((ws.getCell(`G${total}`).value as { formula: string }).formula).toBe(`SUM(G5:G${total - 1})`);
  expect(ws.getCell(`A1`).value).toBe('云杉街道办事处应急物资收发存日报表');
  expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:I1', 'F3:G3', `A${total}:D${total}`]));
});
