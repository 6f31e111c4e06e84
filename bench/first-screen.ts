/// <reference lib="dom" />
import { chromium } from 'playwright-core';
import { openLedger } from '../db/open';
import { createLedgerServer } from '../server/http';
import { listen } from '../server/listen';
import { RENDERER_DIR } from '../server/paths';
import { median } from './measure';

/** Browser mode, cold: a new browser context loads the app at #/issue until the checkpoint box has the focus. */
export async function firstScreenMs(dir: string, runs = 5): Promise<number> {
  const ledger = openLedger(dir);
  const server = createLedgerServer({ ledger, staticDir: RENDERER_DIR });
  const { url } = await listen(server, '127.0.0.1', 0);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
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
