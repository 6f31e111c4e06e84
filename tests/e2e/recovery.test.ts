import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createBackup } from '../../db/backup/backup';
import { LedgerHost } from '../../db/host/host';
import { openLedger } from '../../db/open';
import { buildDemo } from '../../scripts/demo-data';
import { createLedgerServer } from '../../server/http';
import { listen } from '../../server/listen';
import { RENDERER_DIR } from '../../server/paths';
import { openBrowser, screenshot, type App, type Session } from './harness';

let s: Session | undefined;
let host: LedgerHost | undefined;
const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-damaged-'));
afterAll(async () => {
  await s?.close();
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a damaged ledger opens on the recovery screen, which restores the newest good backup; then login works', async () => {
  const ledger = openLedger(dir);
  buildDemo(ledger);
  const documents = ledger.db.prepare('SELECT COUNT(*) FROM documents').pluck().get();
  await createBackup(ledger, 'manual');
  ledger.close();
  const fd = openSync(join(dir, 'ledger.sqlite'), 'r+');
  writeSync(fd, Buffer.alloc(4096), 0, 4096, 0);
  closeSync(fd);

  host = new LedgerHost(dir);
  expect(host.ledger).toBeNull();
  const server = createLedgerServer({ host, staticDir: RENDERER_DIR });
  const { url } = await listen(server, '127.0.0.1', 0);
  s = await openBrowser({ url, origin: new URL(url).origin } as App, { as: null });
  const { page } = s;
  await page.goto(url);
  await expect.poll(() => page.getByTestId('recovery-message').textContent()).toContain('数据文件已损坏(文件不是有效的数据库(文件头已损坏)),程序不会写入或覆盖它');
  await screenshot(page, 'recovery');
  await page.getByTestId('recovery-newest').click();
  await page.locator('.ant-modal-confirm-btns').getByRole('button', { name: '恢 复' }).click();
  await page.getByTestId('login-username').waitFor({ timeout: 20_000 });
  expect(host.ledger!.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(documents);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('office-name').textContent(), { timeout: 10_000 }).toBe('青禾街道办事处');
  expect(s.outside).toEqual([]);
  expect(s.errors).toEqual([]);
  await new Promise<void>((r) => server.close(() => r()));
});
