import { afterAll, beforeAll, expect, test } from 'vitest';
import { FixedClock } from '../../db/clock';
import { openBrowser, screenshot, startApp, type App, type Session } from './harness';

let app: App;
let s: Session;
const clock = new FixedClock(new Date('2026-11-28T13:55:00+08:00'));

beforeAll(async () => {
  app = await startApp({ demo: true, clock });
  s = await openBrowser(app);
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

test('from 14:00 the header reminds that today\'s report is due, until it is submitted', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/`);
  await expect.poll(() => page.getByTestId('office-name').textContent(), { timeout: 10_000 }).toBe('青禾街道办事处');
  expect(await page.getByTestId('report-reminder').count()).toBe(0);
  clock.set('2026-11-28T14:30:00+08:00');
  await page.reload();
  await expect.poll(() => page.getByTestId('report-reminder').textContent()).toBe('今日日报尚未报送(截止 15:00)');
  await screenshot(page, 'report-reminder');
  clock.set('2026-11-28T15:10:00+08:00');
  const r = await app.fetchAs(`api/reports.daily.submit`, { method: 'POST', body: JSON.stringify({ narrative: { filledBy: '王联络', reviewedBy: '李组长' } }) }).then((x) => x.json());
  expect(r).toMatchObject({ ok: true, data: { period: { to: '2026-11-28T07:00:00.000Z' } } });
  await page.reload();
  await expect.poll(() => page.getByTestId('office-name').textContent(), { timeout: 10_000 }).toBe('青禾街道办事处');
  await page.waitForLoadState('networkidle');
  expect(await page.getByTestId('report-reminder').count()).toBe(0);
});
