/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, startApp, type App, type Session } from './harness';

// Issue #20, "Screens a person can trust": sortable headers and 共 N 条, 停用 that asks first, buttons
// that follow the role, a readable audit log, and no page that scrolls sideways on a 1366×768 screen.

const SHOTS = '/tmp/shots';
let app: App;
let s: Session;

beforeAll(async () => {
  app = await startApp({ demo: true });
  s = await openBrowser(app);
  // The small office screen the issue names: every case runs at 1366×768.
  await s.page.setViewportSize({ width: 1366, height: 768 });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

async function open(page: Page, path: string) {
  await page.goto(`${app.url}#${path}`);
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}
const firstCells = (page: Page, table: string, column: number) =>
  page.getByTestId(table).locator('.ant-table-tbody tr.ant-table-row').evaluateAll((rows, i) => rows.slice(0, 5).map((r) => r.children[i]?.textContent ?? ''), column);
// antd puts the test id on the table itself; its pagination is a sibling inside the wrapper.
const totalText = (page: Page, table: string) =>
  page.getByTestId(table).locator('xpath=ancestor::div[contains(@class, "ant-table-wrapper")][1]').locator('.ant-pagination-total-text').first().textContent();

test('物资 and 单据: a header click sorts, and 共 N 条 is the count the API gives', async () => {
  const { page } = s;
  // An item with two pack units: 包装 shows both, as the import and export write them.
  app.api('items.create', { code: 'ZZ99', name: '多单位口罩', categoryId: app.api('categories.list')[0].id, unit: '只', units: [{ unit: '盒', factor: 50 }, { unit: '箱', factor: 2000 }] });
  await open(page, '/items');
  const items = app.api('items.list', { limit: 20000 });
  expect(await totalText(page, 'items-table')).toBe(`共 ${items.length} 条`);
  const before = await firstCells(page, 'items-table', 0);
  const header = page.getByTestId('items-table').locator('th', { hasText: '编码' });
  await header.click();
  await header.click();
  const codes = items.map((i) => i.code).sort(new Intl.Collator('zh-CN', { numeric: true }).compare).reverse();
  await expect.poll(() => firstCells(page, 'items-table', 0)).toEqual(codes.slice(0, 5));
  expect(codes.slice(0, 5)).not.toEqual(before);
  expect(await page.getByTestId('items-table').locator('tr', { hasText: 'ZZ99' }).textContent()).toContain('盒=50只;箱=40盒');

  await open(page, '/documents');
  const docs = app.api('docs.list', { limit: 5 });
  expect(await totalText(page, 'documents-table')).toBe(`共 ${docs.total} 条`);
  expect(await firstCells(page, 'documents-table', 0)).toEqual(docs.rows.map((d) => d.number));
  await page.getByTestId('documents-table').locator('th', { hasText: '时间' }).click();
  const oldest = app.api('docs.list', { limit: 5, order: 'asc' }).rows.map((d) => d.number);
  await expect.poll(() => firstCells(page, 'documents-table', 0)).toEqual(oldest);
  // The type header's filter is the server's: the count follows it.
  await page.getByTestId('documents-table').locator('th', { hasText: '类型' }).locator('.ant-table-filter-trigger').click();
  await page.locator('.ant-table-filter-dropdown:visible').getByText('出库单', { exact: true }).click();
  await page.locator('.ant-table-filter-dropdown:visible').getByRole('button', { name: /确\s?定|OK/ }).click();
  await expect.poll(() => totalText(page, 'documents-table')).toBe(`共 ${app.api('docs.list', { type: 'issue', limit: 1 }).total} 条`);
});

test('库存: a header click sorts by quantity, the 状态 filter keeps low stock, and 共 N 条 follows', async () => {
  const { page } = s;
  await open(page, '/stock');
  const stock = app.api('stock.list');
  expect(await totalText(page, 'stock-table')).toBe(`共 ${stock.length} 条`);
  const header = page.getByTestId('stock-table').locator('th', { hasText: '库存' }).first();
  await header.click();
  await header.click();
  const most = [...stock].sort((a, b) => b.quantity - a.quantity).slice(0, 5).map((r) => r.code);
  await expect.poll(() => firstCells(page, 'stock-table', 1)).toEqual(most);
  await page.getByTestId('stock-table').locator('th', { hasText: '状态' }).locator('.ant-table-filter-trigger').click();
  await page.locator('.ant-table-filter-dropdown:visible').getByText('低于最低库存', { exact: true }).click();
  await page.locator('.ant-table-filter-dropdown:visible').getByRole('button', { name: /确\s?定|OK/ }).click();
  const low = stock.filter((r) => r.low);
  expect(low.length).toBeGreaterThan(0);
  await expect.poll(() => totalText(page, 'stock-table')).toBe(`共 ${low.length} 条`);
});

test('停用 an item that has stock asks first and says what follows; 取消 keeps it in use', async () => {
  const { page } = s;
  const stocked = app.api('stock.list', { hideZero: true })[0];
  await open(page, '/items');
  await page.getByTestId('items-table').locator('.ant-input, input').first().waitFor({ state: 'detached' }).catch(() => undefined);
  await page.getByPlaceholder(/搜索|拼音|编码/).first().fill(stocked.code);
  const row = page.getByTestId('items-table').locator('tr.ant-table-row', { hasText: stocked.name }).first();
  await row.getByTestId('item-toggle-active').click();
  const effect = page.getByTestId('deactivate-effect');
  await expect.poll(() => effect.textContent()).toBe(
    `${stocked.name} 还有库存 ${stocked.quantity} ${stocked.unit},停用后不能再用于任何新单据(发放、入库、退库、盘点、报损),库存页不再列出;其库存仍计入日报和台账。确定停用?`,
  );
  await page.locator('.ant-modal-confirm').waitFor({ state: 'visible' });
  await page.waitForTimeout(400); // the dialog's opening animation, for the screenshot
  await page.screenshot({ path: `${SHOTS}/items-deactivate-1366.png` });
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /取\s?消/ }).click();
  await effect.waitFor({ state: 'detached' });
  expect(app.api('items.get', { id: stocked.itemId }).active).toBe(true);
});

test('the audit log reads as work for a posted slip, with the raw entry behind the expander', async () => {
  const { page } = s;
  const slip = app.api('docs.list', { type: 'issue', limit: 1 }).rows[0];
  const clerk = app.api('docs.get', { id: slip.id });
  await open(page, '/settings');
  await page.getByTestId('audit-card').locator('input').first().fill('docs.post');
  await page.getByTestId('audit-card').locator('input').first().press('Enter');
  const line = `${clerk.operatorName} 过账 出库单 ${slip.number}(${slip.checkpointName},${slip.lineCount} 项)`;
  await expect.poll(() => page.getByTestId('audit-text').allTextContents()).toContain(line);
  const row = page.locator('tr.ant-table-row', { has: page.getByTestId('audit-text').filter({ hasText: slip.number }) }).first();
  await row.locator('.ant-table-row-expand-icon').click();
  await expect.poll(() => page.locator('.ant-table-expanded-row').first().textContent()).toContain('"number"');
  await page.screenshot({ path: `${SHOTS}/audit-1366.png` });
});

test('a read-only account sees goods without 编辑/停用, and no audit log', async () => {
  const viewer = await openBrowser(app, { as: 'viewer' });
  try {
    const { page } = viewer;
    await open(page, '/items');
    await page.getByTestId('items-table').locator('tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('items-table').getByRole('button', { name: /编\s?辑|停\s?用/ }).count()).toBe(0);
    expect(await page.getByTestId('items-table').locator('th', { hasText: '操作' }).count()).toBe(0);
    // The same on the places tabs: no 新增, no 编辑/停用.
    await page.getByRole('tab', { name: '点位' }).click();
    const tab = page.locator('[role=tabpanel]:visible');
    await tab.locator('tr.ant-table-row').first().waitFor();
    expect(await tab.getByRole('button', { name: /新增|编\s?辑|停\s?用/ }).count()).toBe(0);
    expect(await tab.locator('th', { hasText: '操作' }).count()).toBe(0);
    await open(page, '/settings');
    expect(await page.getByTestId('audit-card').count()).toBe(0);
    expect(viewer.errors).toEqual([]);
  } finally {
    await viewer.close();
  }
});

test('at 1366×768 no screen scrolls sideways; screenshots at 1366 and 1920', async () => {
  const { page } = s;
  const wide: string[] = [];
  for (const [w, h] of [[1366, 768], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await open(page, '/');
    // Every screen in the sidebar, as this account sees it (a new screen is covered without listing it here).
    const labels = await page.locator('.ant-menu-item').allTextContents();
    for (const label of labels) {
      await page.locator('.ant-menu-item', { hasText: label }).click();
      await page.waitForLoadState('networkidle');
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (w === 1366 && scroll > client) wide.push(`${label}: ${scroll} > ${client}`);
      await page.waitForTimeout(300); // lists fade in after loading: let the screenshot show them settled
      const path = await page.evaluate(() => location.hash.replace(/^#\/?/, '').split('?')[0] || 'home');
      await page.screenshot({ path: `${SHOTS}/${path}-${w}.png` });
    }
    expect(labels.length).toBeGreaterThanOrEqual(11);
  }
  expect(wide).toEqual([]);
  // No white frame: the body has no margin.
  expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
  expect(s.errors).toEqual([]);
  expect(s.outside).toEqual([]);
});
