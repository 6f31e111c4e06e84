import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { callApiSync } from '../../db/api/call';
import type { ApiInput, ApiOutput, Method } from '../../db/api/handlers';
import type { Clock } from '../../db/clock';
import { openLedger, type Ledger } from '../../db/open';
import { LedgerHost } from '../../db/host/host';
import { buildDemo, DEMO_PASSWORD, DEMO_USERS } from '../../scripts/demo-data';
import { createLedgerServer } from '../../server/http';
import { listen } from '../../server/listen';
import { localOperatorId } from '../../db/reference/catalog';
import { RENDERER_DIR } from '../../server/paths';

export const SCREENS_DIR = resolve(__dirname, '..', '..', 'test-results', 'screens');

export interface App {
  url: string;
  origin: string;
  ledger: Ledger;
  host: LedgerHost;
  dir: string;
  /** Calls the API in-process, to check what the screens did. */
  api<M extends Method>(method: M, input?: ApiInput<M>): ApiOutput<M>;
  /** fetch() against the server with a demo account's session cookie (admin unless told). */
  fetchAs(path: string, init?: RequestInit, as?: string): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The real HTTP server on a fresh temporary data folder (optionally with the demo office, or standing
 * at a set time). Either way the demo's accounts exist, one per role; `setup: true` leaves the
 * folder empty for the first-run screen.
 */
export async function startApp(options: { demo?: boolean; clock?: Clock; setup?: boolean } = {}): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const ledger = openLedger(dir, options.clock ? { clock: options.clock } : {});
  const userId = localOperatorId(ledger.db);
  if (options.demo) buildDemo(ledger, options.clock ? { now: options.clock.now() } : {});
  else if (!options.setup) for (const u of DEMO_USERS) callApiSync({ ledger, userId }, 'users.create', { ...u, password: DEMO_PASSWORD });
  const host = new LedgerHost(dir, { ledger });
  const server: Server = createLedgerServer({ host, staticDir: RENDERER_DIR });
  const { url } = await listen(server, '127.0.0.1', 0);
  return {
    url,
    origin: new URL(url).origin,
    ledger,
    host,
    dir,
    api: (method, input) => {
      const r = callApiSync({ ledger, userId }, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data;
    },
    fetchAs: async (path, init = {}, as = 'admin') => {
      const login = await fetch(`${url}api/auth.login`, { method: 'POST', body: JSON.stringify({ username: as, password: DEMO_PASSWORD }) });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      return fetch(`${url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
    },
    stop: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      ledger.close();
      if (host.ledger !== ledger) host.ledger?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests to anywhere but the app's own server: must stay empty. */
  outside: string[];
  /** Uncaught page errors: must stay empty. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Debian's Chromium, with a network guard that refuses and records any request off the local server;
 * logged in as one of the demo accounts (admin unless told; `as: null` stays logged out).
 */
export async function openBrowser(app: App, options: { as?: (typeof DEMO_USERS)[number]['username'] | null } = {}): Promise<Session> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const session = await openContext(browser, app, options.as === undefined ? 'admin' : options.as);
  return { ...session, close: () => browser.close() };
}

/**
 * Another context of the same browser (another PC on the LAN: its own cookies and storage), with the
 * same network guard, logged in as any account with the demo password (`null` stays logged out).
 * Its close() closes the context only.
 */
export async function openContext(browser: Browser, app: App, as: string | null): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(app.origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  if (as) {
    const r = await context.request.post(`${app.url}api/auth.login`, { data: { username: as, password: DEMO_PASSWORD } });
    if (!(await r.json()).ok) throw new Error(`login as ${as} failed`);
  }
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  mkdirSync(SCREENS_DIR, { recursive: true });
  return { browser, context, page, outside, errors, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

/** Opens a search select (by its locator), types, waits for the wanted option to be active, presses Enter. */
export async function pick(page: Page, select: ReturnType<Page['locator']>, typed: string, expected: string): Promise<void> {
  await select.click();
  await page.keyboard.type(typed);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: expected })
    .first()
    .waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}
