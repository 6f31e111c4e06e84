/// <reference lib="dom" />
import { openLedger } from '../db/open';
import { callApiSync } from '../db/api/call';
import { localOperatorId } from '../db/reference/catalog';
import { servedInChromium } from './browser';
import { median } from './measure';

/** Browser mode, cold: a new browser context (with a session) loads the app at #/issue until the checkpoint box has the focus. */
export async function firstScreenMs(dir: string, runs = 5): Promise<number> {
  const ledger = openLedger(dir);
  const login = { username: 'bench-clerk', password: 'bench-pass-1' };
  callApiSync({ ledger, userId: localOperatorId(ledger.db) }, 'users.create', { ...login, displayName: '保管员', role: 'clerk' });
  const { url, browser, stop } = await servedInChromium(dir, ledger);
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
    await stop();
    ledger.close();
  }
}
