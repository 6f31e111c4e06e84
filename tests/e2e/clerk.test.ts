/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, pick, screenshot, startApp, type App, type Session } from './harness';

let app: App;
let s: Session;
const id: Record<string, number> = {};

beforeAll(async () => {
  app = await startApp();
  app.api('settings.update', { officeName: '东湖街道办事处' });
  const cats = new Map(app.api('categories.list').map((c) => [c.name, c.id]));
  id.reagent = app.api('items.create', { code: 'SJ01', name: '抗原检测试剂', categoryId: cats.get('检测试剂')!, unit: '盒', packUnit: '箱', packFactor: 20, tracksBatches: true }).id;
  id.mask = app.api('items.create', { code: 'KZ01', name: '医用外科口罩', categoryId: cats.get('防护用品')!, unit: '只', packUnit: '盒', packFactor: 50 }).id;
  id.speaker = app.api('items.create', { code: 'SB01', name: '手持扩音器', categoryId: cats.get('医疗器械/设备')!, unit: '台', durable: true }).id;
  id.source = app.api('sources.create', { name: '区物资保障组', type: 'allocation' }).id;
  id.gate = app.api('checkpoints.create', { name: '南门卡口', type: '卡口' }).id;
  id.person = app.api('people.create', { name: '赵一凡', phone: '13700000001', checkpointId: id.gate }).id;
  app.api('docs.post', { type: 'receipt', sourceId: id.source, lines: [{ itemId: id.mask, quantity: 1000 }, { itemId: id.speaker, quantity: 4 }] });
  app.api('docs.post', { type: 'issue', checkpointId: id.gate, personId: id.person, lines: [{ itemId: id.mask, quantity: 300 }] });
  s = await openBrowser(app);
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

const success = () => s.page.locator('.ant-alert-success').first().textContent();

test('a receipt in pack units with a batch and expiry', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/receipt`);
  await pick(page, page.getByTestId('receipt-source'), 'qwz', '区物资保障组');
  await pick(page, page.getByTestId('line-item').first(), 'kyjc', '抗原检测试剂');
  await page.keyboard.type('3箱');
  await expect.poll(() => page.locator('td').filter({ hasText: '= 60 盒' }).count()).toBe(1);
  const row = page.locator('.ant-table-row').first();
  await row.locator('input').nth(2).fill('KY2611');
  await row.locator('input').nth(3).fill('2026-10-01');
  await row.locator('input').nth(4).fill('2027-10-01');
  await screenshot(page, 'receipt-filled');
  await page.getByTestId('receipt-post').click();
  await expect.poll(success).toContain('RK');
  const doc = app.api('docs.get', { id: app.api('docs.list', { type: 'receipt', itemId: id.reagent }).rows[0].id });
  expect(doc.lines.map((l) => [l.itemName, l.quantity, l.entered, l.batchNo, l.productionDate, l.expiryDate])).toEqual([['抗原检测试剂', 60, '3箱', 'KY2611', '2026-10-01', '2027-10-01']]);
});

test('a return from a checkpoint, a loan and its return', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/returns`);
  await pick(page, page.locator('.ant-form .ant-select').first(), 'nmkk', '南门卡口');
  await pick(page, page.getByTestId('line-item').first(), 'kz', '医用外科口罩');
  await page.keyboard.type('1盒');
  await page.getByRole('button', { name: '过 账' }).or(page.getByRole('button', { name: '过账' })).click();
  await expect.poll(success).toContain('TK');
  expect(app.api('stock.list').find((r) => r.itemId === id.mask)!.quantity).toBe(750);

  await page.getByText('借用(耐用品)').click();
  await pick(page, page.locator('.ant-form .ant-select').nth(1), 'zyf', '赵一凡');
  await pick(page, page.getByTestId('line-item').first(), 'sckyq', '手持扩音器');
  await page.keyboard.type('2');
  await page.getByRole('button', { name: /过\s?账/ }).click();
  await expect.poll(success).toContain('JY');
  await expect.poll(() => page.locator('.ant-card').filter({ hasText: '各点位借用未还' }).locator('.ant-table-row').first().textContent()).toContain('2 台');
  await screenshot(page, 'returns-loan');

  await page.getByText('归还借用').click();
  await pick(page, page.getByTestId('line-item').first(), 'sckyq', '手持扩音器');
  await page.keyboard.type('1');
  await page.getByRole('button', { name: /过\s?账/ }).click();
  await expect.poll(success).toContain('GH');
  expect(app.api('loans.outstanding')).toMatchObject([{ checkpointName: '南门卡口', itemName: '手持扩音器', quantity: 1 }]);
});

test('a stocktake with a difference and its reason', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/stocktake`);
  const row = page.locator('.ant-table-row', { hasText: '医用外科口罩' });
  await row.locator('input').nth(0).fill('745');
  await expect.poll(() => row.textContent()).toContain('-5');
  await page.getByRole('button', { name: /过\s?账/ }).click();
  await expect.poll(() => page.locator('.ant-alert-error').textContent()).toContain('请填写差异原因');
  await row.locator('input').nth(1).fill('包装破损');
  // Enter goes down to the next row's count, as in Excel.
  await row.locator('input').nth(0).press('Enter');
  const counts = page.getByTestId('count-input');
  const below = await page.locator('.ant-table-row').evaluateAll((rs, name) => rs.findIndex((r) => r.textContent?.includes(name as string)) + 1, '医用外科口罩');
  await expect.poll(() => page.evaluate(() => Array.from(document.querySelectorAll('[data-testid="count-input"] input, input[data-testid="count-input"]')).indexOf(document.activeElement as Element))).toBe(below);
  expect(await counts.count()).toBeGreaterThan(below);
  await screenshot(page, 'stocktake');
  await page.getByRole('button', { name: /过\s?账/ }).click();
  await expect.poll(() => page.getByTestId('stocktake-summary').textContent()).toBe('共盘点 1 项:盘盈 0 项,盘亏 1 项,账实相符 0 项。过账后按实盘数调整库存。医用外科口罩:盘亏 -5 只(包装破损)');
  await page.getByRole('button', { name: '确定过账' }).click();
  await expect.poll(success).toContain('PD');
  const pd = app.api('docs.get', { id: app.api('docs.list', { type: 'stocktake' }).rows[0].id });
  expect(pd.lines.map((l) => [l.itemName, l.bookQuantity, l.countedQuantity, l.quantity, l.reason])).toEqual([['医用外科口罩', 750, 745, -5, '包装破损']]);
});

test('voiding from the document list: the confirmation shows the reversal, the void can be dated at the original time; an issue with returns is refused', async () => {
  const { page } = s;
  const returned = app.api('docs.list', { type: 'issue' }).rows[0];
  const posted = app.api('docs.post', { type: 'issue', checkpointId: id.gate, personId: id.person, lines: [{ itemId: id.mask, quantity: 20 }] });
  const slip = app.api('docs.get', { id: posted.id });
  await page.goto(`${app.url}#/documents`);
  await page.getByRole('link', { name: slip.number }).click();
  await page.getByTestId('doc-void').click();
  const dialog = page.locator('.ant-modal', { hasText: `确认作废 ${slip.number}` });
  await expect.poll(() => dialog.textContent()).toContain('医用外科口罩:+20 只');
  await page.getByTestId('void-at-original').click();
  await page.getByTestId('void-reason').fill('领取人填错');
  await screenshot(page, 'void-confirm');
  await dialog.getByRole('button', { name: /作\s?废/ }).click();
  await expect.poll(() => app.api('docs.get', { id: slip.id }).state).toBe('voided');
  const reversal = app.api('docs.get', { id: app.api('docs.get', { id: slip.id }).voidedById! });
  expect(reversal).toMatchObject({ time: slip.time, reversesId: slip.id, voidReason: '领取人填错' });
  await expect.poll(() => page.locator('.ant-drawer .ant-alert-error').textContent()).toContain('作废');

  // The first slip had goods returned: its void names the return to void first.
  await page.goto(`${app.url}#/documents?open=${returned.id}`);
  await page.getByTestId('doc-void').click();
  await page.getByTestId('void-reason').fill('录错');
  await page.locator('.ant-modal', { hasText: `确认作废 ${returned.number}` }).getByRole('button', { name: /作\s?废/ }).click();
  await expect.poll(() => page.locator('.ant-message').textContent()).toMatch(/已有退库记录\(TK\d{8}-001\),请先作废退库单/);
  expect(app.api('docs.get', { id: returned.id }).state).toBe('posted');
});

test('import from Excel: a bad row is shown and nothing imported; the corrected workbook imports everything', async () => {
  const { page } = s;
  const file = async (name: string, quantity: unknown) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['物资名称', '规格型号', '单位', '类别', '期初库存', '有效期至']);
    ws.addRow(['防护面屏', '', '个', '防护用品', 80, null]);
    ws.addRow(['免洗手消毒凝胶', '300ml', '瓶', '消杀用品', quantity, null]);
    const path = join(app.dir, name);
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    return path;
  };
  const itemsBefore = app.api('items.list').length;
  await page.goto(`${app.url}#/items`);
  await page.getByTestId('items-import').click();
  await page.locator('.ant-modal input[type=file]').setInputFiles(await file('bad.xlsx', '三十'));
  await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('其中 1 行有错误');
  await expect.poll(() => page.locator('.ant-modal .ant-table-row', { hasText: '免洗手消毒凝胶' }).textContent()).toContain('期初数量“三十”不是有效的数量');
  await screenshot(page, 'import-bad');
  expect(await page.getByRole('button', { name: '全部导入' }).isDisabled()).toBe(true);
  expect(app.api('items.list').length).toBe(itemsBefore);

  await page.locator('.ant-modal input[type=file]').setInputFiles(await file('good.xlsx', 30));
  await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('全部无误');
  await page.getByRole('button', { name: '全部导入' }).click();
  await expect.poll(() => app.api('items.list').length).toBe(itemsBefore + 2);
  expect(app.api('stock.list', { q: '面屏' }).map((r) => r.quantity)).toEqual([80]);
  expect(app.api('stock.list', { q: 'mxsxdnj' }).map((r) => r.quantity)).toEqual([30]);
  expect(s.outside).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('a checkpoint is renamed and moved under a community from the catalog screen', async () => {
  const { page } = s;
  const community = app.api('checkpoints.create', { name: '南湖社区', type: '社区' });
  await page.goto(`${app.url}#/items`);
  await page.getByRole('tab', { name: '点位' }).click();
  await page.locator('.ant-table-row', { hasText: '南门卡口' }).getByRole('button', { name: /编\s?辑/ }).click();
  const dialog = page.locator('.ant-modal', { hasText: '编辑' });
  await dialog.locator('input#name').fill('南门1号卡口');
  await pick(page, dialog.locator('.ant-select').nth(1), 'nhsq', '南湖社区');
  await screenshot(page, 'checkpoint-edit');
  await dialog.getByRole('button', { name: /保\s?存/ }).click();
  await expect.poll(() => app.api('checkpoints.list').find((c) => c.id === id.gate)).toMatchObject({ name: '南门1号卡口', parentId: community.id, parentName: '南湖社区' });
});
