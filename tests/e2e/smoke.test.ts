import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, screenshot, startApp, type App, type Session } from './harness';

let app: App;
let s: Session;

beforeAll(async () => {
  app = await startApp({ demo: true });
  s = await openBrowser(app);
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

const SECTIONS: [string, string, string][] = [
  ['/', '首页', 'home'],
  ['/items', '物资', 'items'],
  ['/receipt', '入库', 'receipt'],
  ['/issue', '出库发放', 'issue'],
  ['/returns', '退库/归还', 'returns'],
  ['/outgoing', '报损/调出', 'outgoing'],
  ['/stocktake', '盘点', 'stocktake'],
  ['/stock', '库存', 'stock'],
  ['/ledger', '台账', 'ledger'],
  ['/documents', '单据', 'documents'],
  ['/reports', '日报', 'reports'],
  ['/settings', '设置', 'settings'],
];

test('every section opens in Chinese with the office name, and nothing leaves the machine', async () => {
  const { page } = s;
  await page.goto(app.url);
  await expect.poll(() => page.getByTestId('office-name').textContent(), { timeout: 10_000 }).toBe('青禾街道办事处');
  const menu = await page.locator('.ant-menu-item').allTextContents();
  expect(menu).toEqual(SECTIONS.map(([, label]) => label));
  for (const [path, label, name] of SECTIONS) {
    await page.goto(`${app.url}#${path}`);
    await expect.poll(() => page.locator('.ant-menu-item-selected').textContent()).toBe(label);
    await page.waitForLoadState('networkidle');
    await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await screenshot(page, `section-${name}`);
  }
  expect(s.outside).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('the dashboard shows the demo office at a glance and the stock card from a link', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/`);
  await expect.poll(() => page.locator('.ant-statistic').first().textContent()).toContain('低于最低库存2');
  await page.getByText('防护面屏', { exact: false }).first().click();
  await expect.poll(() => page.getByTestId('card-closing').textContent()).toMatch(/^\d+ 个$/);
  const card = await page.getByTestId('card-closing').textContent();
  const stock = app.api('stock.list').find((r) => r.name === '防护面屏')!;
  expect(card).toBe(`${stock.quantity} 个`);
  await screenshot(page, 'stock-card');
  expect(s.outside).toEqual([]);
});

test('the audit log lists the demo\'s writes and its chain verifies', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/settings`);
  await expect.poll(() => page.getByTestId('audit-ok').textContent()).toMatch(/^日志链完整:共 \d+ 条,链头 [0-9a-f]{16}$/);
  await expect.poll(() => page.locator('.ant-table-row', { hasText: /过账 (出库单|入库单)/ }).count()).toBeGreaterThan(10);
  await screenshot(page, 'audit-log');
});

test('English is available from the settings, and the choice sticks', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/settings`);
  await page.getByText('English', { exact: true }).click();
  await expect.poll(() => page.locator('.ant-menu-item').allTextContents()).toEqual([
    'Home', 'Goods', 'Receipts', 'Issue slips', 'Returns/Loans', 'Loss / transfer', 'Stocktake', 'Stock', 'Stock card', 'Documents', 'Daily report', 'Settings',
  ]);
  await screenshot(page, 'settings-english');
  await page.reload();
  await expect.poll(() => page.locator('.ant-menu-item-selected').textContent()).toBe('Settings');
  await page.getByText('简体中文', { exact: true }).click();
  await expect.poll(() => page.locator('.ant-menu-item-selected').textContent()).toBe('设置');
});
