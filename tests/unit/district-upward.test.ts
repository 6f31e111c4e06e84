import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { officeLedger, register, submitAndPackage } from '../helpers/district';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

const open: TestLedger[] = [];
afterEach(() => open.splice(0).forEach((t) => t.close()));
const keep = (t: TestLedger) => (open.push(t), t);

async function office(n: number, issued: number, submitAt: string) {
  const o = keep(officeLedger(`第${n}街道`, `3301060${n}0000`));
  const s = seedBasics(o);
  o.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-12-01T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 1000 }] });
  o.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-12-01T09:30:00+08:00', lines: [{ itemId: s.mask.id, quantity: issued }] });
  return { o, file: (await submitAndPackage(o, submitAt)).file };
}

test('报送情况: on time by the units’ deadline, late after it, today not yet due, missing; the 催报 list has the phones', async () => {
  const d = keep(tempLedger('2026-12-01T09:00:00+08:00'));
  d.ok('settings.update', { officeName: '青山区物资保障组', unitCode: '330106000000', unitDeadline: '15:00' });
  const early = await office(1, 100, '2026-12-01T14:30:00+08:00');
  const late = await office(2, 200, '2026-12-01T15:40:00+08:00');
  const none = keep(officeLedger('第3街道', '330106030000'));
  for (const [o, phone] of [[early.o, '13900000001'], [late.o, '13900000002'], [none, '13900000003']] as const) register(d, o, { contact: '联络员', phone });
  d.clock.set('2026-12-01T14:59:00+08:00');
  d.ok('packages.import', early.file);
  const before = d.ok('district.matrix', { days: 2 });
  expect(before.days).toEqual(['2026-11-30', '2026-12-01']);
  expect(before.units.map((u) => [u.name, ...u.cells.map((c) => c.state)])).toEqual([
    ['第1街道', 'notOwed', 'ontime'], ['第2街道', 'notOwed', 'pending'], ['第3街道', 'notOwed', 'pending'],
  ]);
  expect(before.chase.map((c) => [c.name, c.phone, c.overdue])).toEqual([['第2街道', '13900000002', false], ['第3街道', '13900000003', false]]);

  d.clock.set('2026-12-01T16:00:00+08:00');
  d.ok('packages.import', late.file);
  const after = d.ok('district.matrix', { days: 2 });
  // Past 15:00 the units work on tomorrow's report: its column is there, not yet due.
  expect(after.days).toEqual(['2026-12-01', '2026-12-02']);
  expect(after.units.map((u) => u.cells[1].state)).toEqual(['pending', 'pending', 'pending']);
  expect(after.units.map((u) => u.cells[0])).toEqual([
    { day: '2026-12-01', state: 'ontime', firstSubmittedAt: '2026-12-01T06:30:00.000Z', kind: 'daily', packages: 1 },
    { day: '2026-12-01', state: 'late', firstSubmittedAt: '2026-12-01T07:40:00.000Z', kind: 'daily', packages: 1 },
    { day: '2026-12-01', state: 'missing', firstSubmittedAt: null, kind: null, packages: 0 },
  ]);
  expect(after.chase).toEqual([{ id: after.units[2].id, code: '330106030000', name: '第3街道', contact: '联络员', phone: '13900000003', overdue: true }]);
  // A unit registered after today's deadline owes nothing for today; tomorrow's is not yet due.
  register(d, keep(officeLedger('第4街道', '330106040000')));
  expect(d.ok('district.matrix', { days: 2 }).units[3].cells.map((c) => c.state)).toEqual(['notOwed', 'pending']);
});

test('the district’s 汇总 goes upward as its own package, which the level above imports like any unit’s: consolidation composes', async () => {
  const d = keep(officeLedger('青山区物资保障组', '330106000000', '2026-12-01T16:00:00+08:00'));
  seedBasics(d);
  const units = [await office(1, 100, '2026-12-01T14:30:00+08:00'), await office(2, 250, '2026-12-01T14:40:00+08:00')];
  d.clock.set('2026-12-01T15:50:00+08:00');
  expect(d.call('consolidations.submit', { day: '2026-12-01' })).toMatchObject({ ok: false, error: { message: '2026-12-01 还没有下级单位的报送,无可汇总。' } });
  for (const u of units) {
    register(d, u.o);
    d.ok('packages.import', u.file);
  }
  const sent = d.ok('consolidations.submit', { day: '2026-12-01' });
  expect(sent).toEqual({ id: sent.id, day: '2026-12-01', kind: 'daily', submittedAt: '2026-12-01T07:50:00.000Z', units: 2, goods: 1, submittedBy: d.ok('auth.me')!.displayName });
  const file = d.ok('consolidations.package', { id: sent.id });
  expect(file.fileName).toBe('青山区物资保障组-汇总-2026-12-01.slpkg');
  expect(d.ok('consolidations.package', { id: sent.id })).toEqual(file);

  // The county knows the district as one of its units.
  const county = keep(tempLedger('2026-12-01T16:30:00+08:00'));
  county.ok('settings.update', { officeName: '某某县指挥部', unitCode: '330100000000' });
  register(county, d);
  expect(county.ok('packages.import', file)).toMatchObject({ outcome: 'imported', unit: { code: '330106000000', name: '青山区物资保障组' }, day: '2026-12-01' });
  const up = county.ok('district.summary', { day: '2026-12-01' });
  const down = d.ok('district.summary', { day: '2026-12-01' });
  expect(up.rows.map((r) => [r.name, r.total])).toEqual(down.rows.map((r) => [r.name, r.total]));
  // The masks: 2000 in, 350 out across the two offices.
  expect(down.rows[0].total).toMatchObject({ received: 2000, issued: 350, closing: 1650 });
  const pkg = JSON.parse(Buffer.from(file.data, 'base64').toString('utf8'));
  expect(pkg.consolidates).toEqual([
    { code: '330106010000', name: '第1街道', kind: 'daily', submittedAt: '2026-12-01T06:30:00.000Z' },
    { code: '330106020000', name: '第2街道', kind: 'daily', submittedAt: '2026-12-01T06:40:00.000Z' },
  ]);
  // Sent again after a unit's 补报: a 更正 of the first.
  expect(d.ok('consolidations.submit', { day: '2026-12-01' })).toMatchObject({ kind: 'correction' });
  expect(d.ok('consolidations.list', { day: '2026-12-01' }).map((c) => c.kind)).toEqual(['correction', 'daily']);
});

test('the 汇总表 workbook, read back by openpyxl: a row per unit, a 合计 of live SUM formulas, and who did not report with their phone', async () => {
  const d = keep(officeLedger('青山区物资保障组', '330106000000', '2026-12-01T16:00:00+08:00'));
  seedBasics(d);
  const units = [await office(1, 100, '2026-12-01T14:30:00+08:00'), await office(2, 250, '2026-12-01T14:40:00+08:00')];
  const silent = keep(officeLedger('第3街道', '330106030000'));
  d.clock.set('2026-12-01T16:05:00+08:00');
  for (const u of units) register(d, u.o);
  register(d, silent, { contact: '丁一', phone: '13900000003' });
  for (const u of units) d.ok('packages.import', u.file);
  const out = await d.okAsync('district.summaryExport', { day: '2026-12-01' });
  expect(out.fileName).toBe('青山区物资保障组-汇总表-2026-12-01.xlsx');
  const path = join(d.dir, out.fileName);
  writeFileSync(path, Buffer.from(out.data, 'base64'));
  type Sheet = { rows: unknown[][]; cached: unknown[][]; merged: string[]; orientation: string; fit_width: number; print_titles: string; fonts: string[]; number_formats: Record<string, string> };
  const book = JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, '..', 'python', 'inspect_xlsx.py'), path], { encoding: 'utf8' })) as Record<string, Sheet>;
  const sheet = book['汇总表'];
  expect(sheet.rows[0][0]).toBe('青山区物资保障组应急物资汇总表');
  expect(sheet.rows[1][0]).toBe('汇总单位:青山区物资保障组      日报日期:2026-12-01      报送单位 2 个,未报 1 个:第3街道');
  expect(sheet.rows[2]).toEqual(['序号', '物资名称', '规格型号', '单位', '报送单位', '上期结存', '本期入库', '本期出库', '报损/盘盈亏', '借出', '调出', '本期结存', '日均出库', '可保障天数']);
  expect(sheet.rows.slice(3, 6)).toEqual([
    [1, '医用外科口罩', '独立包装', '只', '第1街道', 0, 1000, 100, 0, 0, 0, 900, 100, 9],
    [null, null, null, null, '第2街道', 0, 1000, 250, 0, 0, 0, 750, 250, 3],
    [null, null, null, null, '合计', '=SUM(F4:F5)', '=SUM(G4:G5)', '=SUM(H4:H5)', '=SUM(I4:I5)', '=SUM(J4:J5)', '=SUM(K4:K5)', '=SUM(L4:L5)', '=SUM(M4:M5)', 4.7],
  ]);
  expect(sheet.cached[5].slice(5, 13)).toEqual([0, 2000, 350, 0, 0, 0, 1650, 350]);
  // Whole quantities without a decimal point (Excel would show "1650." for #,##0.###), days of cover with theirs.
  expect([sheet.number_formats.G4, sheet.number_formats.L6, sheet.number_formats.N6]).toEqual(['#,##0;-#,##0;"-"', '#,##0;-#,##0;"-"', '#,##0.0##;-#,##0.0##;"-"']);
  expect(sheet.merged).toEqual(expect.arrayContaining(['A4:A6', 'B4:B6', 'A1:N1']));
  expect([sheet.orientation, sheet.fit_width, sheet.print_titles, sheet.fonts]).toEqual(['landscape', 1, '$3:$3', ['宋体', '黑体']]);
  expect(book['报送情况'].rows.slice(2)).toEqual([
    ['序号', '单位', '区划代码', '报送情况', '报送时间', '联系人', '联系电话'],
    [1, '第1街道', '330106010000', '已报', '2026-12-01 14:30', null, null],
    [2, '第2街道', '330106020000', '已报', '2026-12-01 14:40', null, null],
    [3, '第3街道', '330106030000', '未报', null, '丁一', '13900000003'],
  ]);
});

test('the superior’s own form filled from 各单位: a row per unit and good of the day, as the units reported them', async () => {
  const d = keep(officeLedger('青山区物资保障组', '330106000000', '2026-12-01T16:00:00+08:00'));
  d.ok('settings.update', { consolidates: true, reportStartDay: '2026-12-01' });
  seedBasics(d);
  const units = [await office(1, 100, '2026-12-01T14:30:00+08:00'), await office(2, 250, '2026-12-01T14:40:00+08:00')];
  d.clock.set('2026-12-01T16:05:00+08:00');
  for (const u of units) {
    register(d, u.o);
    d.ok('packages.import', u.file);
  }
  const ExcelJS = (await import('exceljs')).default;
  const form = new ExcelJS.Workbook();
  const ws = form.addWorksheet('各单位');
  ws.getCell('A1').value = '{{填报单位}}各街道物资情况';
  ws.getRow(3).values = ['{{#表 各单位}}{{行.序号}}', '{{行.单位}}', '{{行.物资名称}}', '{{行.计量单位}}', '{{行.本期出库}}', '{{行.本期结存}}', '{{行.可保障天数}}'];
  const created = await d.okAsync('templates.create', { name: '区各单位表', fileName: '区各单位表.xlsx', data: Buffer.from(await form.xlsx.writeBuffer()).toString('base64') });
  const out = await d.okAsync('reports.export', { day: '2026-12-01', formats: [], templates: [created.id], oneFile: false });
  const filled = new ExcelJS.Workbook();
  await filled.xlsx.load(Buffer.from(out.files.find((f) => f.fileName.includes('区各单位表'))!.data, 'base64') as unknown as ArrayBuffer);
  const sheet = filled.getWorksheet('各单位')!;
  const row = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1, 8);
  expect([row(3), row(4)]).toEqual([[1, '第1街道', '医用外科口罩', '只', 100, 900, 9], [2, '第2街道', '医用外科口罩', '只', 250, 750, 3]]);
});
