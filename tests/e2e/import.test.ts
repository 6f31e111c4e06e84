import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
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

test('importing stock for goods already in the ledger asks for a source, and books a receipt from it, not opening stock', async () => {
  const { page } = s;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('期初');
  ws.addRow(['物资名称', '规格型号', '计量单位', '类别', '期初数量', '批号', '有效期至']);
  ws.addRow(['84消毒液', '5L/桶', '桶', '消杀用品', 10, 'DR-2611', '2027-10-31']);
  ws.addRow(['防汛沙袋', '编织袋', '条', '防汛物资', 200, null, null]);
  const path = join(app.dir, '期初.xlsx');
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  const before = app.api('stock.list', { q: '84消毒液' })[0].quantity;

  await page.goto(`${app.url}#/items`);
  await page.getByTestId('items-import').click();
  await page.locator('.ant-modal input[type=file]').setInputFiles(path);
  await expect.poll(() => page.getByTestId('import-restock').textContent()).toContain('1 行的物资已有出入库记录');
  await expect.poll(() => page.locator('.ant-modal .ant-table-row', { hasText: '84消毒液' }).textContent()).toContain(`已有库存 ${before} 桶,本次将再入 10 桶。未选择入库来源,本行不导入。`);
  await page.getByTestId('import-restock-source').click();
  await page.locator('.ant-select-item-option', { hasText: '区物资保障组' }).click();
  await expect.poll(() => page.locator('.ant-modal .ant-table-row', { hasText: '84消毒液' }).textContent()).toContain('将登记为入库单(来源:区物资保障组)');
  await screenshot(page, 'import-restock');
  await page.getByRole('button', { name: '全部导入' }).click();
  await expect.poll(() => app.api('stock.list', { q: '84消毒液' })[0].quantity).toBe(before + 10);
  const receipts = app.api('docs.list', { limit: 5 }).rows.slice(0, 2).map((d) => d.sourceName).sort();
  expect(receipts).toEqual(['区物资保障组', '期初建账']);
  expect(s.outside).toEqual([]);
  expect(s.errors).toEqual([]);
});
