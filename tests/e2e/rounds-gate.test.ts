/// <reference lib="dom" />
import { afterAll, beforeAll, expect, test } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { DEMO_PASSWORD } from '../../scripts/demo-data';
import { openBrowser, pick, screenshot, startApp, type App, type Session } from './harness';
import { atBothSizes, householdSheet, printedPdf } from './rounds-paper';
import { focusedIn, money, poll, seedEastLake } from './rounds-seed';

/**
 * 居民代购 (#21) after the orders are in: every tab at 1366×768, the 社区工作人员 who sees nothing of the
 * warehouse, 结单 and 收货核对 at the gate (short, substituted and 多送 goods), 收款与配送 with 对账 and
 * the printed sheets, and the households' import. One server and one browser for the file; the
 * orders are those tests/e2e/rounds.test.ts takes by keyboard, recorded here through the API.
 */
let app: App;
let s: Session;
let roundId = 0;

beforeAll(async () => {
  app = await startApp();
  roundId = seedEastLake(app);
  const goods = new Map(app.api('rounds.get', { id: roundId }).goods.map((g) => [g.name, g.id]));
  const home = (address: string) => app.api('households.list', { q: address })[0].id;
  const order = (address: string, lines: [string, number][]) =>
    app.api('orders.record', { roundId, householdId: home(address), lines: lines.map(([name, quantity]) => ({ goodsId: goods.get(name)!, quantity })) });
  order('3-2-602', [['大米', 1], ['蔬菜包', 2], ['鸡蛋', 1], ['食用油', 1], ['牛奶', 1]]);
  order('3-1-101', [['大米', 3]]);
  order('3-2-602', [['鸡蛋', 2]]);
  s = await openBrowser(app);
  await s.page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

const focused = () => focusedIn(s.page);

test('every tab fits 1366×768 without sideways scrolling; screenshots at 1366 and 1920', async () => {
  const { page } = s;
  const wide: string[] = [];
  for (const [w, h] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const tab of ['orders', 'rounds', 'summary', 'households', 'suppliers']) {
      await page.goto(`${app.url}#/rounds${tab === 'orders' ? '' : `?tab=${tab}`}`);
      await page.locator('[role=tabpanel]:visible .ant-table, [role=tabpanel]:visible .ant-empty').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (w === 1366 && scroll > client) wide.push(`${tab}: ${scroll} > ${client}`);
      await screenshot(page, `rounds-${tab}-${w}`);
    }
    await page.getByRole('tab', { name: '批次' }).click();
    await page.getByTestId('round-new').click();
    await page.getByTestId('goods-editor').waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, `rounds-new-${w}`);
    await page.keyboard.press('Escape');
  }
  expect(wide).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('a 社区工作人员 sees only 居民代购, and lands on it', async () => {
  const worker = await openBrowser(app, { as: null });
  try {
    const login = await worker.context.request.post(`${app.url}api/auth.login`, { data: { username: 'community', password: DEMO_PASSWORD } });
    expect((await login.json()).ok).toBe(true);
    const { page } = worker;
    const refused: string[] = [];
    page.on('response', (r) => { if (r.url().includes('/api/') && r.status() >= 400) refused.push(`${r.status()} ${r.url()}`); });
    await page.goto(`${app.url}#/`);
    await page.getByTestId('rounds-privacy').waitFor();
    expect(await page.locator('.ant-menu-item').allTextContents()).toEqual(['居民代购']);
    await poll(() => page.getByTestId('user-menu').textContent()).toContain('社区工作人员');
    // A warehouse address shows 居民代购 too, and nothing asked the warehouse (no refusal on screen or in the console).
    await page.goto('about:blank');
    await page.goto(`${app.url}#/stock`);
    await page.getByTestId('rounds-privacy').waitFor();
    await poll(() => focusedIn(page)).toBe('order-household');
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    expect(await page.locator('.ant-message-error').count()).toBe(0);
    // 设置 is not theirs: the language is in the user menu.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-language-en').click();
    await poll(() => page.locator('.ant-menu-item').allTextContents()).toEqual([en['nav.rounds']]);
    expect(worker.errors).toEqual([]);
  } finally {
    await worker.close();
  }
});

const row = (testid: string, text: string) => s.page.getByTestId(testid).locator('tr.ant-table-row', { hasText: text });
const texts = (testid: string) => s.page.getByTestId(testid).allTextContents();

test('结单, then 收货核对 at the gate by keyboard: 大米 short (first come), 牛奶 replaced by 酸奶, 鸡蛋 多送; 调整 is kept within what arrived', async () => {
  const { page } = s;
  const number = app.api('rounds.list').find((r) => r.id === roundId)!.number;
  await page.goto(`${app.url}#/rounds?tab=rounds`);
  await row('rounds-table', number).getByTestId('round-close').click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /^结\s?单$/ }).click();
  await poll(() => app.api('rounds.list').find((r) => r.id === roundId)!.state).toBe('closed');
  await row('rounds-table', number).getByTestId('round-gate').click();
  await poll(() => page.getByTestId('gate-goods').locator('tr.ant-table-row').count()).toBe(5);

  // 大米 came 2 of 4, 鸡蛋 5 of 3 (多送), 牛奶 none; Enter walks the boxes and ends on 确认核对.
  await page.locator('input[data-testid=gate-arrived], [data-testid=gate-arrived] input').first().focus();
  for (const typed of ['2', '', '5', '', '0']) {
    if (typed) await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
  }
  await poll(focused).toBe('handover-confirm');
  await expect(texts('gate-short')).resolves.toEqual(['缺 2 袋 · 1 户不足', '缺 1 箱 · 1 户不足']);
  await expect(texts('gate-extra')).resolves.toEqual(['多送 2 盒 · 不计入应收']);
  await page.getByTestId('sub-add').click();
  await pick(page, page.getByTestId('sub-replaces'), '牛奶', '牛奶');
  for (const [field, value] of [['name', '酸奶'], ['spec', '200g×12'], ['unit', '箱'], ['price', '39.9'], ['quantity', '1']]) await page.getByTestId(`sub-${field}`).fill(value);
  await page.getByTestId('gate-extras').fill('多送 塑料袋 10 个');
  await page.getByTestId('handover-confirm').click();
  const confirm = page.locator('.ant-modal-confirm');
  await poll(() => confirm.textContent()).toContain('缺货 2 种:大米 缺 2 袋、牛奶 缺 1 箱。缺货按“先到先得”分给各户');
  await expect(confirm.textContent()).resolves.toContain('多送 1 种:鸡蛋 多送 2 盒。多出的不分给住户、不计入应收');
  await expect(confirm.textContent()).resolves.toContain('在有住户付款之前,可以重新核对');
  await confirm.getByRole('button', { name: '确认核对' }).click();
  await poll(() => page.locator('.ant-message-success').textContent()).toBe('收货核对已保存:缺货 2 种,多送 1 种。');
  expect(app.api('rounds.settlement', { roundId }).handedOver).toBe(true);

  const settled = app.api('rounds.settlement', { roundId });
  expect(settled.orders.map((o) => [o.address, o.lines.filter((l) => l.gets !== l.ordered).map((l) => [l.name, l.ordered, l.gets, l.replaces])])).toEqual([
    ['3-1-101', [['大米', 3, 1, null]]],
    ['3-2-602', [['牛奶', 1, 0, null], ['酸奶', 0, 1, '牛奶']]],
  ]);
  expect(settled.goods.find((g) => g.name === '酸奶')).toMatchObject({ price: 3990, delivered: 1, allotted: 1, spec: '200g×12' });
  await poll(() => row('gate-allotments', '3-1-101').getByTestId('gets-short').textContent()).toBe('大米 5kg 1/3');
  await expect(row('gate-allotments', '3-2-602').textContent()).resolves.toContain('酸奶 200g×12 ×1(替 牛奶)');

  // 调整: 李秀英 cannot have the rice 王建华 got; the ledger says how much is left.
  await row('gate-allotments', '3-1-101').getByTestId('allot-open').click();
  await page.getByTestId('allot-lines').locator('input').first().fill('2');
  await page.getByTestId('allot-save').click();
  await poll(() => page.getByTestId('allot-problem').textContent()).toBe('大米 实到 2 袋,其他住户已分 1 袋,本户最多可分 1 袋。');
  await page.keyboard.press('Escape');
  const wide = await atBothSizes(page, 'rounds-gate', () => page.getByTestId('gate-allotments').locator('tr.ant-table-row').first().waitFor());
  expect(wide).toEqual([]);
  expect([s.errors, s.outside]).toEqual([[], []]);
});

test('收款与配送: paid by WeChat and by 代付, one bag delivered; the sheets and labels print with every address and no whole phone number; 对账 lists the ledger’s differences', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/rounds?tab=settle&round=${roundId}`);
  await poll(() => page.getByTestId('settle-filter').textContent()).toBe('全部 2未付款 2未送达 2');
  const due = Object.fromEntries(app.api('rounds.settlement', { roundId }).orders.map((o) => [o.address, o.due]));
  await row('settle-table', '3-2-602').getByTestId('pay-open').click();
  await expect(page.getByTestId('pay-amount').inputValue()).resolves.toBe((due['3-2-602'] / 100).toFixed(2));
  await page.getByTestId('pay-save').click();
  await row('settle-table', '3-1-101').getByTestId('pay-open').click();
  await page.getByTestId('pay-method').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '代付' }).click();
  await page.getByTestId('pay-payer').fill('楼长 周强');
  await page.getByTestId('pay-save').click();
  await row('settle-table', '3-2-602').getByTestId('deliver-toggle').click();
  await poll(() => page.getByTestId('settle-filter').textContent()).toBe('全部 2未付款 0未送达 1');
  const paid = app.api('rounds.settlement', { roundId });
  expect(paid.orders.map((o) => [o.address, o.paid, o.method, o.payer, o.deliveredAt !== null])).toEqual([
    ['3-1-101', due['3-1-101'], 'proxy', '楼长 周强', false],
    ['3-2-602', due['3-2-602'], 'wechat', '', true],
  ]);
  await expect(row('settle-table', '3-1-101').textContent()).resolves.toContain('代付人 楼长 周强');
  await page.getByTestId('settle-filter').getByText('未送达 1').click();
  await poll(() => page.getByTestId('settle-table').locator('tr.ant-table-row').count()).toBe(1);

  // 对账: the supplier bills ¥10 more than what arrived; the screen lists what the ledger finds.
  const arrived = paid.goods.reduce((n, g) => n + (g.delivered ?? 0) * g.price, 0);
  await page.getByTestId('reconcile-bill').fill(((arrived + 1000) / 100).toFixed(2));
  await page.getByTestId('reconcile-save').click();
  await poll(() => app.api('rounds.settlement', { roundId }).supplierBill).toBe(arrived + 1000);
  const { differences } = app.api('rounds.settlement', { roundId });
  expect(differences).toContain(`超市账单 ${money(arrived + 1000)},实到商品金额 ${money(arrived)},相差 ¥10.00`);
  expect(differences).toContain('鸡蛋 30枚 实到 5 盒,分给住户 3 盒,多送 2 盒(¥56.00)未计入应收');
  await poll(() => texts('reconcile-difference')).toEqual(differences);

  // 打印配送单 opens the print address; the preview shows both sheets.
  const popup = page.waitForEvent('popup');
  await page.getByTestId('print-delivery').click();
  const sheetPage = await popup;
  await sheetPage.waitForURL(/\/print\/delivery\?/);
  expect(sheetPage.url()).toContain(`roundId=${roundId}`);
  await sheetPage.close();
  await page.getByTestId('print-preview').click();
  const srcdoc = async () => (await page.getByTestId('print-preview-frame').getAttribute('srcdoc')) ?? '';
  await poll(srcdoc).toContain('居民生活物资入户配送单');
  await page.getByTestId('print-preview-kind').getByText('配送标签').click();
  await poll(srcdoc).toContain('class="label"');
  await page.keyboard.press('Escape');
  await page.getByTestId('settle-filter').getByText('全部 2').click();
  const wide = await atBothSizes(page, 'rounds-settle', () => page.getByTestId('reconcile-card').waitFor());
  expect(wide).toEqual([]);

  const paper = await s.context.newPage();
  for (const [path, name] of [[`print/delivery?roundId=${roundId}`, 'delivery'], [`print/labels?roundId=${roundId}`, 'labels']]) {
    const { text, pages } = await printedPdf(app, paper, path, name);
    expect([name, pages]).toEqual([name, 1]);
    for (const address of ['3-2-602', '3-1-101']) expect(text, `${name} ${address}`).toContain(address);
    expect(text, name).not.toContain('13800000012');
    expect(text, name).toContain('酸奶');
  }
  // The sheet tells 李秀英 the rice she was short of, and 王建华 what came for his milk.
  expect((await printedPdf(app, paper, `print/delivery?roundId=${roundId}`, 'delivery')).text).toMatch(/大米5kg×1袋\(订3袋,缺2袋\)[\s\S]*牛奶250ml×12缺货\(订1箱,以酸奶200g×12×1箱替代\)/);
  await paper.close();
  expect([s.errors, s.outside]).toEqual([[], []]);
});

test('导入住户: a sheet with a bad row is refused with its errors; a good one adds and updates, and the list shows it', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/rounds?tab=households`);
  await page.getByTestId('households-import').click();
  const commit = page.getByTestId('households-import-commit');
  await page.locator('.ant-modal input[type=file]').setInputFiles(await householdSheet('bad.xlsx', [
    ['东湖小区', 5, 1, 301, '赵敏', '13900000031', '是'], ['东湖小区', 5, 1, 302, '钱军', '1390000abc', ''],
  ]));
  await poll(() => page.getByTestId('households-import-summary').textContent()).toContain('共 2 行,其中 1 行有错误');
  await expect(texts('households-import-row-error')).resolves.toEqual(['电话:电话应为 11 位手机号,或带区号的固定电话(如 0571-88001234)']);
  await expect(commit.isDisabled()).resolves.toBe(true);
  await page.waitForTimeout(300);
  await screenshot(page, 'rounds-import-bad-1366');
  await page.locator('.ant-modal input[type=file]').setInputFiles(await householdSheet('good.xlsx', [
    ['东湖小区', 5, 1, 301, '赵敏', '13900000031', '是'], ['东湖小区', 3, 1, 101, '李秀英', '13800000099', '是'],
  ]));
  await poll(() => page.getByTestId('households-import-summary').textContent()).toBe('共 2 行:新增 1 户,更新 1 户。');
  await commit.click();
  await poll(() => row('households-table', '5-1-301').count()).toBe(1);
  const whole = (q: string) => app.api('households.list', { q }).map((h) => app.api('households.get', { id: h.id }));
  expect(whole('5-1-301').map((h) => [h.contact, h.phone, h.elderlyAlone])).toEqual([['赵敏', '13900000031', true]]);
  expect(whole('3-1-101').map((h) => h.phone)).toEqual(['13800000099']);
  expect([s.errors, s.outside]).toEqual([[], []]);
});
