import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, pick, screenshot, startApp, type App, type Session } from './harness';

/** #19: losses and transfers, receipts by keyboard with an expiry warning, returns that show what a checkpoint holds, loans with a due day. */
let app: App;
let s: Session;
const id: Record<string, number> = {};
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

beforeAll(async () => {
  app = await startApp();
  const cats = app.api('categories.list');
  const cat = (name: string) => cats.find((c) => c.name === name)!.id;
  id.mask = app.api('items.create', { code: 'KZ01', name: '医用外科口罩', categoryId: cat('防护用品'), unit: '只' }).id;
  id.reagent = app.api('items.create', { code: 'SJ01', name: '抗原检测试剂', spec: '1人份', categoryId: cat('检测试剂'), unit: '盒', tracksBatches: true }).id;
  id.speaker = app.api('items.create', { code: 'SB01', name: '手持扩音器', categoryId: cat('医疗器械/设备'), unit: '台', durable: true }).id;
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

/** antd puts a date picker's (or number box's) test id on its input or on its wrapper, depending on the version. */
const dateBox = (testId: string) => s.page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
const success = () => s.page.getByTestId('posted-notice').textContent();
const focusedTestId = () => s.page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? document.activeElement?.getAttribute('data-testid') ?? '');

test('a receipt by keyboard alone: Enter walks source → item → 数量 → 批号 → 生产日期 → 有效期; an expired batch warns first; the time keeps its seconds', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/receipt`);
  await pick(page, page.getByTestId('receipt-source'), 'qwz', '区物资保障组');
  await expect.poll(focusedTestId).toBe('line-item');
  await page.keyboard.type('kyjc');
  await page.locator('.ant-select-item-option-active', { hasText: '抗原检测试剂' }).waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await expect.poll(focusedTestId).toBe('line-batch-no');
  await page.keyboard.type('KY-OLD');
  await page.keyboard.press('Enter');
  await expect.poll(focusedTestId).toBe('line-production');
  await page.keyboard.type(day(-400));
  await page.keyboard.press('Enter');
  await page.keyboard.type(day(-2));
  await page.keyboard.press('Enter');
  await expect.poll(focusedTestId).toBe('line-price');
  // A time that is not one is said at once and never posts as "now"; one with seconds keeps them.
  await dateBox('doc-time').fill(`${day(0)} 25:00`);
  await expect.poll(() => page.getByTestId('doc-time-error').textContent()).toBe('时间应写作 2026-12-01 10:00 或 2026-12-01 10:00:05(清空即为现在)');
  await dateBox('line-price').focus();
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.locator('.ant-alert-error').textContent()).toBe('时间应写作 2026-12-01 10:00 或 2026-12-01 10:00:05(清空即为现在)');
  const time = `${day(0)} 00:00:07`;
  await dateBox('doc-time').fill(time);
  await dateBox('doc-time').press('Enter');
  await dateBox('line-price').focus();
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.getByTestId('expiry-warnings').textContent()).toBe(`第 1 行 抗原检测试剂 批号 KY-OLD 有效期 ${day(-2)}:已过期 2 天`);
  await screenshot(page, 'receipt-expiry-warning');
  await page.getByRole('button', { name: '仍然入库' }).click();
  await expect.poll(success).toContain('RK');
  const doc = app.api('docs.get', { id: app.api('docs.list', { type: 'receipt', itemId: id.reagent }).rows[0].id });
  expect([doc.time, doc.lines.map((l) => [l.quantity, l.batchNo, l.expiryDate])]).toEqual([
    new Date(`${day(0)}T00:00:07+08:00`).toISOString(), [[20, 'KY-OLD', day(-2)]],
  ]);
});

test('an expired batch in 库存 offers 报损; the loss needs a reason per line, posts that batch and prints with P', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/stock?filter=expiry`);
  await page.locator('.ant-table-row', { hasText: '抗原检测试剂' }).locator('.ant-table-row-expand-icon').click();
  await page.getByTestId('batch-loss').click();
  await expect.poll(() => page.locator('.ant-menu-item-selected').textContent()).toBe('报损/调出');
  await expect.poll(() => page.getByTestId('line-batch').textContent()).toContain('KY-OLD');
  await expect.poll(() => page.getByTestId('loss-kind').textContent()).toBe('过期');
  await page.getByTestId('line-qty').first().fill('20');
  await page.getByTestId('loss-kind').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '其他' }).click();
  await page.getByTestId('outgoing-post').click();
  await expect.poll(() => page.locator('.ant-alert-error').textContent()).toBe('第 1 行 抗原检测试剂:请选择报损原因并写明情况');
  await page.getByTestId('loss-text').fill('外包装受潮');
  await screenshot(page, 'loss-filled');
  await page.getByTestId('loss-text').press('Control+Enter');
  await expect.poll(success).toContain('BS');
  const loss = app.api('docs.get', { id: app.api('docs.list', { type: 'loss' }).rows[0].id });
  expect(loss.lines.map((l) => [l.itemName, l.batchNo, l.quantity, l.reason])).toEqual([['抗原检测试剂', 'KY-OLD', 20, '其他:外包装受潮']]);
  expect(app.api('stock.list').find((r) => r.itemId === id.reagent)!.quantity).toBe(0);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await expect.poll(async () => (await page.getByTestId('print-preview').getAttribute('srcdoc')) ?? '').toContain('物资报损单');
  await page.keyboard.press('Escape');
});

test('a transfer names the receiving unit and leaves the books', async () => {
  const { page } = s;
  await page.getByTestId('outgoing-kind').getByText('调拨出库').click();
  await page.getByTestId('outgoing-post').click();
  await expect.poll(() => page.locator('.ant-alert-error').textContent()).toBe('请填写接收单位');
  await dateBox('transfer-counterparty').fill('青禾镇人民政府');
  await pick(page, page.getByTestId('line-item').first(), 'kz', '医用外科口罩');
  await page.keyboard.type('100');
  await page.getByTestId('outgoing-post').click();
  await expect.poll(success).toContain('DB');
  const doc = app.api('docs.get', { id: app.api('docs.list', { type: 'transfer_out' }).rows[0].id });
  expect([doc.counterparty, doc.lines.map((l) => [l.itemName, l.quantity])]).toEqual(['青禾镇人民政府', [['医用外科口罩', 100]]]);
  await screenshot(page, 'transfer-posted');
});

test('returns show what the checkpoint holds and refuse more with its numbers on screen; a loan records its due day', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/returns`);
  await pick(page, page.getByTestId('returns-checkpoint'), 'nmkk', '南门卡口');
  await expect.poll(focusedTestId).toBe('returns-person');
  await expect.poll(() => page.getByTestId('checkpoint-holdings').locator('.ant-table-row').allTextContents()).toEqual(['KZ01医用外科口罩300 只']);
  await page.getByTestId('returns-take-all').click();
  await expect.poll(() => page.getByTestId('line-qty').first().inputValue()).toBe('300');
  await page.getByTestId('line-qty').first().fill('301');
  await page.getByTestId('returns-post').click();
  await expect.poll(() => page.getByTestId('returns-problem').textContent()).toBe('医用外科口罩 退回数量超过该点位已领未退的数量:南门卡口 已领未退 300 只,申请退回 301 只');
  await screenshot(page, 'returns-holdings');

  await page.getByTestId('returns-kind').getByText('借用(耐用品)').click();
  await pick(page, page.getByTestId('returns-person'), 'zyf', '赵一凡');
  await expect.poll(focusedTestId).toBe('line-item');
  await page.keyboard.type('sckyq');
  await page.locator('.ant-select-item-option-active', { hasText: '手持扩音器' }).waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.type('2');
  await dateBox('loan-due').fill(day(3));
  await dateBox('loan-due').press('Enter');
  await page.getByTestId('returns-post').click();
  await expect.poll(success).toContain('JY');
  await expect.poll(() => page.getByTestId('open-loans').locator('.ant-table-row').allTextContents()).toEqual([
    expect.stringContaining(`南门卡口赵一凡 13700000001手持扩音器2 台`),
  ]);
  const [loan] = app.api('loans.open');
  expect([loan.personName, loan.expectedReturn, loan.out, loan.overdueDays]).toEqual(['赵一凡', day(3), 2, 0]);
  await page.setViewportSize({ width: 1366, height: 768 });
  await screenshot(page, 'returns-loans-1366');
  expect(s.errors).toEqual([]);
});

test('unposted work survives a menu click and a reload, per screen, until posted or cleared', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/issue`);
  await pick(page, page.getByTestId('slip-checkpoint'), 'nmkk', '南门卡口');
  await pick(page, page.getByTestId('line-item').first(), 'kz', '医用外科口罩');
  await page.keyboard.type('5');
  await page.locator('.ant-menu-item', { hasText: '库存' }).click();
  await page.locator('.ant-menu-item', { hasText: '出库发放' }).click();
  await expect.poll(() => page.getByTestId('draft-notice').textContent()).toContain('已恢复上次未过账的草稿');
  await expect.poll(() => page.getByTestId('line-qty').first().inputValue()).toBe('5');
  await expect.poll(() => page.getByTestId('slip-checkpoint').textContent()).toContain('南门卡口');
  await page.reload();
  await expect.poll(() => page.getByTestId('line-qty').first().inputValue()).toBe('5');
  await expect.poll(() => page.getByTestId('line-item').first().textContent()).toContain('医用外科口罩');
  await screenshot(page, 'issue-draft');
  await page.getByTestId('draft-clear').click();
  await expect.poll(() => page.getByTestId('line-qty').first().inputValue()).toBe('');
  await page.reload();
  await page.getByTestId('line-qty').first().waitFor();
  expect(await page.getByTestId('draft-notice').count()).toBe(0);

  await page.goto(`${app.url}#/stocktake`);
  const row = page.locator('.ant-table-row', { hasText: '手持扩音器' });
  await row.getByTestId('count-input').locator('xpath=self::input | .//input').first().fill('3');
  await page.locator('.ant-menu-item', { hasText: '首页' }).click();
  await page.locator('.ant-menu-item', { hasText: '盘点' }).click();
  await expect.poll(() => page.locator('.ant-table-row', { hasText: '手持扩音器' }).getByTestId('count-input').locator('xpath=self::input | .//input').first().inputValue()).toBe('3');
  expect(s.errors).toEqual([]);
});

test('a person not found in the picker is offered as 新增, the typed name carried over', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/issue`);
  await pick(page, page.getByTestId('slip-checkpoint'), 'nmkk', '南门卡口');
  await expect.poll(focusedTestId).toBe('slip-person');
  await page.keyboard.type('王小明');
  await page.getByTestId('person-create').click();
  await expect.poll(() => page.getByTestId('new-person-name').inputValue()).toBe('王小明');
  await page.getByTestId('new-person-phone').fill('13900000009');
  await page.getByTestId('new-person-phone').press('Enter');
  await expect.poll(() => page.getByTestId('slip-person').textContent()).toContain('王小明 13900000009');
  expect(app.api('people.list', { q: '王小明' }).map((p) => [p.name, p.phone, p.checkpointId])).toEqual([['王小明', '13900000009', id.gate]]);
  await page.getByTestId('draft-clear').or(page.getByTestId('line-item')).first().waitFor();
});

test('a single store shows no store anywhere; a second one is added in 设置 and goods go to it by 移库, keyboard only', async () => {
  const { page } = s;
  for (const screen of ['issue', 'receipt', 'stock', 'outgoing']) {
    await page.goto(`${app.url}#/${screen}`);
    await page.locator('.ant-table').first().waitFor();
    expect(await page.getByTestId('store-field').or(page.getByTestId('stock-store')).count(), screen).toBe(0);
  }
  expect(await page.getByText('移库', { exact: true }).count()).toBe(0);
  await page.goto(`${app.url}#/settings`);
  await page.getByTestId('stores-add').click();
  await page.getByTestId('store-name').fill('北区库房');
  await page.getByTestId('store-name').press('Enter');
  await expect.poll(() => page.getByTestId('stores-table').textContent()).toContain('北区库房');
  const north = app.api('stores.list').find((x) => x.name === '北区库房')!.id;
  const mainStock = () => app.api('stock.list', { itemIds: [id.mask] })[0].quantity;
  const before = mainStock();

  // With two stores the receiving one is the other: item → 数量 → Ctrl+Enter.
  await page.goto(`${app.url}#/outgoing?kind=move`);
  await expect.poll(() => page.getByTestId('store-to').textContent()).toBe('北区库房');
  await expect.poll(focusedTestId).toBe('line-item');
  await page.keyboard.type('yywk');
  await page.locator('.ant-select-item-option-active', { hasText: '医用外科口罩' }).waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.type('100');
  await page.keyboard.press('Control+Enter');
  await expect.poll(success).toContain('YK');
  await screenshot(page, 'store-move');
  expect([app.api('stock.list', { itemIds: [id.mask], storeId: north })[0].quantity, mainStock()]).toEqual([100, before]);
  // The document names both stores.
  const moveId = app.api('docs.list', { type: 'move' }).rows[0].id;
  await page.goto(`${app.url}#/documents?open=${moveId}`);
  await expect.poll(() => page.locator('.ant-drawer').textContent()).toContain('办事处库房 → 北区库房');

  // A 移库 back, left half done: the draft keeps its stores through a reload, and posts the way it was typed.
  await page.goto(`${app.url}#/outgoing?kind=move`);
  await pick(page, page.getByTestId('store-field'), '北区', '北区库房');
  await expect.poll(() => page.getByTestId('store-to').textContent()).toBe('办事处库房');
  await page.getByTestId('line-item').first().click();
  await page.keyboard.type('yywk');
  await page.locator('.ant-select-item-option-active', { hasText: '医用外科口罩' }).waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.type('5');
  await page.reload();
  await page.getByTestId('draft-notice').waitFor();
  await expect.poll(() => page.getByTestId('store-field').textContent()).toBe('北区库房');
  await expect.poll(() => page.getByTestId('store-to').textContent()).toBe('办事处库房');
  await page.getByTestId('outgoing-post').click();
  await expect.poll(success).toContain('YK');
  expect(app.api('stock.list', { itemIds: [id.mask], storeId: north })[0].quantity).toBe(95);

  // 库存 by store: the north store holds the 95 left.
  await page.goto(`${app.url}#/stock`);
  await pick(page, page.getByTestId('stock-store'), '北区', '北区库房');
  await expect.poll(() => page.locator('.ant-table-row', { hasText: '医用外科口罩' }).first().textContent()).toContain('95 只');
  expect(s.errors).toEqual([]);
});
