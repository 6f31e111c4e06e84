/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, screenshot, startApp, type App, type Session } from './harness';

let app: App;
let s: Session;
const ids: Record<string, number> = {};

beforeAll(async () => {
  app = await startApp();
  const cat = app.api('categories.list')[0].id;
  const names = ['医用外科口罩', '一次性乳胶手套', '医用防护服', '84消毒液', '额温枪', '防护面屏'];
  const codes = ['yywkkz', 'ycxrjst', 'yyfhf', '84xdy', 'ewq', 'fhmp'];
  names.forEach((name, i) => (ids[codes[i]] = app.api('items.create', { code: `T${i + 1}`, name, categoryId: cat, unit: '件' }).id));
  const src = app.api('sources.create', { name: '区物资保障组', type: 'allocation' });
  app.api('docs.post', { type: 'receipt', sourceId: src.id, lines: Object.values(ids).map((itemId) => ({ itemId, quantity: 500 })) });
  ids.site = app.api('checkpoints.create', { name: '东湖核酸采样点', type: '核酸采样点' }).id;
  ids.gate = app.api('checkpoints.create', { name: '北门卡口', type: '卡口' }).id;
  ids.person = app.api('people.create', { name: '林晓雯', phone: '13800000001', checkpointId: ids.site }).id;
  app.api('people.create', { name: '周建国', phone: '13800000002', checkpointId: ids.gate });
  s = await openBrowser(app);
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

/** Opens a fresh issue slip screen (no draft left by an earlier test) and waits until the checkpoint box has the focus. */
async function freshSlip(page: Page) {
  await page.goto(`${app.url}#/`);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ledger.draft.')).forEach((k) => localStorage.removeItem(k)));
  await page.reload();
  await page.goto(`${app.url}#/issue`);
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="slip-checkpoint"]'))).toBe(true);
}

const FIELD: Record<string, string> = { 东湖核酸采样点: 'slip-checkpoint', 北门卡口: 'slip-checkpoint', 林晓雯: 'slip-person', 周建国: 'slip-person' };

/**
 * Waits, as a person would, until the cursor is in the right box; types; waits until the wanted
 * option is the active one; then Enter.
 */
async function choose(page: Page, typed: string, expected: string) {
  const field = FIELD[expected] ?? 'line-item';
  await expect.poll(() => page.evaluate((f) => !!document.activeElement?.closest(`[data-testid="${f}"]`), field)).toBe(true);
  await page.keyboard.type(typed);
  try {
    await expect
      .poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active').first().textContent(), { timeout: 10_000 })
      .toContain(expected);
  } catch (err) {
    await screenshot(page, `failed-choose-${typed}`);
    throw err;
  }
  await page.keyboard.press('Enter');
}

test('a 5-line issue slip is posted with the keyboard alone', async () => {
  const { page } = s;
  await freshSlip(page);
  await choose(page, 'dhhs', '东湖核酸采样点');
  await choose(page, 'lxw', '林晓雯');
  const lines: [string, string, string][] = [
    ['yywkkz', '医用外科口罩', '200'],
    ['ycxrjst', '一次性乳胶手套', '100'],
    ['yyfhf', '医用防护服', '20'],
    ['84xdy', '84消毒液', '6'],
    ['fhmp', '防护面屏', '15'],
  ];
  for (const [i, [typed, name, qty]] of lines.entries()) {
    await choose(page, typed, name);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('line-qty');
    await page.keyboard.type(qty);
    if (i < lines.length - 1) await page.keyboard.press('Enter');
  }
  await screenshot(page, 'slip-keyboard-before-post');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.locator('.ant-alert-success').textContent()).toContain('CK');
  await screenshot(page, 'slip-keyboard-posted');
  // One key press, one slip, and no complaint about a second one.
  // Half a second for a second post's complaint to show; allTextContents then reads without waiting
  // (textContent would wait 30 s for a message that should never come).
  await page.waitForTimeout(500);
  expect((await page.locator('.ant-message').allTextContents()).join('')).not.toContain('上一个操作');
  const list = app.api('docs.list', { type: 'issue' });
  expect(list.total).toBe(1);
  const doc = app.api('docs.get', { id: list.rows[0].id });
  expect({ checkpoint: doc.checkpointName, person: doc.personName, lines: doc.lines.map((l) => [l.itemName, l.quantity]) }).toEqual({
    checkpoint: '东湖核酸采样点',
    person: '林晓雯',
    lines: lines.map(([, name, qty]) => [name, Number(qty)]),
  });
  expect(s.outside).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('"same as last time" copies the checkpoint\'s previous slip', async () => {
  const { page } = s;
  await freshSlip(page);
  await choose(page, 'dhhs', '东湖核酸采样点');
  await page.getByRole('button', { name: '同上次' }).click();
  await expect.poll(async () => (await page.getByTestId('line-qty').all()).length).toBe(5);
  await expect.poll(() => page.getByTestId('slip-person').textContent()).toContain('林晓雯');
  await page.getByTestId('slip-post').click();
  await expect.poll(() => page.locator('.ant-alert-success').textContent()).toContain('CK');
  const list = app.api('docs.list', { type: 'issue' });
  expect(list.total).toBe(2);
  const [latest, previous] = list.rows.map((r) => app.api('docs.get', { id: r.id }));
  expect(latest.lines.map((l) => [l.itemName, l.quantity])).toEqual(previous.lines.map((l) => [l.itemName, l.quantity]));
  expect(latest.personName).toBe('林晓雯');

  // Lines already typed are not replaced silently: the clerk chooses to add the copied ones after them.
  await choose(page, 'dhhs', '东湖核酸采样点');
  await choose(page, 'lxw', '林晓雯');
  await choose(page, 'fhmp', '防护面屏');
  await page.keyboard.type('3');
  await page.getByRole('button', { name: '同上次' }).click();
  await expect.poll(() => page.locator('.ant-modal-confirm-content').textContent()).toBe('已填写 1 行。替换为上次的 5 行,还是加在已填写的行后面?');
  await page.getByTestId('same-append').click();
  await expect.poll(async () => (await page.getByTestId('line-qty').all()).length).toBe(6);
  expect(await page.getByTestId('line-qty').first().inputValue()).toBe('3');
});

test('the ledger\'s refusal is shown in Chinese and nothing is posted', async () => {
  const { page } = s;
  await freshSlip(page);
  await choose(page, 'bmkk', '北门卡口');
  await choose(page, 'zjg', '周建国');
  await choose(page, 'ewq', '额温枪');
  await page.keyboard.type('9999');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.locator('.ant-message').textContent()).toContain('额温枪 库存不足:现有 500 件,申请 9999 件');
  await screenshot(page, 'slip-refused');
  expect(app.api('docs.list', { type: 'issue', checkpointId: ids.gate }).total).toBe(0);
});

test('an expired batch is refused with a box for the reason; with it, the slip posts and the reason is on the expired line only', async () => {
  const { page } = s;
  const cat = app.api('categories.list')[0].id;
  const kit = app.api('items.create', { code: 'T9', name: '抗原检测试剂', categoryId: cat, unit: '盒', tracksBatches: true });
  const src = app.api('sources.list')[0].id;
  app.api('docs.post', { type: 'receipt', sourceId: src, lines: [{ itemId: kit.id, quantity: 2, batchNo: 'KY-NEW', expiryDate: '2099-12-31' }, { itemId: kit.id, quantity: 5, batchNo: 'KY-OLD', expiryDate: '2026-01-31' }] });
  await freshSlip(page);
  await choose(page, 'bmkk', '北门卡口');
  await choose(page, 'zjg', '周建国');
  await choose(page, 'kyjc', '抗原检测试剂');
  await page.keyboard.type('3');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.locator('.ant-alert-warning').textContent()).toContain('批号 KY-OLD 已于 2026-01-31 过期');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('expired-reason');
  await page.keyboard.type('急用,已请示组长');
  await screenshot(page, 'slip-expired-reason');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.ant-alert-success').textContent()).toContain('CK');
  const doc = app.api('docs.get', { id: app.api('docs.list', { type: 'issue', itemId: kit.id }).rows[0].id });
  expect(doc.lines.map((l) => [l.batchNo, l.quantity, l.overrideReason])).toEqual([['KY-NEW', 2, ''], ['KY-OLD', 1, '急用,已请示组长']]);
});

test('after posting, the slip is offered for printing: preview, then the browser print page, recorded', async () => {
  const { page } = s;
  await freshSlip(page);
  await choose(page, 'bmkk', '北门卡口');
  await choose(page, 'zjg', '周建国');
  await choose(page, 'ewq', '额温枪');
  await page.keyboard.type('2');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.locator('.ant-alert-success').textContent()).toContain('CK');
  await page.getByTestId('slip-print').click();
  // The preview is the print page itself, in a sandboxed frame.
  await expect.poll(() => page.getByTestId('print-preview').getAttribute('srcdoc')).toContain('物资发放单');
  expect(await page.getByTestId('print-preview').getAttribute('srcdoc')).toContain('额温枪');
  // The slip has rendered inside the preview frame before the screenshot is taken.
  await page.frameLocator('[data-testid="print-preview"]').getByText('物资发放单').first().waitFor();
  await screenshot(page, 'print-preview');
  const popup = page.context().waitForEvent('page');
  await page.getByTestId('print-now').click();
  const printPage = await popup;
  // The window opens at the click and gets the page of the print just recorded (a GET never records).
  await printPage.waitForURL(/\/print\/slip\//);
  await printPage.waitForLoadState('domcontentloaded');
  expect(printPage.url()).toMatch(/\/print\/slip\/\d+\?paper=a5&copies=1&printNo=1$/);
  expect(await printPage.content()).toContain('物资发放单');
  const slipId = app.api('docs.list', { type: 'issue', checkpointId: ids.gate }).rows[0].id;
  await expect.poll(() => app.api('print.history', { documentId: slipId }).length).toBe(1);
  await printPage.close();
  expect(s.outside).toEqual([]);
});

test('opened straight on the issue screen, the app reads each of its lists once, before the first render', async () => {
  const page = await s.context.newPage();
  const reads: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) reads.push(`${path.slice(5)} ${r.postData() ?? ''}`);
  });
  // The moment React first puts the app into the page (its commit appends to #root).
  await page.addInitScript(() => {
    const w = window as unknown as { firstRender?: number };
    for (const name of ['appendChild', 'insertBefore'] as const) {
      const original = Node.prototype[name] as (...args: unknown[]) => Node;
      (Node.prototype as unknown as Record<string, unknown>)[name] = function (this: Node, ...args: unknown[]) {
        if ((this as Element).id === 'root' && w.firstRender === undefined) w.firstRender = performance.now();
        return original.apply(this, args);
      };
    }
  });
  await page.goto(`${app.url}#/issue`);
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="slip-checkpoint"]'))).toBe(true);
  // Every list the screen shows was asked for once: the early reads were taken, none made again
  // (the administrator also sees the daily-report reminder, which reads on its own).
  expect(reads.sort()).toEqual([
    'checkpoints.list {}',
    'items.list {"limit":200}',
    'people.list {}',
    'reports.daily.status ',
    'settings.get ',
    'stores.list ',
  ]);
  // The screen's lists were asked for before the first render, not by its components afterwards.
  const [firstRender, started] = await page.evaluate(() => [
    (window as unknown as { firstRender: number }).firstRender,
    Math.max(...performance.getEntriesByType('resource').filter((e) => /\/api\/(checkpoints|people|items|stores)\./.test(e.name)).map((e) => e.startTime)),
  ]);
  expect(started).toBeLessThan(firstRender);
  // The checkpoint list is there at once: the first keypress opens it with both checkpoints.
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').allTextContents()).toEqual(['东湖核酸采样点', '北门卡口']);
  expect(reads).toHaveLength(6);
  await page.close();
  expect(s.outside).toEqual([]);
});
