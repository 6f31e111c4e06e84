import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PAPERS } from '../../db/print/papers';
import type { Paper } from '../../db/schema';
import { openBrowser, SCREENS_DIR, startApp, type App, type Session } from './harness';

let app: App;
let s: Session;
const slip: Record<'short' | 'long' | 'wide', number> = { short: 0, long: 0, wide: 0 };
/** What a clerk types into 规格 and 批号 for real goods: longer than any column. */
const WIDE_SPEC = '17.5×9.5cm 三层 独立包装 挂耳式 10只/袋 50袋/箱';
const WIDE_BATCH = 'HZ-20261105-A0087654';
const WIDE_EXPIRY = '2027-09-30';
const PDF_DIR = join(SCREENS_DIR, '..', 'print');

beforeAll(async () => {
  app = await startApp();
  app.api('settings.update', { officeName: '青禾街道', slipTitle: '疫情防控物资发放单' });
  const cat = app.api('categories.list')[0].id;
  const items = Array.from({ length: 25 }, (_, i) => app.api('items.create', { code: `P${String(i + 1).padStart(2, '0')}`, name: `防护物资${i + 1}号`, spec: `规格${i + 1}`, categoryId: cat, unit: i % 2 ? '只' : '盒', tracksBatches: i === 0 }));
  const src = app.api('sources.create', { name: '区物资保障组', type: 'allocation' }).id;
  app.api('docs.post', { type: 'receipt', sourceId: src, lines: items.map((it, i) => ({ itemId: it.id, quantity: 1000, ...(i === 0 ? { batchNo: 'B2611', expiryDate: '2027-06-30' } : {}) })) });
  const cp = app.api('checkpoints.create', { name: '东湖核酸采样点', type: '核酸采样点' }).id;
  const person = app.api('people.create', { name: '林晓雯', phone: '13800000001', checkpointId: cp }).id;
  slip.short = app.api('docs.post', { type: 'issue', checkpointId: cp, personId: person, lines: items.slice(0, 3).map((it) => ({ itemId: it.id, quantity: 12 })) }).id;
  slip.long = app.api('docs.post', { type: 'issue', checkpointId: cp, personId: person, lines: items.map((it) => ({ itemId: it.id, quantity: 2 })) }).id;
  const wide = app.api('items.create', { code: 'W01', name: '一次性使用医用外科口罩(成人款 灭菌级)', spec: WIDE_SPEC, categoryId: cat, unit: '只', packUnit: '盒', packFactor: 50, tracksBatches: true });
  app.api('docs.post', { type: 'receipt', sourceId: src, lines: [{ itemId: wide.id, quantity: 5000, batchNo: WIDE_BATCH, expiryDate: WIDE_EXPIRY }] });
  slip.wide = app.api('docs.post', { type: 'issue', checkpointId: cp, personId: person, lines: [{ itemId: wide.id, quantity: 100, note: '东湖小区3号楼封控专用,请于当日发放到户' }, { itemId: items[1].id, quantity: 3 }, ...Array.from({ length: 7 }, () => ({ itemId: wide.id, quantity: 50 }))] }).id;
  s = await openBrowser(app);
  mkdirSync(PDF_DIR, { recursive: true });
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

/** The page as Chromium prints it to PDF, read back by poppler; `raw` reads in content order (a wrapped cell's lines stay together). */
async function pdf(html: string, name: string, opts: { raw?: boolean } = {}): Promise<{ file: string; pages: number; widthMm: number; heightMm: number; text: string }> {
  await s.page.setContent(html, { waitUntil: 'load' });
  const file = join(PDF_DIR, `${name}.pdf`);
  await s.page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const text = execFileSync('pdftotext', [opts.raw ? '-raw' : '-layout', file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(PDF_DIR, name)]);
  return { file, pages, widthMm: (Number(size[1]) * 25.4) / 72, heightMm: (Number(size[2]) * 25.4) / 72, text };
}

const EXPECTED_PAGES: Record<Paper, [number, number]> = { a4: [1, 2], a5: [1, 4], '241x93': [1, 5], '241x140': [1, 3] };

for (const paper of Object.keys(PAPERS) as Paper[]) {
  test(`on ${paper}: the page size, the page count and every printed word`, async () => {
    const spec = PAPERS[paper];
    const short = app.api('print.slip', { documentId: slip.short, paper, preview: true });
    const one = await pdf(short.html, `slip-${paper}-3-lines`);
    expect(Math.abs(one.widthMm - spec.width)).toBeLessThan(1);
    expect(Math.abs(one.heightMm - spec.height)).toBeLessThan(1);
    expect(one.pages).toBe(EXPECTED_PAGES[paper][0]);
    // pdftotext splits and spaces CJK lines as it likes: compare without white space.
    const text = one.text.replace(/\s+/g, '');
    for (const word of ['青禾街道疫情防控物资发放单', short.number, '东湖核酸采样点', '林晓雯', '13800000001', '防护物资1号', '防护物资2号', '防护物资3号', 'B2611', '发放人', '领取人签字', '审核人', '日期', '第一联 存根', '第二联 领取人', '第三联 财务', '第 1 页 / 共 1 页', '合计', '12 只', '24 盒']) {
      expect(text, word).toContain(word.replace(/\s+/g, ''));
    }
    expect(text).not.toContain('补打');
    const long = await pdf(app.api('print.slip', { documentId: slip.long, paper, preview: true }).html, `slip-${paper}-25-lines`);
    expect(long.pages).toBe(EXPECTED_PAGES[paper][1]);
    expect(long.text.replace(/\s+/g, '')).toContain(`第${long.pages}页/共${long.pages}页`);
    for (let i = 1; i <= 25; i++) expect(long.text).toContain(`防护物资${i}号`);
    // Long 规格 and 批号/效期 wrap in their cells, a font step smaller: every character is printed.
    const wide = await pdf(app.api('print.slip', { documentId: slip.wide, paper, preview: true }).html, `slip-${paper}-wide`, { raw: true });
    const flat = wide.text.replace(/\s+/g, '');
    for (const whole of [WIDE_SPEC, WIDE_BATCH, WIDE_EXPIRY, '2盒(100只)', '1盒(50只)', '东湖小区3号楼封控专用,请于当日发放到户', `第${wide.pages}页/共${wide.pages}页`]) expect(flat, whole).toContain(whole.replace(/\s+/g, ''));
    // Rows that wrap take more room, and the pages are cut for it: all 8 wide lines, and every page keeps its signatures.
    expect(flat.split(WIDE_SPEC.replace(/\s+/g, '')).length - 1).toBe(8);
    expect(flat.split('领取人签字').length - 1).toBe(wide.pages);
  });
}

test('the first print is recorded, every later one says 补打 and is counted; a voided slip prints 作废', async () => {
  const first = app.api('print.slip', { documentId: slip.short, paper: 'a5' });
  const second = app.api('print.slip', { documentId: slip.short, paper: '241x93', copies: 3 });
  expect([first.printNo, second.printNo]).toEqual([1, 2]);
  expect((await pdf(first.html, 'print-first')).text).not.toContain('补打');
  const reprint = await pdf(second.html, 'print-reprint-3-copies');
  expect(reprint.text).toContain('补打(第 2 次打印)');
  expect(reprint.pages).toBe(3);
  expect(reprint.text).toContain('第三联 财务');
  expect(app.api('print.history', { documentId: slip.short }).map((h) => [h.printNo, h.paper, h.copies, h.userName])).toEqual([
    [1, 'a5', 1, '本机操作员'],
    [2, '241x93', 3, '本机操作员'],
  ]);
  app.api('docs.void', { documentId: slip.short, reason: '点位填错' });
  const voided = await pdf(app.api('print.slip', { documentId: slip.short, paper: 'a5', preview: true }).html, 'print-voided');
  expect(voided.text).toContain('作废');
  expect(voided.text).toContain('作废原因:点位填错');
});

test('browser mode serves the stable print address with the paper size set', async () => {
  // Only to our own page (a browser says so); a link from elsewhere is refused.
  expect((await app.fetchAs(`print/slip/${slip.long}?paper=241x140&preview=1`)).status).toBe(403);
  const own = { headers: { 'sec-fetch-site': 'same-origin' } };
  const res = await app.fetchAs(`print/slip/${slip.long}?paper=241x140&preview=1`, own);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  const html = await res.text();
  expect(html).toContain('@page { size: 241mm 140mm; margin: 0; }');
  expect(html).not.toContain('auto-print.js');
  const missing = await app.fetchAs(`print/slip/99999?paper=a4`, own);
  expect(missing.status).toBe(404);
  expect(await missing.text()).toContain('无法打印:单据(编号 99999)不存在。');
  const day = await app.fetchAs(`print/slips?date=2099-01-01`, own);
  expect(await day.text()).toContain('没有可打印的发放单');
  expect(s.outside).toEqual([]);
});

test('with prices shown, lines carry price and amount, and the total is written in capitals', async () => {
  app.api('settings.update', { slipShowPrices: true });
  const cat = app.api('categories.list')[0].id;
  const priced = app.api('items.create', { code: 'PR1', name: '医用防护服', categoryId: cat, unit: '件', unitPrice: 3550 });
  const src = app.api('sources.list')[0].id;
  app.api('docs.post', { type: 'receipt', sourceId: src, lines: [{ itemId: priced.id, quantity: 100 }] });
  const cp = app.api('checkpoints.list')[0].id;
  const person = app.api('people.list')[0].id;
  const docId = app.api('docs.post', { type: 'issue', checkpointId: cp, personId: person, lines: [{ itemId: priced.id, quantity: 12 }] }).id;
  const out = await pdf(app.api('print.slip', { documentId: docId, paper: 'a4', preview: true }).html, 'slip-a4-prices');
  const text = out.text.replace(/\s+/g, '');
  expect(text).toContain('单价');
  expect(text).toContain('35.50');
  expect(text).toContain('426.00');
  expect(text).toContain('大写:肆佰贰拾陆元整');
  app.api('settings.update', { slipShowPrices: false });
});

test('opening the print page is not a print: closed unconfirmed it leaves no row, its 打印 records one, and only then does the next say 补打', async () => {
  const { number } = app.api('docs.get', { id: slip.long });
  const printed = () => app.api('print.history', { documentId: slip.long }).map((h) => h.printNo);
  // The page opens from our own page (a link typed elsewhere is refused), by the number on the slip.
  const open = async (query = '') => {
    await s.page.goto(app.url);
    await Promise.all([s.page.waitForURL(/\/print\/slip\//), s.page.evaluate((u) => { location.href = u; }, `${app.url}print/slip/${number}?paper=a5${query}`)]);
    return s.page.content();
  };
  const first = await open();
  expect(first).toContain(number);
  expect(first).not.toContain('补打(第');
  await s.page.goto(app.url);
  expect(printed()).toEqual([]);
  await open();
  await Promise.all([s.page.waitForURL(/printNo=1/), s.page.getByRole('button', { name: '打印' }).click()]);
  expect(printed()).toEqual([1]);
  expect(await s.page.content()).not.toContain('补打(第');
  expect(await open()).toContain('补打(第 2 次打印)');
  expect(printed()).toEqual([1]);
  expect(s.outside).toEqual([]);
});
