/// <reference lib="dom" />
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, screenshot, startApp, type App, type Session } from './harness';

/**
 * #19 "Keyboard, start to finish": every document screen at 1366×768 with the keyboard alone (no
 * click at all): 借用 and its print, 归还, 退库, 报损, 调拨出库 and 盘点 in pack units. One server and
 * one browser for the file; each screen opens by its address and starts from its autofocus.
 */
let app: App;
let s: Session;
const id: Record<string, number> = {};

beforeAll(async () => {
  app = await startApp();
  const cats = app.api('categories.list');
  const cat = (name: string) => cats.find((c) => c.name === name)!.id;
  const box = [{ unit: '盒', factor: 50 }];
  id.mask = app.api('items.create', { code: 'KZ01', name: '医用外科口罩', categoryId: cat('防护用品'), unit: '只', units: box }).id;
  id.glove = app.api('items.create', { code: 'ST01', name: '医用检查手套', categoryId: cat('防护用品'), unit: '只', units: box }).id;
  id.latex = app.api('items.create', { code: 'ST02', name: '一次性乳胶手套', categoryId: cat('防护用品'), unit: '双' }).id;
  id.kit = app.api('items.create', { code: 'SJ01', name: '抗原检测试剂', categoryId: cat('检测试剂'), unit: '盒', tracksBatches: true }).id;
  id.speaker = app.api('items.create', { code: 'SB01', name: '手持扩音器', categoryId: cat('医疗器械/设备'), unit: '台', durable: true }).id;
  const source = app.api('sources.create', { name: '区物资保障组', type: 'allocation' }).id;
  id.gate = app.api('checkpoints.create', { name: '南门卡口', type: '卡口' }).id;
  id.person = app.api('people.create', { name: '赵一凡', phone: '13700000001', checkpointId: id.gate }).id;
  app.api('docs.post', {
    type: 'receipt', sourceId: source, lines: [
      { itemId: id.mask, quantity: 1000 }, { itemId: id.glove, quantity: 60 }, { itemId: id.latex, quantity: 20 }, { itemId: id.speaker, quantity: 4 },
      { itemId: id.kit, quantity: 10, batchNo: 'KY-A', expiryDate: '2098-06-30' }, { itemId: id.kit, quantity: 10, batchNo: 'KY-B', expiryDate: '2099-06-30' },
    ],
  });
  app.api('docs.post', { type: 'issue', checkpointId: id.gate, personId: id.person, lines: [{ itemId: id.mask, quantity: 300 }] });
  s = await openBrowser(app);
  await s.page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

/** As expect.poll, with the patience of a loaded CI machine (its default is one second; a page load may take more). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

/** A screenshot once any list has closed (its closing motion would show over the next box). */
async function shot(name: string) {
  await poll(() => s.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
  await screenshot(s.page, name);
}

/** The test id of the box that has the focus (a select's own, or of the element around it). */
const focused = () => s.page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? '');
const success = () => s.page.getByTestId('posted-notice').textContent();

/** A screen by its address, loaded afresh, once its autofocus has put the cursor in `first`. */
async function open(route: string, first: string) {
  await s.page.goto('about:blank');
  await s.page.goto(`${app.url}#/${route}`);
  await poll(focused).toBe(first);
}

/** Types into the focused search select, waits until `expected` is the active option, Enter; the cursor then moves to `next`. */
async function choose(typed: string, expected: string, next: string) {
  const { page } = s;
  await page.keyboard.type(typed);
  try {
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: expected }).first().waitFor({ timeout: 10_000 });
  } catch (err) {
    await screenshot(page, `kbd-failed-choose-${typed}`);
    throw err;
  }
  await page.keyboard.press('Enter');
  await poll(focused).toBe(next);
}

/** Presses the keys in a closed select's list until `expected` is the active option, then Enter. */
async function activate(keys: string[], expected: string) {
  for (const key of keys) await s.page.keyboard.press(key);
  await s.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: expected }).first().waitFor({ timeout: 5_000 });
  await s.page.keyboard.press('Enter');
  // As a person sees it: the list has closed (a Tab while it is still open would choose again).
  await poll(() => s.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
}

/** The newest document of a type, its lines as whole rows of what matters. */
function latest(type: 'loan' | 'loan_return' | 'return' | 'loss' | 'transfer_out' | 'stocktake') {
  const doc = app.api('docs.get', { id: app.api('docs.list', { type }).rows[0].id });
  return { ...doc, rows: doc.lines.map((l) => ({ item: l.itemName, batch: l.batchNo, quantity: l.quantity, entered: l.entered, reason: l.reason })) };
}

test('借用: checkpoint → Enter → borrower → Enter → item → 数量 → Ctrl+Enter; P opens the preview, Enter prints', async () => {
  const { page } = s;
  await open('returns?kind=loan', 'returns-checkpoint');
  await choose('nmkk', '南门卡口', 'returns-person');
  await choose('zyf', '赵一凡', 'line-item');
  await choose('sckyq', '手持扩音器', 'line-qty');
  await page.keyboard.type('3');
  await page.keyboard.press('Control+Enter');
  await poll(success).toContain('JY');
  const loan = latest('loan');
  expect([loan.checkpointName, loan.personName, loan.rows]).toEqual(['南门卡口', '赵一凡', [{ item: '手持扩音器', batch: '', quantity: 3, entered: '', reason: '' }]]);
  await screenshot(page, 'kbd-loan-posted');

  await page.keyboard.press('p');
  await poll(async () => (await page.getByTestId('print-preview').getAttribute('srcdoc')) ?? '').toContain('手持扩音器');
  // For the screenshot only: the sandboxed preview frame paints its srcdoc a moment later.
  await page.waitForTimeout(300);
  await poll(focused).toBe('print-now');
  await screenshot(page, 'kbd-loan-print');
  const popup = page.context().waitForEvent('page');
  await page.keyboard.press('Enter');
  const printPage = await popup;
  await printPage.waitForURL(/\/print\/slip\//);
  expect(printPage.url()).toMatch(new RegExp(`/print/slip/${loan.id}\\?paper=a5&copies=1&printNo=1$`));
  expect(app.api('print.history', { documentId: loan.id }).map((h) => [h.printNo, h.paper, h.copies])).toEqual([[1, 'a5', 1]]);
  await printPage.close();
  await page.keyboard.press('Escape');
});

test('归还 and 退库 of part of what the checkpoint holds, by keyboard, 退库 in pack units', async () => {
  const { page } = s;
  await open('returns?kind=loan_return', 'returns-checkpoint');
  await choose('nmkk', '南门卡口', 'returns-person');
  await choose('zyf', '赵一凡', 'line-item');
  await choose('sckyq', '手持扩音器', 'line-qty');
  await page.keyboard.type('1');
  await shot('kbd-loan-return');
  await page.keyboard.press('Control+Enter');
  await poll(success).toContain('GH');
  const back = latest('loan_return');
  expect([back.checkpointName, back.rows]).toEqual(['南门卡口', [{ item: '手持扩音器', batch: '', quantity: 1, entered: '', reason: '' }]]);
  expect(app.api('loans.open').map((l) => [l.itemName, l.out])).toEqual([['手持扩音器', 2]]);

  // 退库 by its own address: plain #/returns would reopen the draft's kind (归还). The draft keeps the
  // checkpoint and person: picking the same checkpoint again moves on, Enter on the person kept goes to the lines.
  await open('returns?kind=return', 'returns-checkpoint');
  await poll(() => page.getByTestId('returns-person').textContent()).toContain('赵一凡');
  await choose('nmkk', '南门卡口', 'returns-person');
  await page.keyboard.press('Enter');
  await poll(focused).toBe('line-item');
  await choose('yywk', '医用外科口罩', 'line-qty');
  await page.keyboard.type('2盒10只');
  await poll(() => page.getByTestId('line-qty-base').textContent()).toBe('= 110 只');
  await shot('kbd-return');
  await page.keyboard.press('Control+Enter');
  await poll(success).toContain('TK');
  const ret = latest('return');
  expect([ret.checkpointName, ret.personName, ret.rows]).toEqual(['南门卡口', '赵一凡', [{ item: '医用外科口罩', batch: '', quantity: 110, entered: '2盒10只', reason: '' }]]);
});

test('报损: item → 数量 → Tab 批次 (↓ and Enter) → Tab 原因 (↓ and Enter) → 说明 → Ctrl+Enter', async () => {
  const { page } = s;
  await open('outgoing', 'line-item');
  await choose('kyjc', '抗原检测试剂', 'line-qty');
  await page.keyboard.type('4');
  // The batches of the item are there (as a person sees the box), then Tab reaches them.
  await page.getByTestId('line-batch').waitFor();
  await page.keyboard.press('Tab');
  await poll(focused).toBe('line-batch');
  // ↓ opens the list at 先到期先出; two more steps down to KY-B, the later one.
  await activate(['ArrowDown', 'ArrowDown', 'ArrowDown'], 'KY-B');
  await poll(() => page.getByTestId('line-batch').textContent()).toContain('KY-B');
  await page.keyboard.press('Tab');
  await poll(focused).toBe('loss-kind');
  await activate(['ArrowDown', 'ArrowDown'], '破损');
  // The kind chosen, the cursor is in the words after it.
  await poll(focused).toBe('loss-text');
  await page.keyboard.type('运输挤压');
  await shot('kbd-loss');
  await page.keyboard.press('Control+Enter');
  await poll(success).toContain('BS');
  expect(latest('loss').rows).toEqual([{ item: '抗原检测试剂', batch: 'KY-B', quantity: 4, entered: '', reason: '破损:运输挤压' }]);
});

test('调拨出库: receiving unit → Enter → item → 数量 → Ctrl+Enter', async () => {
  const { page } = s;
  await open('outgoing?kind=transfer', 'transfer-counterparty');
  await page.keyboard.type('青禾镇人民政府');
  await page.keyboard.press('Enter');
  await poll(focused).toBe('line-item');
  await choose('yywk', '医用外科口罩', 'line-qty');
  await page.keyboard.type('3盒');
  await shot('kbd-transfer');
  await page.keyboard.press('Control+Enter');
  await poll(success).toContain('DB');
  const doc = latest('transfer_out');
  expect([doc.counterparty, doc.rows]).toEqual(['青禾镇人民政府', [{ item: '医用外科口罩', batch: '', quantity: 150, entered: '3盒', reason: '' }]]);
});

test('盘点: search → Enter → counts in pack units, Enter down the rows → Ctrl+Enter → Enter confirms', async () => {
  const { page } = s;
  await open('stocktake', 'stocktake-search');
  await page.keyboard.type('手套');
  await page.keyboard.press('Enter');
  await poll(focused).toBe('count-input');
  // An unknown unit is said as on every screen; then 1盒5只 = 55 只 against a book of 60.
  await page.keyboard.type('3箱');
  await poll(() => page.getByTestId('count-problem').textContent()).toBe('“箱”不是该物资的单位,可用:只、盒(=50只)');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('1盒5只');
  await poll(() => page.getByTestId('count-diff').first().textContent()).toBe('-5 只');
  await page.keyboard.press('Enter');
  // A difference needs its reason: Enter goes there first, then to the next row's count.
  await poll(focused).toBe('count-reason');
  await page.keyboard.type('破损');
  await page.keyboard.press('Enter');
  await poll(focused).toBe('count-input');
  await page.keyboard.type('20');
  await shot('kbd-stocktake');
  await page.keyboard.press('Control+Enter');
  await poll(() => page.getByTestId('stocktake-summary').textContent()).toBe('共盘点 2 项:盘盈 0 项,盘亏 1 项,账实相符 1 项。过账后按实盘数调整库存。医用检查手套:盘亏 -5 只(破损)');
  await poll(focused).toBe('stocktake-confirm');
  await page.keyboard.press('Enter');
  await poll(success).toContain('PD');
  const doc = latest('stocktake');
  expect(doc.lines.map((l) => ({ item: l.itemName, book: l.bookQuantity, counted: l.countedQuantity, quantity: l.quantity, entered: l.entered, reason: l.reason }))).toEqual([
    { item: '医用检查手套', book: 60, counted: 55, quantity: -5, entered: '1盒5只', reason: '破损' },
    { item: '一次性乳胶手套', book: 20, counted: 20, quantity: 0, entered: '', reason: '' },
  ]);
  expect(s.errors).toEqual([]);
  expect(s.outside).toEqual([]);
});
