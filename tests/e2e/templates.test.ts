import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { balanceForm } from '../helpers/forms';
import { openBrowser, screenshot, startApp, type App, type Session } from './harness';

let app: App;
let s: Session;

beforeAll(async () => {
  app = await startApp({ demo: true });
  s = await openBrowser(app, { as: 'liaison' });
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

test('the liaison loads a superior\'s form: errors are listed and it cannot be kept; the corrected form is kept, previewed and exported by default', async () => {
  const { page } = s;
  const bad = join(app.dir, '区指挥部日报(有误).xlsx');
  const good = join(app.dir, '区指挥部日报.xlsx');
  writeFileSync(bad, await balanceForm(1, true));
  writeFileSync(good, await balanceForm(20));
  await page.goto(`${app.url}#/settings`);
  await page.getByTestId('template-upload').click();
  await page.locator('.ant-modal input[type=file]').setInputFiles(bad);
  await expect.poll(() => page.getByTestId('template-errors').textContent()).toContain('收发存!A8:未知的占位符 {{联系人}}');
  expect(await page.getByTestId('template-save').isDisabled()).toBe(true);
  await screenshot(page, 'template-errors');

  await page.locator('.ant-modal input[type=file]').setInputFiles(good);
  await expect.poll(() => page.getByTestId('template-table').allTextContents()).toEqual([
    '收发存 第 5 行 · 收发存:序号、物资名称、规格型号、单位、上期结存、本期入库、本期出库、本期结存、备注',
    '发放明细 第 3 行 · 发放明细:序号、时间、点位、领取人、数量',
  ]);
  expect(await page.getByTestId('template-errors').count()).toBe(0);
  await screenshot(page, 'template-upload');
  const download = page.waitForEvent('download');
  await page.getByTestId('template-preview').click();
  const file = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  expect(wb.getWorksheet('收发存')!.getCell('A1').value).toBe('青禾街道办事处应急物资收发存日报表');
  expect(wb.getWorksheet('收发存')!.getCell('B5').value).toBe('医用外科口罩');

  await page.getByTestId('template-save').click();
  await page.getByTestId('templates-card').getByText('区指挥部日报', { exact: true }).waitFor();
  expect(app.api('templates.list').templates).toMatchObject([{ name: '区指挥部日报', fileName: '区指挥部日报.xlsx', exportByDefault: true }]);
  await screenshot(page, 'templates-card');

  // The daily report screen offers it beside the built-in formats, ticked: submitting writes it too.
  await page.goto(`${app.url}#/reports`);
  const formats = page.getByTestId('report-formats');
  await formats.getByText('区指挥部日报(上级表样)').waitFor();
  expect(await formats.locator('.ant-checkbox-wrapper-checked').allTextContents()).toEqual(['收发存日报表', '物资发放明细表', '点位领用汇总表', '入库明细表', '库存明细表', '区指挥部日报(上级表样)']);
  await page.getByTestId('report-filled-by').fill('马文静');
  await page.getByTestId('report-reviewed-by').fill('高振宇');
  const files = page.waitForEvent('download');
  await page.getByTestId('report-submit').click();
  await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await files;
  const [report] = app.api('reports.daily.list');
  expect(app.api('reports.daily.get', { id: report.id }).files).toEqual([
    expect.stringMatching(/^青禾街道办事处物资日报-.*\.xlsx$/),
    expect.stringMatching(/^青禾街道办事处物资日报-.*-区指挥部日报\.xlsx$/),
  ]);
  expect(s.outside).toEqual([]);
  expect(s.errors).toEqual([]);
});
