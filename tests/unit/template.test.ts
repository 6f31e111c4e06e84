import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { DailyReport } from '../../db/reports/types';
import { fillTemplate, inspectTemplate } from '../../excel/template/fill';
import { balanceForm } from '../helpers/forms';
import { tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

/** A real ledger with `n` goods received (and the first three issued), and its report preview. */
function reportWith(n: number): DailyReport {
  t = tempLedger('2026-11-28T14:00:00+08:00');
  t.ok('settings.update', { officeName: '云杉街道办事处' });
  const cat = t.ok('categories.list')[0].id;
  const items = Array.from({ length: n }, (_v, i) => t.ok('items.create', { code: `T${String(i + 1).padStart(3, '0')}`, name: `物资${i + 1}`, spec: `规格${i + 1}`, categoryId: cat, unit: '件' }));
  if (n > 0) {
    const source = t.ok('sources.create', { name: '区物资保障组', type: 'allocation' });
    const cp = t.ok('checkpoints.create', { name: '南门卡口', type: '卡口' });
    const person = t.ok('people.create', { name: '赵一', checkpointId: cp.id });
    t.ok('docs.post', { type: 'receipt', sourceId: source.id, time: '2026-11-28T09:00:00+08:00', lines: items.map((it, i) => ({ itemId: it.id, quantity: 10 + i })) });
    t.ok('docs.post', { type: 'issue', checkpointId: cp.id, personId: person.id, time: '2026-11-28T10:30:00+08:00', lines: items.slice(0, 3).map((it) => ({ itemId: it.id, quantity: 2 })) });
  }
  return { ...t.ok('reports.daily.preview'), narrative: { work: '', problems: '', plans: '', filledBy: '钱小芳', reviewedBy: '孙主任', phone: '0571-0000 1111' } };
}

const context = (report: DailyReport) => ({ report, officeAddress: '云杉路 1 号', officePhone: '0571-1234 5678', now: '2026-11-28T06:00:00.000Z' });

/** exceljs reads a cached `<v>0</v>` as no result at all (openpyxl, below, sees the 0 itself). */
const formula = (v: unknown) => ({ ...(v as object), result: (v as { result?: number }).result ?? 0 });

async function read(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function openpyxl(bytes: Buffer, name: string) {
  const file = join(t.dir, `${name}.xlsx`);
  writeFileSync(file, bytes);
  return JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, '..', 'python', 'inspect_xlsx.py'), file], { encoding: 'utf8' }));
}

test('loading a form lists its placeholders, its tables and their data sets', async () => {
  t = tempLedger();
  expect(await inspectTemplate(await balanceForm())).toEqual({
    sheets: ['收发存', '发放明细'],
    singles: ['填报单位', '统计时段', '填报人', '审核人', '联系电话', '报送时间'],
    tables: [
      { sheet: '收发存', row: 5, dataset: '收发存', fields: ['序号', '物资名称', '规格型号', '单位', '上期结存', '本期入库', '本期出库', '本期结存', '备注'] },
      { sheet: '发放明细', row: 3, dataset: '发放明细', fields: ['序号', '时间', '点位', '领取人', '数量'] },
    ],
    errors: [],
  });
});

test('an unknown placeholder is an error listed at load, with its sheet and cell', async () => {
  t = tempLedger();
  const info = await inspectTemplate(await balanceForm(1, true));
  expect(info.errors).toEqual(['收发存!A8:未知的占位符 {{联系人}}', '收发存!I5:数据集“收发存”没有字段“颜色”']);
  await expect(fillTemplate(await balanceForm(1, true), context(reportWith(1)))).rejects.toThrow('模板有 2 处错误');
});

test.each([0, 1, 20, 500])('%i rows: values typed, merges, formulas and their ranges, print settings all follow the table', async (n) => {
  const report = reportWith(n);
  expect(report.items).toHaveLength(n);
  const bytes = await fillTemplate(await balanceForm(), context(report));
  const wb = await read(bytes);
  const ws = wb.getWorksheet('收发存')!;
  const rows = Math.max(n, 1);
  const total = 5 + rows;
  const sign = total + 2;
  expect(ws.getCell('A1').value).toBe('云杉街道办事处应急物资收发存日报表');
  expect(ws.getCell('A2').value).toBe(`统计时段:${report.periodText}`);
  for (let i = 0; i < n; i++) {
    const item = report.items[i];
    expect(Array.from({ length: 9 }, (_v, c) => ws.getCell(5 + i, c + 1).value)).toEqual([i + 1, item.name, item.spec, '件', item.opening, item.received, item.issued, item.closing, item.belowMinimum ? '低于最低库存' : null]);
    expect(ws.getRow(5 + i).height).toBe(20);
    expect(ws.getCell(5 + i, 5).numFmt).toBe('#,##0.###');
  }
  if (n === 0) expect((ws.getRow(5).values as unknown[]).filter((v) => v !== null && v !== undefined)).toEqual([]);
  const sum = (f: (i: (typeof report.items)[number]) => number) => report.items.reduce((s, i) => s + f(i), 0);
  expect(formula(ws.getCell(`E${total}`).value)).toEqual({ formula: `SUM(E5:E${total - 1})`, result: sum((i) => i.opening) });
  expect(formula(ws.getCell(`G${total}`).value)).toEqual({ formula: `SUM(G5:G${total - 1})`, result: sum((i) => i.issued) });
  expect(formula(ws.getCell(`H${total}`).value)).toEqual({ formula: `SUM(H5:H${total - 1})`, result: sum((i) => i.closing) });
  expect(ws.getCell(`A${sign}`).value).toBe('填报人:钱小芳    审核人:孙主任    联系电话:0571-0000 1111');
  expect(ws.getCell(`H${sign}`).value).toEqual(new Date('2026-11-28T14:00:00.000Z'));
  expect(ws.getCell(`H${sign}`).numFmt).toBe('yyyy-mm-dd hh:mm');
  expect(ws.headerFooter.oddHeader).toBe('&C云杉街道办事处');
  expect(ws.getRow(total).height).toBe(22);
  expect(ws.getRow(sign).height).toBe(24);
  const detail = wb.getWorksheet('发放明细')!;
  expect(formula(detail.getCell('E1').value)).toEqual({ formula: `'收发存'!G${total}`, result: sum((i) => i.issued) });
  const slips = report.slips.length;
  expect(formula(detail.getCell(`E${3 + Math.max(slips, 1)}`).value)).toEqual({ formula: `SUM(E3:E${2 + Math.max(slips, 1)})`, result: slips * 2 });

  // An independent reader: openpyxl sees the same merges, formulas, cached totals and print settings.
  const x = openpyxl(bytes, `filled-${n}`)['收发存'];
  expect(x.merged).toEqual(['A1:I1', 'A2:I2', 'A3:A4', `A${total}:D${total}`, 'B3:B4', 'C3:C4', 'D3:D4', 'E3:E4', 'F3:G3', `A${sign}:F${sign}`, `H${sign}:I${sign}`, 'H3:H4', 'I3:I4'].sort());
  expect(x.rows[total - 1].slice(4, 8)).toEqual(['E', 'F', 'G', 'H'].map((c) => `=SUM(${c}5:${c}${total - 1})`));
  expect(x.cached[total - 1].slice(4, 8)).toEqual([sum((i) => i.opening), sum((i) => i.received), sum((i) => i.issued), sum((i) => i.closing)]);
  expect(x.print_area).toEqual([`$A$1:$I$${sign + 1}`]);
  expect(x.print_titles).toBe('$3:$4');
  expect([x.orientation, x.fit_width, x.fit_height, x.freeze, x.footer]).toEqual(['landscape', 1, 0, 'A5', '第 &P 页 共 &N 页']);
  expect(x.validations).toEqual([`I${sign + 1}`]);
  expect(x.conditional).toEqual([total - 1 === 5 ? 'H5' : `H5:H${total - 1}`]);
  const [seal] = ws.getImages();
  // Anchored from the row under the signatures (0-based sign) to the end of the next one.
  expect([seal.range.tl.nativeRow, seal.range.br.nativeRow]).toEqual([sign, sign + 2]);
  expect(x.widths).toMatchObject({ B: 20, I: 12 });
});

test('a fixed 20-row form is filled in place, and grows only when the data is longer', async () => {
  for (const [n, inserted] of [[1, 0], [20, 0], [25, 5]] as const) {
    const report = reportWith(n);
    const wb = await read(await fillTemplate(await balanceForm(20), context(report)));
    const ws = wb.getWorksheet('收发存')!;
    const total = 25 + inserted;
    expect([n, ws.getCell(`A${total}`).value, formula(ws.getCell(`E${total}`).value)]).toEqual([n, '合计', { formula: `SUM(E5:E${total - 1})`, result: report.items.reduce((s, i) => s + i.opening, 0) }]);
    expect(ws.getCell(`B${4 + n}`).value).toBe(`物资${n}`);
    // The blank rows left keep their borders and stay empty.
    if (n < 20) expect([ws.getCell(`B${5 + n}`).value, ws.getCell(`B${5 + n}`).border?.top?.style]).toEqual([null, 'thin']);
    expect(ws.pageSetup.printArea).toBe(`A1:I${total + 3}`);
    t.close();
  }
});

test('two tables on one sheet: the lower one moves down whole, and each total covers its own rows', async () => {
  const report = reportWith(3);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('两表');
  ws.getRow(1).values = ['{{填报单位}}'];
  ws.getRow(2).values = ['序号', '物资', '结存'];
  ws.getRow(3).values = ['{{#表 收发存}}{{行.序号}}', '{{行.物资名称}}', '{{行.本期结存}}'];
  ws.getRow(4).values = ['合计', null, { formula: 'SUM(C3:C3)' } as ExcelJS.CellFormulaValue];
  ws.getRow(6).values = ['序号', '单号', '数量'];
  ws.getRow(7).values = ['{{#表 入库明细}}{{行.序号}}', '{{行.单号}}', '{{行.数量}}'];
  ws.getRow(8).values = ['合计', null, { formula: 'SUM(C7:C7)' } as ExcelJS.CellFormulaValue];
  ws.mergeCells('A8:B8');
  const out = await read(await fillTemplate(Buffer.from(await wb.xlsx.writeBuffer()), context(report)));
  const sheet = out.getWorksheet('两表')!;
  const receipts = report.receipts.length;
  expect(receipts).toBe(3);
  expect([3, 4, 5].map((r) => sheet.getCell(`B${r}`).value)).toEqual(report.items.map((i) => i.name));
  expect(formula(sheet.getCell('C6').value)).toEqual({ formula: 'SUM(C3:C5)', result: report.items.reduce((s, i) => s + i.closing, 0) });
  expect(sheet.getCell('A8').value).toBe('序号');
  expect([9, 10, 11].map((r) => sheet.getCell(`C${r}`).value)).toEqual(report.receipts.map((r) => r.quantity));
  expect(formula(sheet.getCell('C12').value)).toEqual({ formula: 'SUM(C9:C11)', result: report.receipts.reduce((s, r) => s + r.quantity, 0) });
  expect(sheet.model.merges).toEqual(['A12:B12']);
});

test('a form can ask for 借出 and 调出 apart, or for the old 借出调出 (their sum); all count out as positive, like 本期出库', async () => {
  t = tempLedger('2026-11-28T08:00:00+08:00');
  const cat = t.ok('categories.list')[0].id;
  const horn = t.ok('items.create', { code: 'T001', name: '扩音器', categoryId: cat, unit: '台', durable: true });
  const source = t.ok('sources.create', { name: '区物资保障组', type: 'allocation' });
  const cp = t.ok('checkpoints.create', { name: '南门卡口', type: '卡口' });
  const person = t.ok('people.create', { name: '赵一', checkpointId: cp.id });
  t.ok('docs.post', { type: 'receipt', sourceId: source.id, lines: [{ itemId: horn.id, quantity: 10 }] });
  t.clock.set('2026-11-28T09:00:00+08:00');
  t.ok('docs.post', { type: 'issue', checkpointId: cp.id, personId: person.id, lines: [{ itemId: horn.id, quantity: 1 }] });
  t.ok('docs.post', { type: 'loan', checkpointId: cp.id, personId: person.id, lines: [{ itemId: horn.id, quantity: 3 }] });
  t.ok('docs.post', { type: 'loan_return', checkpointId: cp.id, lines: [{ itemId: horn.id, quantity: 1 }] });
  t.ok('docs.post', { type: 'transfer_out', counterparty: '西城街道', lines: [{ itemId: horn.id, quantity: 4 }] });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('借调');
  ws.getRow(1).values = ['物资', '出库', '借出', '调出', '借出调出', 'lentOut', 'transferredOut', 'lent', '结存'];
  ws.getRow(2).values = ['{{#表 收发存}}{{行.物资名称}}', '{{行.本期出库}}', '{{行.借出}}', '{{行.调出}}', '{{行.借出调出}}', '{{row.lentOut}}', '{{row.transferredOut}}', '{{row.lent}}', '{{行.本期结存}}'];
  const out = await read(await fillTemplate(Buffer.from(await wb.xlsx.writeBuffer()), context(t.ok('reports.daily.preview'))));
  // 10 in, 1 issued, 3 lent and 1 back, 4 transferred: 10 − 1 − 2 − 4 = 3 left.
  expect(out.getWorksheet('借调')!.getRow(2).values).toEqual([undefined, '扩音器', 1, 2, 4, 6, 2, 4, 6, 3]);
});
