/// <reference lib="dom" />
import { chromium } from 'playwright-core';
import { LedgerHost } from '../db/host/host';
import { openLedger } from '../db/open';
import { callApiSync } from '../db/api/call';
import { localOperatorId } from '../db/reference/catalog';
import { createLedgerServer } from '../server/http';
import { listen } from '../server/listen';
import { RENDERER_DIR } from '../server/paths';
import { median } from './measure';

/** Browser mode, cold: a new browser context (with a session) loads the app at #/issue until the checkpoint box has the focus. */
export async function firstScreenMs(dir: string, runs = 5): Promise<number> {
  const ledger = openLedger(dir);
  const host = new LedgerHost(dir, { ledger });
  const login = { username: 'bench-clerk', password: 'bench-pass-1' };
  callApiSync({ ledger, userId: localOperatorId(ledger.db) }, 'users.create', { ...login, displayName: '保管员', role: 'clerk' });
  const server = createLedgerServer({ host, staticDir: RENDERER_DIR });
  const { url } = await listen(server, '127.0.0.1', 0);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      // Logged in already (the session cookie), as a clerk who opens the app each morning.
      await context.request.post(`${url}api/auth.login`, { data: login });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${url}#/issue`);
      await page.waitForFunction(() => !!document.activeElement?.closest('[data-testid="slip-checkpoint"]'), undefined, { polling: 10 });
      times.push(performance.now() - t0);
      await context.close();
    }
    return median(times.slice(1));
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.close(() => r()));
    ledger.close();
  }
}
