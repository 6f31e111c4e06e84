import { afterAll, beforeAll, expect, test } from 'vitest';
import { FixedClock } from '../../db/clock';
import { openBrowser, pick, screenshot, startApp, type App, type Session } from './harness';

/** 捐赠公示 in Chromium on the demo office: the clerk books a donation with its donor, the leader sees the public table (匿名, no contacts). */
let app: App;
let s: Session;
beforeAll(async () => {
  app = await startApp({ demo: true, clock: new FixedClock(new Date('2026-11-28T16:00:00+08:00')) });
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

test('the clerk records the donor; the 公示表 shows the demo donations, where they went, and no contact', async () => {
  s = await openBrowser(app, { as: 'clerk' });
  const page = s.page;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${app.url}#/receipt`);
  await pick(page, page.getByTestId('receipt-source'), '晨光', '晨光爱心企业联合会');
  await page.getByTestId('donor-fields').waitFor();
  await page.getByTestId('donor-name').fill('李女士');
  await page.getByTestId('donor-anonymous').click();
  await page.getByTestId('donor-receipt-no').fill('JZ2026-0013');
  await screenshot(page, 'donation-receipt');

  await page.goto(`${app.url}#/donations`);
  const table = page.getByTestId('donations-table');
  await table.locator('tbody tr', { hasText: '晨光爱心企业联合会' }).first().waitFor();
  await expect.poll(() => table.innerText()).toContain('匿名');
  const text = await table.innerText();
  expect(text).toContain('JZ2026-0012');
  expect(text).toContain('发放');
  expect(text).not.toMatch(/0571-88886666|13900001234/);
  await screenshot(page, 'donations');
  expect(s.errors).toEqual([]);
  expect(s.outside).toEqual([]);
}, 120_000);
