import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, screenshot, startApp, type App, type Session } from './harness';

let app: App;
let s: Session;

beforeAll(async () => {
  app = await startApp({ demo: true });
  s = await openBrowser(app);
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

test('the liaison previews, writes the narrative, submits, gets the workbook, and the period is locked', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/reports`);
  await expect.poll(() => page.getByTestId('report-period').textContent()).toMatch(/^建账起—\d{4}年\d+月\d+日\d\d:\d\d$/);
  await expect.poll(() => page.getByTestId('report-items').locator('.ant-table-row').count()).toBeGreaterThan(10);
  await page.getByTestId('report-work').fill('今日向各点位发放防护和消杀物资。');
  await page.getByTestId('report-filled-by').fill('王联络');
  await page.getByTestId('report-reviewed-by').fill('李组长');
  await screenshot(page, 'report-preview');
  await page.getByTestId('report-submit').click();
  const download = page.waitForEvent('download');
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /报送并锁定/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^青禾街道办事处物资日报-\d{4}年\d+月\d+日\d\d时\.xlsx$/);
  const path = join(app.dir, file.suggestedFilename());
  await file.saveAs(path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['收发存日报表', '物资发放明细表', '点位领用汇总表', '入库明细表', '库存明细表']);
  expect(wb.getWorksheet('收发存日报表')!.getCell('A1').value).toBe('青禾街道办事处应急物资收发存日报表');

  const [report] = app.api('reports.daily.list');
  expect(report).toMatchObject({ state: 'submitted', files: 1 });
  const settings = app.api('settings.get');
  expect(settings.lockedUntil).toBe(report.to);
  const slip = app.api('docs.list', { type: 'issue', limit: 1 }).rows[0];
  const locked = await app.fetchAs(`api/docs.post`, {
    method: 'POST',
    body: JSON.stringify({ type: 'issue', time: report.to, checkpointId: slip.checkpointId, personId: slip.personId, lines: [{ itemId: 1, quantity: 1 }] }),
  }).then((r) => r.json());
  expect(locked).toMatchObject({ ok: false, error: { code: 'PERIOD_LOCKED' } });

  await page.getByRole('tab', { name: '报送记录' }).click();
  await expect.poll(() => page.getByTestId('report-history').locator('.ant-table-row').first().textContent()).toContain('已报送');
  await screenshot(page, 'report-history');
  expect(s.outside).toEqual([]);
  expect(s.errors).toEqual([]);
});
