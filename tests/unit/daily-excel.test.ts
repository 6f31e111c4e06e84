import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DailyReport } from '../../db/reports/types';
import { reportFiles } from '../../excel/daily/workbook';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
let file: string;
let report: DailyReport;
type Sheets = Record<string, {
  merged: string[]; rows: unknown[][]; cached: unknown[][]; number_formats: Record<string, string>; fonts: string[];
  paper: number; orientation: string; fit_width: number; fit_height: number; fit_to_page: boolean; print_titles: string; freeze: string; footer: string;
}>;
let sheets: Sheets;
const openpyxl = (path: string): Sheets => JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, '..', 'python', 'inspect_xlsx.py'), path], { encoding: 'utf8' }));

beforeAll(async () => {
  t = tempLedger('2026-11-28T08:00:00+08:00');
  const s = seedBasics(t);
  t.ok('settings.update', { officeName: '青禾街道办事处' });
  // A second item in two categories: the same unit as the first (防护用品: 只, 只), and another unit (生活物资: 公斤, 箱).
  const cats = t.ok('categories.list');
  const cat = (name: string) => cats.find((c) => c.name === name)!.id;
  const n95 = t.ok('items.create', { code: 'KZ02', name: 'N95口罩', categoryId: cat('防护用品'), unit: '只', unitPrice: 120 });
  const water = t.ok('items.create', { code: 'SH02', name: '矿泉水', spec: '550ml×24', categoryId: cat('生活物资'), unit: '箱', unitPrice: 1500 });
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 1000 }, { itemId: s.rice.id, quantity: '250.5' }, { itemId: s.reagent.id, quantity: 40, batchNo: 'R1', productionDate: '2026-06-01', expiryDate: '2026-12-20' }, { itemId: n95.id, quantity: 300 }, { itemId: water.id, quantity: 20 }, { itemId: s.speaker.id, quantity: 4 }] });
  t.clock.set('2026-11-28T10:00:00+08:00');
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 120 }, { itemId: s.rice.id, quantity: '20.5' }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 80 }] });
  t.ok('docs.post', { type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.speaker.id, quantity: 1 }] });
  t.ok('docs.post', { type: 'transfer_out', counterparty: '西城街道', lines: [{ itemId: s.mask.id, quantity: 100 }] });
  t.clock.set('2026-11-28T15:20:00+08:00');
  const sub = await t.okAsync('reports.daily.submit', { narrative: { work: '完成两个点位发放。', problems: '无', plans: '继续保障。', filledBy: '王联络', reviewedBy: '李组长', phone: '0571-88880000' } });
  report = t.ok('reports.daily.get', { id: sub.id }).report;
  const exported = await t.okAsync('reports.export', { reportId: sub.id });
  file = join(t.dir, exported.files[0].fileName);
  writeFileSync(file, Buffer.from(exported.files[0].data, 'base64'));
  sheets = openpyxl(file);
});
afterAll(() => t.close());

test('openpyxl finds the five sheets with merged titles, subtitles, headers, print setup and footers', () => {
  expect(Object.keys(sheets)).toEqual(['收发存日报表', '物资发放明细表', '点位领用汇总表', '入库明细表', '库存明细表']);
  for (const [name, ws] of Object.entries(sheets)) {
    expect(ws.merged, name).toContain(`A1:${ws.merged.find((m) => m.startsWith('A1:'))!.split(':')[1]}`);
    expect(String(ws.rows[0][0]), name).toMatch(/^青禾街道办事处/);
    expect(ws.rows[1][0], name).toBe('填报单位:青禾街道办事处      日报日期:2026年11月28日');
    expect(ws.rows[1].find((v) => typeof v === 'string' && v.startsWith('统计时段')), name).toBe('统计时段:建账起—2026年11月28日15:00');
    expect([ws.paper, ws.orientation, ws.fit_width, ws.fit_height, ws.fit_to_page], name).toEqual([9, 'landscape', 1, 0, true]);
    expect(ws.footer, name).toBe('第 &P 页 共 &N 页');
    expect(ws.fonts, name).toContain('宋体');
  }
  const b = sheets['收发存日报表'];
  expect(b.print_titles).toBe('$3:$4');
  expect(b.freeze).toBe('A5');
  expect(b.merged).toEqual(expect.arrayContaining(['A1:S1', 'F3:J3', 'A3:A4', 'E3:E4', 'M3:M4', 'N3:N4', 'O3:O4']));
  expect(b.rows[2]).toEqual(['序号', '物资名称', '规格型号', '单位', '上期结存', '本期入库', null, null, null, null, '本期出库', '报损/盘盈亏', '借出', '调出', '本期结存', '可保障天数', '备注', '单价(元)', '结存金额(元)']);
  expect(b.rows[3].slice(5, 10)).toEqual(['上级调拨', '自行采购', '社会捐赠', '其他', '小计']);
});

test('numbers are numbers, totals are live formulas with their results cached, dates are dates', () => {
  const b = sheets['收发存日报表'];
  const maskRow = b.rows.findIndex((r) => r[1] === '医用外科口罩');
  const n = maskRow + 1;
  expect(b.rows[maskRow]).toEqual([1, '医用外科口罩', '独立包装', '只', 0, 1000, 0, 0, 0, `=SUM(F${n}:I${n})`, 200, 0, 0, 100, `=E${n}+J${n}-K${n}+L${n}-M${n}-N${n}`, 3.5, null, 0.5, `=O${n}*R${n}`]);
  // 借出 and 调出 in columns of their own, out positive like 本期出库: 1000 − 200 − 100 = 700; 4 − 1 = 3.
  expect(b.cached[maskRow]).toEqual([1, '医用外科口罩', '独立包装', '只', 0, 1000, 0, 0, 0, 1000, 200, 0, 0, 100, 700, 3.5, null, 0.5, 350]);
  expect(b.cached.find((r) => r[1] === '手持扩音器')).toEqual([4, '手持扩音器', null, '台', 0, 4, 0, 0, 0, 4, 0, 0, 1, 0, 3, '—', null, 0, 0]);
  const rice = b.cached.find((r) => r[1] === '大米')!;
  expect([rice[9], rice[10], rice[14]]).toEqual([250.5, 20.5, 230]);
  expect(b.rows.some((r) => r[0] === '工作开展情况' && r[2] === '完成两个点位发放。')).toBe(true);
  expect(b.rows.some((r) => typeof r[0] === 'string' && r[0].startsWith('填报人:王联络') && r[0].includes('报送时间:2026-11-28 15:20') && /审计链:第 \d+ 条 [0-9a-f]{16}/.test(r[0]))).toBe(true);

  const slips = sheets['物资发放明细表'];
  const first = slips.rows[3];
  expect(first.slice(0, 9)).toEqual([1, { date: '2026-11-28T10:00:00' }, 'CK20261128-001', '东湖小区核酸采样点', '林晓雯', '医用外科口罩', '独立包装', '只', 120]);
  expect(slips.number_formats.B4).toBe('yyyy-mm-dd hh:mm');
  // 只 and 公斤 are not added up: the list's 合计 says so instead of 220.5.
  expect(slips.rows.find((r) => r[1] === '合计')).toEqual([null, '合计', null, null, null, null, null, null, '—', null, null, null]);
  expect(sheets['入库明细表'].rows.find((r) => r[1] === '合计')).toEqual([null, '合计', null, null, null, null, null, null, '—', null, null, null]);
  expect(sheets['库存明细表'].rows.find((r) => r[1] === '合计')).toEqual([null, '合计', null, null, null, null, null, null, '—', null]);

  const cps = sheets['点位领用汇总表'];
  expect(cps.rows[2].slice(0, 4)).toEqual(['序号', '领用点位', '防护用品', '生活物资']);
  expect(cps.rows[3].slice(2, 4)).toEqual(['医用外科口罩(只)', '大米(公斤)']);
  expect(cps.rows.slice(4, 6).map((r) => r.slice(1, 4))).toEqual([['东湖小区核酸采样点', 120, 20.5], ['北门卡口', 80, 0]]);
  const cpTotal = cps.cached.find((r) => r[1] === '合计')!;
  expect(cpTotal.slice(2, 4)).toEqual([200, 20.5]);

  const batches = sheets['库存明细表'];
  const reagent = batches.rows.find((r) => r[5] === 'R1')!;
  expect(reagent.slice(6, 10)).toEqual([{ date: '2026-06-01T00:00:00' }, { date: '2026-12-20T00:00:00' }, 40, '近效期']);
});

test('with prices kept, the closing amount is a live formula and is summed', () => {
  const b = sheets['收发存日报表'];
  const maskRow = b.rows.findIndex((r) => r[1] === '医用外科口罩');
  expect(b.number_formats[`S${maskRow + 1}`]).toBe('#,##0.00');
  const total = b.rows.findIndex((r) => r[1] === '合计');
  expect(b.rows[total][18]).toBe(`=SUBTOTAL(9,S5:S${total})`);
  // 350 (口罩) + 360 (N95) + 300 (矿泉水): money adds up whatever the units.
  expect(b.cached[total][18]).toBe(1010);
});

test('a quantity subtotal only where the group has one unit; the 合计 of mixed units is "—", the amount always summed', () => {
  const b = sheets['收发存日报表'];
  const rowOf = (label: string) => b.rows.findIndex((r) => r[1] === label);
  const dash = Array(11).fill('—');
  const protective = rowOf('防护用品 小计');
  expect(b.rows[protective]).toEqual([null, '防护用品 小计', null, '只', ...'EFGHIJKLMNO'.split('').map((c) => `=SUBTOTAL(9,${c}5:${c}${protective})`), null, null, null, `=SUBTOTAL(9,S5:S${protective})`]);
  expect(b.cached[protective]).toEqual([null, '防护用品 小计', null, '只', 0, 1300, 0, 0, 0, 1300, 200, 0, 0, 100, 1000, null, null, null, 710]);
  const living = rowOf('生活物资 小计');
  expect(b.cached[living]).toEqual([null, '生活物资 小计', null, null, ...dash, null, null, null, 300]);
  expect(b.cached[rowOf('合计')]).toEqual([null, '合计', null, null, ...dash, null, null, null, 1010]);
  expect(b.cached[rowOf('医疗器械/设备 小计')]).toEqual([null, '医疗器械/设备 小计', null, '台', 0, 4, 0, 0, 0, 4, 0, 0, 1, 0, 3, null, null, null, 0]);
});

test('when every item has one unit, the 合计 adds the quantities up', async () => {
  const same = { ...report, items: report.items.filter((i) => i.unit === '只') };
  const [out] = await reportFiles(same, ['balance'], true, 'same-unit');
  const path = join(t.dir, out.fileName);
  writeFileSync(path, out.bytes);
  const b = openpyxl(path)['收发存日报表'];
  const total = b.rows.findIndex((r) => r[1] === '合计');
  expect(b.rows[total][14]).toBe(`=SUBTOTAL(9,O5:O${total})`);
  expect(b.cached[total]).toEqual([null, '合计', null, '只', 0, 1300, 0, 0, 0, 1300, 200, 0, 0, 100, 1000, null, null, null, 710]);
});

test('exceljs reads its own output back the same', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(Object.keys(sheets));
  const ws = wb.getWorksheet('收发存日报表')!;
  expect(ws.getCell('A1').value).toBe('青禾街道办事处应急物资收发存日报表');
  expect(ws.pageSetup.printTitlesRow).toBe('3:4');
});
