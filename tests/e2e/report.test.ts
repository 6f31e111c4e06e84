import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FixedClock } from '../../db/clock';
import { openBrowser, screenshot, startApp, type App, type Session } from './harness';

/**
 * The liaison's week on screen: the demo office starts reporting on Monday 11-30 and forgets it; on
 * Wednesday morning it sends Monday, then Tuesday, each for its own day; then Wednesday early; then
 * Wednesday again, which needs a reason (补报); a reload still says 已报送.
 */
let app: App;
let s: Session;
const clock = new FixedClock(new Date('2026-11-30T10:00:00+08:00'));

beforeAll(async () => {
  app = await startApp({ demo: true, clock });
  // Wednesday morning: the liaison logs in.
  clock.set('2026-12-02T09:30:00+08:00');
  s = await openBrowser(app, { as: 'liaison' });
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

/** Submits the day on screen and waits for the Result; answers the file the browser received. */
async function submit(page: Page): Promise<string> {
  await page.getByTestId('report-submit').click();
  const download = page.waitForEvent('download');
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /并锁定/ }).click();
  const file = await download;
  await expect.poll(() => page.getByTestId('report-result').isVisible()).toBe(true);
  return file.suggestedFilename();
}

test('the liaison misses a day, sends both in order, sends early, needs a reason the second time, and sees 已报送 after a reload', async () => {
  const { page } = s;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${app.url}#/reports`);
  await expect.poll(() => page.getByTestId('report-owed').textContent()).toContain('还有 2 天的日报未报送:11月30日、12月1日');
  await expect.poll(() => page.getByTestId('report-state').textContent()).toBe('未报送 · 距 15:00 还有 5 小时 30 分');
  expect(await page.getByTestId('report-reminder').textContent()).toBe('2 天日报未报送');
  expect(await page.getByTestId('report-day').textContent()).toBe('11月30日');
  expect(await page.getByTestId('report-period').textContent()).toBe('2026年11月29日15:00—2026年11月30日15:00');
  // 填报人 is the logged-in user; nothing was reported before, so 审核人 is typed once.
  expect(await page.getByTestId('report-filled-by').inputValue()).toBe('马文静');
  await page.getByTestId('report-reviewed-by').fill('高振宇');
  await page.getByTestId('report-phone').fill('0571-8800 1234');
  await expect.poll(() => page.getByTestId('report-items').locator('.ant-table-row').count()).toBeGreaterThan(10);
  await screenshot(page, 'report-owed-1366');

  const monday = await submit(page);
  expect(monday).toBe('青禾街道办事处物资日报-2026年11月30日.xlsx');
  expect(await page.getByTestId('report-result').locator('.ant-result-title').textContent()).toBe('11月30日日报已报送');
  await screenshot(page, 'report-result-1366');

  // Tuesday: its own period, with 审核人 and 联系电话 as on Monday's report.
  await page.getByTestId('report-next').click();
  await expect.poll(() => page.getByTestId('report-day').textContent()).toBe('12月1日');
  expect(await page.getByTestId('report-period').textContent()).toBe('2026年11月30日15:00—2026年12月1日15:00');
  expect(await page.getByTestId('report-reviewed-by').inputValue()).toBe('高振宇');
  expect(await page.getByTestId('report-phone').inputValue()).toBe('0571-8800 1234');
  expect(await submit(page)).toBe('青禾街道办事处物资日报-2026年12月1日.xlsx');

  // Wednesday before 15:00: 提前报送, 截至 09:30, and the dialog says where later documents go.
  await page.getByTestId('report-next').click();
  await expect.poll(() => page.getByTestId('report-early').textContent()).toBe('截至 09:30(未到截止时间)');
  expect(await page.getByTestId('report-submit').textContent()).toBe('提前报送并锁定');
  await page.getByTestId('report-submit').click();
  await expect.poll(() => page.locator('.ant-modal-confirm').textContent()).toContain('本次报送截至 09:30 的数据,09:30 以后登记的单据计入 12月3日日报');
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /取\s*消/ }).click();
  await expect.poll(() => page.locator('.ant-modal-confirm').count()).toBe(0);
  expect(await submit(page)).toBe('青禾街道办事处物资日报-2026年12月2日.xlsx');
  await expect.poll(() => page.getByTestId('report-state').textContent()).toBe('已报送 09:30 · 马文静 · 提前报送,截至 09:30');

  // At 15:05 the screen still says what stands (sent early), not an empty next day; the same day
  // again needs a reason, and is a 补报 of the whole day.
  clock.set('2026-12-02T15:05:00+08:00');
  await page.reload();
  await expect.poll(() => page.getByTestId('report-result').locator('.ant-result-title').textContent()).toBe('12月2日日报已报送');
  expect(await page.getByTestId('report-state').textContent()).toBe('未报送 · 距 15:00 还有 23 小时 55 分');
  expect(await page.getByTestId('report-next').textContent()).toBe('报送 12月3日日报');
  await page.getByTestId('report-resend').click();
  await expect.poll(() => page.getByTestId('report-submit').textContent()).toBe('补报并锁定');
  await page.getByTestId('report-submit').click();
  await expect.poll(() => page.getByText('再次报送同一天的日报须填写原因').count()).toBe(1);
  await page.getByTestId('report-reason').fill('补充09:30后的发放');
  expect(await submit(page)).toBe('青禾街道办事处物资日报-2026年12月2日-补报.xlsx');
  await expect.poll(() => page.getByTestId('report-result').locator('.ant-result-title').textContent()).toBe('12月2日日报已报送(补报)');

  await page.reload();
  await expect.poll(() => page.getByTestId('report-result').isVisible()).toBe(true);
  expect(await page.getByTestId('report-result').locator('.ant-result-title').textContent()).toBe('12月2日日报已报送(补报)');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'report-sent-1920');

  const list = app.api('reports.daily.list');
  expect(list.map((r) => [r.day, r.kindText, r.partial, r.reason, r.state, r.files])).toEqual([
    ['2026-12-02', '补报', false, '补充09:30后的发放', 'submitted', 1],
    ['2026-12-02', '日报', true, null, 'submitted', 1],
    ['2026-12-01', '日报', false, null, 'submitted', 1],
    ['2026-11-30', '日报', false, null, 'submitted', 1],
  ]);
  expect(app.api('settings.get').lockedUntil).toBe('2026-12-02T07:00:00.000Z');
  // Monday's file as stored: its sheet names Monday's own period.
  const stored = (await app.fetchAs('api/reports.export', { method: 'POST', body: JSON.stringify({ reportId: list[3].id }) }).then((r) => r.json())) as { data: { files: { data: string }[] } };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(stored.data.files[0].data, 'base64') as unknown as ArrayBuffer);
  const top = [1, 2, 3].map((r) => wb.getWorksheet('收发存日报表')!.getRow(r).values).flat().join(' ');
  expect(top).toContain('2026年11月29日15:00—2026年11月30日15:00');

  await page.getByRole('tab', { name: '报送记录' }).click();
  await expect.poll(() => page.getByTestId('report-history').locator('.ant-table-row').first().textContent()).toContain('补报');
  await screenshot(page, 'report-history-1920');
  // Only a leader withdraws: the liaison is not offered 撤回.
  expect(await page.getByTestId('report-history').getByRole('button', { name: /撤\s*回/ }).count()).toBe(0);
  // The dashboard says where today's report stands.
  await page.goto(`${app.url}#/`);
  await expect.poll(() => page.getByTestId('home-report').textContent()).toBe('12月3日日报未报送距 15:00 还有 23 小时 55 分');
  expect(s.outside).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('the leader withdraws the 补报: the dialog says where the lock goes back to and needs a reason', async () => {
  const lead = await openBrowser(app, { as: 'leader' });
  try {
    const { page } = lead;
    await page.goto(`${app.url}#/reports`);
    await page.getByRole('tab', { name: '报送记录' }).click();
    await page.getByTestId('report-history').getByRole('button', { name: /撤\s*回/ }).click();
    await expect.poll(() => page.getByTestId('withdraw-effect').textContent())
      .toBe('撤回 12月2日日报后,锁定退回到 2026-12-02 09:30:此后的单据可以重新登记或作废。撤回的日报和文件仍留在报送记录中。');
    const ok = page.locator('.ant-modal-confirm').getByRole('button', { name: /撤\s*回/ });
    expect(await ok.isDisabled()).toBe(true);
    await page.getByTestId('withdraw-reason').fill('补报数字有误');
    await ok.click();
    await expect.poll(() => page.getByTestId('report-history').locator('.ant-table-row').first().textContent()).toContain('已撤回:补报数字有误高振宇 2026-12-02 15:05 撤回');
    expect(app.api('settings.get').lockedUntil).toBe('2026-12-02T01:30:00.000Z');
    expect(lead.errors).toEqual([]);
  } finally {
    await lead.close();
  }
});
