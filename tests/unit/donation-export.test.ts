import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { soffice } from '../fixtures/template-variants/forms';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

/** The 公示表 exported (read back by openpyxl, rendered by LibreOffice) and printed (rendered to PDF by Chromium, read by pdftotext). */
let t: TestLedger;
let work = '';
afterEach(() => {
  t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function twoDonations() {
  t = tempLedger('2026-11-28T08:00:00+08:00');
  const s = seedBasics(t);
  t.ok('settings.update', { officeName: '云杉街道办事处', officePhone: '0571-87001234' });
  const named = t.ok('docs.post', { type: 'receipt', sourceId: s.donation.id, donation: { donor: '青禾爱心企业', contact: '13900000001', receiptNo: 'JZ-0001' }, lines: [{ itemId: s.reagent.id, quantity: 40, batchNo: 'G1', expiryDate: '2027-06-30' }, { itemId: s.rice.id, quantity: '250.5' }] });
  t.ok('docs.post', { type: 'receipt', sourceId: s.donation.id, donation: { donor: '张先生', anonymous: true, contact: '13911112222' }, lines: [{ itemId: s.mask.id, quantity: 300 }] });
  const lines = t.ok('docs.get', { id: named.id }).lines;
  t.clock.set(new Date('2026-11-28T10:00:00+08:00'));
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 12, batchId: lines[0].batchId }, { itemId: s.rice.id, quantity: '100', batchId: lines[1].batchId }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.reagent.id, quantity: 8, batchId: lines[0].batchId }] });
  t.ok('docs.post', { type: 'return', checkpointId: s.site.id, lines: [{ itemId: s.reagent.id, quantity: 2 }] });
  t.ok('docs.post', { type: 'loss', lines: [{ itemId: s.rice.id, quantity: '0.5', batchId: lines[1].batchId, reason: '受潮' }] });
}

test('the 公示表 as Excel: official frame, a row per use, 现存 as a live formula, 匿名 and no contact', async () => {
  twoDonations();
  work = mkdtempSync(join(tmpdir(), 'donation-xlsx-'));
  const file = join(work, 'gs.xlsx');
  const { fileName, data } = await t.okAsync('donations.export', {});
  expect(fileName).toBe('捐赠物资接收及使用情况公示表-2026-11-28.xlsx');
  writeFileSync(file, Buffer.from(data, 'base64'));
  const sheets = JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, '..', 'python', 'inspect_xlsx.py'), file], { encoding: 'utf8' }));
  const ws = sheets['捐赠公示'];
  expect([ws.orientation, ws.paper, ws.fit_width, ws.fit_height, ws.print_titles, ws.freeze, ws.footer]).toEqual(['landscape', 9, 1, 0, '$3:$4', 'A5', '第 &P 页 共 &N 页']);
  expect(ws.rows[0][0]).toBe('云杉街道办事处捐赠物资接收及使用情况公示表');
  expect(ws.rows[2].slice(0, 5)).toEqual(['序号', '捐赠方', '捐赠收据号', '接收日期', '接收物资']);
  expect(ws.rows[3].slice(4, 15)).toEqual(['物资名称', '规格型号', '单位', '批号/有效期', '接收数量', '去向', '日期', '发放数量', '退回数量', '报损数量', '盘点差异']);
  const body = ws.cached.slice(4, 9).map((r: unknown[]) => r.slice(0, 17));
  const date = (s: string) => ({ date: s });
  expect(body).toEqual([
    [1, '青禾爱心企业', 'JZ-0001', date('2026-11-28T08:00:00'), '核酸检测试剂', '20人份', '盒', 'G1 效期 2027-06-30', 40, '发放 · 东湖小区核酸采样点', date('2026-11-28T10:00:00'), 12, null, null, null, 22, 'CK20261128-001'],
    [null, null, null, null, null, null, null, null, null, '发放 · 北门卡口', date('2026-11-28T10:00:00'), 8, null, null, null, null, 'CK20261128-002'],
    [null, null, null, null, null, null, null, null, null, '退回 · 东湖小区核酸采样点', date('2026-11-28T10:00:00'), null, 2, null, null, null, 'TK20261128-001'],
    [null, null, null, null, '大米', '东北粳米', '公斤', 'RK20261128-001', 250.5, '发放 · 东湖小区核酸采样点', date('2026-11-28T10:00:00'), 100, null, null, null, 150, 'CK20261128-001'],
    [null, null, null, null, null, null, null, null, null, '报损(受潮)', date('2026-11-28T10:00:00'), null, null, 0.5, null, null, 'BS20261128-001'],
  ]);
  expect(ws.rows[4][15]).toBe('=I5-SUM(L5:L7)+SUM(M5:M7)-SUM(N5:N7)+SUM(O5:O7)');
  expect(ws.cached[9].slice(0, 9)).toEqual([2, '匿名', null, date('2026-11-28T08:00:00'), '医用外科口罩', '独立包装', '只', 'RK20261128-002', 300]);
  expect(ws.merged).toEqual(expect.arrayContaining(['A5:A9', 'B5:B9', 'E5:E7', 'P5:P7', 'E8:E9']));
  expect(JSON.stringify(ws.rows)).not.toMatch(/13900000001|13911112222|张先生/);
  // LibreOffice renders it (the picture is kept beside the test's output for a look).
  soffice(work, ['--convert-to', 'pdf', '--outdir', work, file]);
  const text = execFileSync('pdftotext', ['-layout', join(work, 'gs.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('捐赠物资接收及使用情况公示表');
  expect(text).toContain('匿名');
  const shots = join(__dirname, '..', '..', 'test-results', 'donations');
  mkdirSync(shots, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', join(work, 'gs.pdf'), join(shots, `xlsx-${process.env.TZ?.replace('/', '-') ?? 'local'}`)]);
}, 120_000);

test('the 公示表 printed for posting: Chromium prints it, the PDF says who gave what and where it went, never a contact', () => {
  twoDonations();
  work = mkdtempSync(join(tmpdir(), 'donation-pdf-'));
  const html = join(work, 'gs.html');
  writeFileSync(html, t.ok('print.donations', {}).html);
  const pdf = join(work, 'gs.pdf');
  execFileSync('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--user-data-dir=${join(work, 'profile')}`, `--print-to-pdf=${pdf}`, `file://${html}`], { stdio: 'ignore', timeout: 60_000 });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const s of ['云杉街道办事处捐赠物资接收及使用情况公示表', '1.捐赠方:青禾爱心企业', '捐赠收据JZ-0001', '2.捐赠方:匿名', '发放·东湖小区核酸采样点', '退回·东湖小区核酸采样点', '报损(受潮)', '监督电话:0571-87001234', '第1页/共1页']) expect(text).toContain(s);
  expect(text).not.toMatch(/13900000001|13911112222|张先生/);
  const shots = join(__dirname, '..', '..', 'test-results', 'donations');
  mkdirSync(shots, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, join(shots, 'print')]);
}, 120_000);
