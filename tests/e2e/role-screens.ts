/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Method } from '../../db/api/handlers';

/*
 * The screens tests/e2e/roles.test.ts opens as each role: where each is, the method that gates it in
 * the menu, and what shows once its data came; how a screen is opened and how a button is judged
 * offered; the home page's links. Its BUTTONS table says which button stands for which method.
 */

export type Screen = keyof typeof SCREENS;
export const SCREENS = {
  items: { route: '/items', menu: '物资', ready: 'items-table' },
  checkpoints: { route: '/items', menu: '物资', tab: '点位', ready: 'rows' },
  people: { route: '/items', menu: '物资', tab: '领取人', ready: 'rows' },
  sources: { route: '/items', menu: '物资', tab: '来源单位', ready: 'rows' },
  categories: { route: '/items', menu: '物资', tab: '类别', ready: 'rows' },
  documents: { route: '/documents?open={issue}', menu: '单据', ready: 'drawer' },
  settings: { route: '/settings', menu: '设置', ready: 'settings-office' },
  reports: { route: '/reports', menu: '日报', gate: 'reports.daily.preview', ready: 'report-result' },
  history: { route: '/reports', menu: '日报', gate: 'reports.daily.preview', tab: '报送记录', ready: 'report-history' },
  issue: { route: '/issue', menu: '出库发放', gate: 'docs.post', ready: 'slip-post' },
  receipt: { route: '/receipt', menu: '入库', gate: 'docs.post', ready: 'receipt-post' },
  returns: { route: '/returns', menu: '退库/归还', gate: 'docs.post', ready: 'returns-post' },
  outgoing: { route: '/outgoing', menu: '报损/调出', gate: 'docs.post', ready: 'outgoing-post' },
  stocktake: { route: '/stocktake', menu: '盘点', gate: 'docs.post', ready: 'stocktake-post' },
  // 居民代购: the open round's orders, then a closed round handed over but unpaid ({gate}) and one where a household paid ({settle}).
  // The clerk reads them too (and runs the free distributions).
  roundOrders: { route: '/rounds', menu: '居民代购', gate: 'rounds.list', ready: 'orders-table' },
  rounds: { route: '/rounds', menu: '居民代购', gate: 'rounds.list', tab: '批次', ready: 'rounds-table' },
  roundSummary: { route: '/rounds', menu: '居民代购', gate: 'rounds.list', tab: '汇总', ready: 'summary-lines' },
  roundGate: { route: '/rounds?round={gate}', menu: '居民代购', gate: 'rounds.list', tab: '收货核对', ready: 'gate-allotments' },
  roundSettle: { route: '/rounds?round={settle}', menu: '居民代购', gate: 'rounds.list', tab: '收款与配送', ready: 'settle-table' },
  // 免费发放: a free distribution not yet handed out ({free}).
  roundFree: { route: '/rounds?round={free}', menu: '居民代购', gate: 'rounds.list', tab: '免费发放', ready: 'free-households' },
  households: { route: '/rounds', menu: '居民代购', gate: 'rounds.list', tab: '住户', ready: 'households-table' },
  suppliers: { route: '/rounds', menu: '居民代购', gate: 'rounds.list', tab: '供货单位', ready: 'suppliers-table' },
  // 捐赠公示: the public table, the office's register beside it.
  // 下级报送 (the office consolidates): who reported, the day's 汇总表, goods matching, the units.
  district: { route: '/district', menu: '下级报送', gate: 'district.matrix', ready: 'district-matrix' },
  districtSummary: { route: '/district', menu: '下级报送', gate: 'district.matrix', tab: '汇总表', ready: 'summary-sent' },
  districtMapping: { route: '/district', menu: '下级报送', gate: 'district.matrix', tab: '物资对应', ready: 'mapping-unmatched' },
  districtAllocations: { route: '/district', menu: '下级报送', gate: 'district.matrix', tab: '调拨签收', ready: 'allocations-table' },
  districtUnits: { route: '/district', menu: '下级报送', gate: 'district.matrix', tab: '下级单位', ready: 'units-table' },
  // A 调拨出库 to the registered unit: its 调拨单数据包.
  transfer: { route: '/documents?open={transfer}', menu: '单据', ready: 'drawer' },
  donations: { route: '/donations', menu: '捐赠公示', gate: 'donations.disclosure', ready: 'donations-table' },
  donationRegister: { route: '/donations', menu: '捐赠公示', gate: 'donations.disclosure', tab: '捐赠登记', ready: 'donations-register' },
} as const satisfies Record<string, { route: string; menu: string; tab?: string; gate?: Method; ready: string }>;

/** Waits until no API call is in flight for a moment: what a screen shows after its data came. */
export function quiet(page: Page): () => Promise<void> {
  let inFlight = 0;
  const api = (r: { url(): string }) => r.url().includes('/api/');
  page.on('request', (r) => { if (api(r)) inFlight++; });
  page.on('requestfinished', (r) => { if (api(r)) inFlight--; });
  page.on('requestfailed', (r) => { if (api(r)) inFlight--; });
  return async () => {
    for (let calm = 0; calm < 3; ) {
      await page.waitForTimeout(40);
      calm = inFlight === 0 ? calm + 1 : 0;
    }
  };
}

export async function open(page: Page, url: string, ids: Record<string, number>, screen: Screen, reachable: boolean, settle: () => Promise<void>) {
  const s: { route: string; menu: string; tab?: string; ready: string } = SCREENS[screen];
  await page.goto(`${url}#${s.route.replace(/\{(\w+)\}/g, (_, k: string) => String(ids[k]))}`);
  await page.getByTestId('office-name').waitFor();
  // A screen the role may not use is not in its menu; the app shows the home page in its place.
  await expect.poll(() => page.locator('.ant-menu-item-selected').textContent()).toBe(reachable ? s.menu : '首页');
  if (!reachable) return settle();
  if (s.tab) await page.getByRole('tab', { name: s.tab, exact: true }).click();
  const ready =
    s.ready === 'rows' ? page.locator('[role=tabpanel]:visible tr.ant-table-row')
    : s.ready === 'drawer' ? page.locator('.ant-drawer tr.ant-table-row')
    : s.ready === 'report-history' ? page.getByTestId('report-history').locator('tr.ant-table-row')
    : s.ready === 'items-table' ? page.getByTestId('items-table').locator('tr.ant-table-row')
    : page.getByTestId(s.ready);
  await ready.first().waitFor();
  await settle();
}

/** A button by its data-testid ("store-deactivate-*": any id), or by its label where the screen gives it no test id. */
export type Button = { screen: Screen; testid: string } | { screen: Screen; label: RegExp };
/** Where a method's buttons are, or why it has none. */
export type Where = Button[] | { none: string };
export const at = (screen: Screen, ...testids: string[]): Button[] => testids.map((testid) => ({ screen, testid }));

/** Each match: whether it can be used (a card or a panel counts as usable when it is there at all). */
export async function offered(page: Page, b: Button): Promise<boolean[]> {
  const loc = 'label' in b
    ? page.getByRole('button', { name: b.label })
    : page.locator(b.testid.endsWith('*') ? `[data-testid^="${b.testid.slice(0, -1)}"]` : `[data-testid="${b.testid}"]`);
  return loc.evaluateAll((els) => els.map((e) => !((e as HTMLButtonElement).disabled || e.getAttribute('aria-disabled') === 'true' || e.classList.contains('ant-btn-disabled'))));
}

/** The screens a home page links to (as the router reads "#/stock?filter=low": /stock), each once. */
export const linkedScreens = (page: Page) =>
  page.locator('a[href^="#/"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('href')!.slice(1).split('?')[0]))].sort());

/** What the home page links to when everything may be opened: of a working office, and of a new one (its start checklist). */
export const HOME_LINKS = {
  working: ['/documents', '/reports', '/returns', '/stock'],
  fresh: ['/documents', '/items', '/receipt', '/reports', '/settings', '/stock'],
};
/** A screen's gate as SCREENS has it (the menu hides the screen without it); screens not there are everyone's. */
export const gateOf = (path: string) => (Object.values(SCREENS) as { route: string; gate?: Method }[]).find((s) => s.route === path)?.gate;
