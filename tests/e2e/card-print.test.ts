import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FixedClock } from '../../db/clock';
import { openBrowser, screenshot, SCREENS_DIR, startApp, type App, type Session } from './harness';

/**
 * The printed 台账 and the blank 盘点表 (issue #20), as Chromium prints them to PDF and poppler reads
 * them back: long 规格 and 批号 wrap whole, long cards continue 过次页 / 承前页 with signatures and
 * 第 n 页 / 共 m 页 on every page, a blind count sheet shows no book quantity; and the screens that
 * offer them.
 */
let app: App;
let s: Session;
const WIDE_SPEC = '17.5×9.5cm 三层 独立包装 挂耳式 10只/袋 50袋/箱';
const WIDE_BATCH = 'HZ-20261105-A0087654-SHANGHAI-PLANT-3';
const WIDE_EXPIRY = '2027-09-30';
/** Book quantities no other figure on the sheets can be mistaken for. */
const BOOK = { wide: 4321, plain: 5678 };
const PDF_DIR = join(SCREENS_DIR, '..', 'print');
const ids = { wide: 0, plain: 0 };
const numbers: string[] = [];

beforeAll(async () => {
  app = await startApp({ clock: new FixedClock(new Date('2026-12-05T10:00:00+08:00')) });
  app.api('settings.update', { officeName: '青禾街道' });
  const cat = app.api('categories.list')[0].id;
  const src = app.api('sources.create', { name: '区物资保障组', type: 'allocation' }).id;
  const cp = app.api('checkpoints.create', { name: '东湖核酸采样点', type: '核酸采样点' }).id;
  const person = app.api('people.create', { name: '林晓雯', phone: '13800000001', checkpointId: cp }).id;
  ids.wide = app.api('items.create', { code: 'W01', name: '一次性使用医用外科口罩(成人款 灭菌级)', spec: WIDE_SPEC, categoryId: cat, unit: '只', tracksBatches: true }).id;
  ids.plain = app.api('items.create', { code: 'P00', name: '医用防护服', spec: '连体式', categoryId: cat, unit: '件' }).id;
  // Enough goods in one category for the count sheet to need a second page.
  for (let i = 1; i <= 45; i++) app.api('items.create', { code: `P${String(i).padStart(2, '0')}`, name: `防护物资${i}号`, spec: `规格${i}`, categoryId: cat, unit: '盒' });
  app.api('docs.post', { type: 'receipt', sourceId: src, time: '2026-11-20T09:00:00+08:00', lines: [{ itemId: ids.wide, quantity: BOOK.wide + 100, batchNo: WIDE_BATCH, expiryDate: WIDE_EXPIRY }, { itemId: ids.plain, quantity: 20000 }] });
  app.api('docs.post', { type: 'issue', checkpointId: cp, personId: person, time: '2026-11-21T09:00:00+08:00', lines: [{ itemId: ids.wide, quantity: 100, note: '东湖小区3号楼封控专用,请于当日发放到户' }] });
  // A long card: 61 issues over four days, one of them voided.
  let issued = 0;
  for (let i = 0; i < 61; i++) {
    const q = i + 1;
    const at = new Date(Date.parse('2026-12-01T08:00:00+08:00') + i * 90 * 60_000).toISOString();
    numbers.push(app.api('docs.post', { type: 'issue', checkpointId: cp, personId: person, time: at, lines: [{ itemId: ids.plain, quantity: q }] }).number);
    issued += q;
  }
  const voided = app.api('docs.list', { number: numbers[10] }).rows[0];
  app.api('docs.void', { documentId: voided.id, reason: '点位填错', time: '2026-12-05T09:00:00+08:00' });
  issued -= 11;
  // Brings the book to BOOK.plain.
  app.api('docs.post', { type: 'issue', checkpointId: cp, personId: person, time: '2026-12-05T09:30:00+08:00', lines: [{ itemId: ids.plain, quantity: 20000 - issued - BOOK.plain }] });
  s = await openBrowser(app);
  mkdirSync(PDF_DIR, { recursive: true });
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

const own = { headers: { 'sec-fetch-site': 'same-origin' } };

/** The page at its print address, as Chromium prints it to PDF; poppler's text (-raw keeps a wrapped cell's lines together), white space dropped. */
async function printed(path: string, name: string): Promise<{ html: string; pages: number; text: string; heightMm: number }> {
  const res = await app.fetchAs(path, own);
  expect(res.status, path).toBe(200);
  const html = await res.text();
  await s.page.setContent(html, { waitUntil: 'load' });
  const file = join(PDF_DIR, `${name}.pdf`);
  await s.page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const heightMm = (Number(/Page size:\s+[\d.]+ x ([\d.]+) pts/.exec(info)![1]) * 25.4) / 72;
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(PDF_DIR, name)]);
  return { html, pages, text, heightMm };
}
const count = (text: string, word: string) => text.split(word.replace(/\s+/g, '')).length - 1;

test('a long card continues 过次页 / 承前页 on A4, every row and every page signed and numbered', async () => {
  const card = await printed(`print/card?itemId=${ids.plain}&from=${encodeURIComponent('2026-12-01T00:00:00+08:00')}`, 'card-long');
  expect(Math.abs(card.heightMm - 297)).toBeLessThan(1);
  expect(card.pages).toBeGreaterThanOrEqual(2);
  expect(card.html.split('<section class="sheet">').length - 1).toBe(card.pages);
  for (const n of numbers) expect(card.text, n).toContain(n);
  for (const word of ['青禾街道物资台账', '期初结存', '20000', '本期合计', '期末结存', String(BOOK.plain), `冲销${numbers[10]}(发放单作废)`, '作废原因:点位填错']) expect(card.text, word).toContain(word);
  expect(count(card.text, '过次页')).toBe(card.pages - 1);
  expect(count(card.text, '承前页')).toBe(card.pages - 1);
  for (const sign of ['保管员', '负责人']) expect(count(card.text, sign)).toBe(card.pages);
  for (let p = 1; p <= card.pages; p++) expect(card.text).toContain(`第${p}页/共${card.pages}页`);
});

test('a batch-tracked card prints the whole long 规格 and 批号, wrapped in their cells', async () => {
  const card = await printed(`print/card?itemId=${ids.wide}`, 'card-wide');
  expect(card.pages).toBe(1);
  for (const whole of [WIDE_SPEC, WIDE_BATCH, `效期${WIDE_EXPIRY}`, '东湖小区3号楼封控专用,请于当日发放到户', String(BOOK.wide), '第1页/共1页']) expect(card.text, whole).toContain(whole.replace(/\s+/g, ''));
});

test('the count sheet lists every active item by category with its book quantity, and a blind one shows none', async () => {
  const book = await printed('print/count-sheet', 'count-sheet-book');
  expect(book.pages).toBeGreaterThanOrEqual(2);
  for (const word of ['青禾街道物资盘点表', '账面数量', '实盘数量', WIDE_SPEC, WIDE_BATCH, WIDE_EXPIRY, String(BOOK.wide), String(BOOK.plain), '防护物资45号', '账外物资']) expect(book.text, word).toContain(word.replace(/\s+/g, ''));
  for (let i = 1; i <= 45; i++) expect(book.text).toContain(`防护物资${i}号`);
  expect(book.text).toContain('(续)');
  for (const sign of ['盘点人', '监盘人']) expect(count(book.text, sign)).toBe(book.pages);
  for (let p = 1; p <= book.pages; p++) expect(book.text).toContain(`第${p}页/共${book.pages}页`);

  const blind = await printed('print/count-sheet?blind=1', 'count-sheet-blind');
  expect(blind.text).toContain('青禾街道物资盘点表(盲盘)');
  for (const word of [WIDE_SPEC, WIDE_BATCH, '实盘数量', '防护物资45号', '盘点人', '监盘人']) expect(blind.text, word).toContain(word.replace(/\s+/g, ''));
  // Nothing of the book: not the column, not a figure, not in the page source either.
  for (const secret of ['账面', String(BOOK.wide), String(BOOK.plain)]) {
    expect(blind.text, secret).not.toContain(secret);
    expect(blind.html, secret).not.toContain(secret);
  }
});

test('the print addresses open from our own page only, and say why they cannot print', async () => {
  expect((await app.fetchAs(`print/card?itemId=${ids.plain}`)).status).toBe(403);
  const missing = await app.fetchAs('print/card?itemId=99999', own);
  expect(missing.status).toBe(404);
  expect(await missing.text()).toContain('无法打印:');
  const bad = await app.fetchAs('print/card?itemId=abc', own);
  expect(bad.status).toBe(400);
  const res = await app.fetchAs('print/count-sheet?autoPrint=1', own);
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(await res.text()).toContain('<script src="/print/auto-print.js"></script>');
});

test('台账 exports the card to Excel and opens its print page; 盘点 previews and prints the count sheet, blind on request', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/ledger?item=${ids.plain}`);
  await page.getByTestId('card-closing').waitFor();
  const download = page.waitForEvent('download');
  await page.getByTestId('card-export').click();
  const file = join(PDF_DIR, 'card-download.xlsx');
  await (await download).saveAs(file);
  const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', [
    'import json, sys', 'from openpyxl import load_workbook', 'ws = load_workbook(sys.argv[1], data_only=True).active',
    'rows = [r for r in ws.iter_rows(values_only=True)]',
    'total = [r for r in rows if r[2] == "本期合计"][0]',
    'print(json.dumps({"title": rows[0][0], "in": total[3], "out": total[4], "closing": [r for r in rows if r[2] == "期末结存"][0][5]}, ensure_ascii=False))',
  ].join('\n'), file], { encoding: 'utf8' }));
  // The screen counts as the file does: the voided slip's reversal in red ink, in 发出.
  expect(read).toEqual({ title: '青禾街道物资台账', in: 20000, out: 20000 - BOOK.plain, closing: BOOK.plain });
  expect([await page.getByTestId('card-in').textContent(), await page.getByTestId('card-out').textContent()]).toEqual(['20000', String(20000 - BOOK.plain)]);
  await screenshot(page, 'ledger-card-buttons');

  const popup = page.waitForEvent('popup');
  await page.getByTestId('card-print').click();
  const cardPage = await popup;
  await cardPage.waitForURL(/\/print\/card\?/);
  expect(cardPage.url()).toContain(`itemId=${ids.plain}`);
  expect(cardPage.url()).toContain('autoPrint=1');
  expect(await cardPage.content()).toContain('青禾街道物资台账');
  await cardPage.close();

  await page.goto(`${app.url}#/stocktake`);
  await page.getByTestId('count-sheet-open').click();
  const srcdoc = async () => (await page.getByTestId('count-sheet-preview').getAttribute('srcdoc')) ?? '';
  await expect.poll(srcdoc).toContain('青禾街道物资盘点表');
  const preview = page.frameLocator('[data-testid="count-sheet-preview"]');
  await preview.getByText('青禾街道物资盘点表', { exact: true }).first().waitFor();
  expect(await preview.locator('body').innerText()).toContain(String(BOOK.plain));
  await screenshot(page, 'stocktake-count-sheet');
  await page.getByTestId('count-sheet-mode').getByText('盲盘').click();
  await preview.getByText('青禾街道物资盘点表(盲盘)').first().waitFor();
  expect(await preview.locator('body').innerText()).not.toContain(String(BOOK.plain));
  await screenshot(page, 'stocktake-count-sheet-blind');
  const sheetPopup = page.waitForEvent('popup');
  await page.getByTestId('count-sheet-print').click();
  const sheetPage = await sheetPopup;
  await sheetPage.waitForURL(/\/print\/count-sheet\?/);
  expect(sheetPage.url()).toContain('blind=1');
  expect(await sheetPage.content()).toContain('物资盘点表(盲盘)');
  await sheetPage.close();
  expect(s.outside).toEqual([]);
  expect(s.errors).toEqual([]);
});
