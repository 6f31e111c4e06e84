import { chromium, type Browser } from 'playwright-core';
import { LedgerHost } from '../db/host/host';
import type { Ledger } from '../db/open';
import { createLedgerServer } from '../server/http';
import { listen } from '../server/listen';
import { RENDERER_DIR } from '../server/paths';

/** Debian's Chromium, as CI has it (never a downloaded browser). */
export const launchChromium = (): Promise<Browser> => chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** A ledger served in browser mode on loopback, and Debian's Chromium as CI has it: what the screen-level bench figures run against. */
export async function servedInChromium(dir: string, ledger: Ledger): Promise<{ url: string; browser: Browser; stop(): Promise<void> }> {
  const host = new LedgerHost(dir, { ledger });
  const server = createLedgerServer({ host, staticDir: RENDERER_DIR });
  const { url } = await listen(server, '127.0.0.1', 0);
  const browser = await launchChromium();
  return {
    url, browser,
    stop: async () => {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
