/// <reference lib="dom" />
import { afterAll, beforeAll, expect, test } from 'vitest';
import { callApiSync } from '../../db/api/call';
import { localOperatorId } from '../../db/reference/catalog';
import { openBrowser, pick, startApp, type App, type Session } from './harness';
import { atBothSizes } from './rounds-paper';

/**
 * 免费发放 (#21): the clerk gives 爱心菜包 from the warehouse to every household of a compound through
 * the screens; the ledger refuses while stock is short, in its words; one household is taken out; the
 * hand-out posts exactly one issue slip to the checkpoint for the sum, the stock goes down by exactly
 * that, the ledger still verifies, and the sheet for the doors says 免费. One server, one browser.
 */
let app: App;
let s: Session;
const ids = { mask: 0, rice: 0, site: 0 };

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

beforeAll(async () => {
  app = await startApp();
  const api = app.api;
  const cat = (name: string) => api('categories.list').find((c) => c.name === name)!.id;
  ids.mask = api('items.create', { name: '医用外科口罩', categoryId: cat('防护用品'), unit: '只' }).id;
  ids.rice = api('items.create', { name: '大米', spec: '东北粳米', categoryId: cat('生活物资'), unit: '公斤', decimals: 3 }).id;
  const donation = api('sources.create', { name: '青禾爱心企业', type: 'donation' });
  // 7 masks: two each for four households is one too many.
  api('docs.post', { type: 'receipt', sourceId: donation.id, lines: [{ itemId: ids.mask, quantity: 7 }, { itemId: ids.rice, quantity: '100' }] });
  ids.site = api('checkpoints.create', { name: '东湖小区核酸采样点', type: '核酸采样点' }).id;
  api('people.create', { name: '林晓雯', phone: '13800000001', checkpointId: ids.site });
  for (const [building, room, contact] of [['3', '602', '王建华'], ['3', '101', '李秀英'], ['10', '201', '张伟'], ['10', '502', '赵敏']]) {
    api('households.create', { compound: '东湖小区', building, unit: '1', room, contact, phone: '13800000012' });
  }
  api('households.create', { compound: '青禾苑', building: '1', room: '501', contact: '陈静' });
  s = await openBrowser(app, { as: 'clerk' });
  await s.page.setViewportSize({ width: 1366, height: 768 });
});
afterAll(async () => {
  await s?.close();
  await app?.stop();
});

const option = (text: string) => s.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: text }).first();
const rows = (testid: string) => s.page.getByTestId(testid).locator('tr.ant-table-row');
const cells = (testid: string) => rows(testid).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
const confirmBox = () => s.page.locator('.ant-modal-confirm');
test('the clerk makes an 爱心菜包 list from the screens, one household is taken out, the hand-out posts ONE slip for the sum; the sheet says 免费', async () => {
  const { page } = s;
  await page.goto(`${app.url}#/rounds?tab=rounds`);
  await page.getByTestId('round-free').click();
  await page.getByTestId('free-form').waitFor();
  await expect(page.locator('[data-testid=free-name] input, input[data-testid=free-name]').first().inputValue()).resolves.toBe('爱心菜包');
  await page.getByTestId('free-compounds').click();
  await page.keyboard.type('东湖');
  await option('东湖小区').waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await pick(page, page.getByTestId('free-checkpoint'), '东湖', '东湖小区核酸采样点');
  await pick(page, page.getByTestId('free-person'), '林晓雯', '林晓雯');
  await pick(page, page.getByTestId('free-item').nth(0), '口罩', '医用外科口罩');
  await page.getByTestId('free-qty').nth(0).fill('2');
  await page.getByTestId('free-add-item').click();
  await pick(page, page.getByTestId('free-item').nth(1), '大米', '大米');
  await page.getByTestId('free-qty').nth(1).fill('5');
  // Four households in 东湖小区: the form says what the slip would carry.
  await poll(() => cells('free-items').then((r) => r.map((c) => c[3]))).toEqual(['8 只', '20 公斤']);
  await expect(page.getByTestId('free-households-hint').textContent()).resolves.toContain('共 4 户');
  expect(await atBothSizes(page, 'rounds-free-form', () => page.getByTestId('free-items').waitFor())).toEqual([]);
  await page.getByTestId('free-save').click();

  // The list: every household of the compound, what each gets; the sums per item.
  await poll(() => rows('free-households').count()).toBe(4);
  const round = app.api('rounds.list').find((r) => r.kind === 'free')!;
  expect(page.url()).toContain(`tab=free&round=${round.id}`);
  expect([round.note, round.compounds, round.goods.map((g) => [g.name, g.perHousehold, g.price])]).toEqual(['爱心菜包', ['东湖小区'], [['医用外科口罩', 2, 0], ['大米', 5, 0]]]);
  await poll(() => cells('free-totals').then((r) => r.map((c) => [c[0], c[4]]))).toEqual([['医用外科口罩', '8'], ['大米 东北粳米', '20']]);

  // 8 masks asked of 7: the confirm names where it goes; the ledger refuses, and the screen says what it said.
  await page.getByTestId('free-distribute').click();
  await poll(() => confirmBox().getByTestId('free-distribute-text').textContent()).toContain('出库到 东湖小区核酸采样点,领取人 林晓雯');
  await expect(confirmBox().getByTestId('free-distribute-line').allTextContents()).resolves.toEqual(['医用外科口罩 8 只', '大米 东北粳米 20 公斤']);
  await confirmBox().getByTestId('free-distribute-ok').click();
  // The same call made here is refused the same way (and writes nothing either).
  const refusal = callApiSync({ ledger: app.ledger, userId: localOperatorId(app.ledger.db) }, 'rounds.distribute', { roundId: round.id });
  expect(refusal).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK', message: expect.stringContaining('医用外科口罩') } });
  await poll(() => page.getByTestId('free-refused').textContent()).toBe(refusal.ok ? '' : refusal.error.message);
  expect(app.api('docs.list', { type: 'issue' }).rows).toEqual([]);

  // The clerk takes a household that is away out of the list.
  await rows('free-households').filter({ hasText: '3-1-101' }).getByTestId('free-takeout').click();
  await poll(() => confirmBox().textContent()).toContain('将 东湖小区 3-1-101 李秀英 移出发放名单?');
  await confirmBox().getByTestId('free-takeout-ok').click();
  await poll(() => rows('free-households').filter({ hasText: '3-1-101' }).getByTestId('free-out-tag').count()).toBe(1);
  await poll(() => cells('free-totals').then((r) => r.map((c) => c[4]))).toEqual(['6', '15']);

  // 6 masks of 7 go out, on one slip.
  await page.getByTestId('free-distribute').click();
  await expect(confirmBox().getByTestId('free-distribute-line').allTextContents()).resolves.toEqual(['医用外科口罩 6 只', '大米 东北粳米 15 公斤']);
  await poll(() => confirmBox().getByTestId('free-distribute-text').textContent()).toContain('入户发放 3 户');
  expect(await atBothSizes(page, 'rounds-free-confirm', () => confirmBox().waitFor())).toEqual([]);
  await confirmBox().getByTestId('free-distribute-ok').click();
  await poll(() => page.getByTestId('free-slip').textContent()).toMatch(/^已发放出库:出库单 CK\d{8}-\d{3}/);

  const slips = app.api('docs.list', { type: 'issue' }).rows;
  expect(slips.map((d) => [d.checkpointName, d.personName, d.state])).toEqual([['东湖小区核酸采样点', '林晓雯', 'posted']]);
  const doc = app.api('docs.get', { id: slips[0].id });
  expect(doc.lines.map((l) => [l.itemName, l.quantity])).toEqual([['医用外科口罩', 6], ['大米', 15]]);
  await expect(page.getByTestId('free-slip').textContent()).resolves.toContain(doc.number);
  await expect(page.getByTestId('free-slip-link').getAttribute('href')).resolves.toBe(`#/documents?open=${doc.id}`);
  expect(app.api('stock.list').filter((r) => [ids.mask, ids.rice].includes(r.itemId)).map((r) => [r.name, r.quantity])).toEqual([['医用外科口罩', 1], ['大米', 85]]);
  expect(app.api('ledger.verify').ok).toBe(true);
  await poll(() => page.getByTestId('free-done-tag').count()).toBe(1);
  expect(await atBothSizes(page, 'rounds-free-done', () => page.getByTestId('free-households').waitFor())).toEqual([]);

  // The sheet for the doors: the free distribution's own title, 免费 where the money would be.
  await page.getByTestId('print-preview').click();
  const srcdoc = async () => (await page.getByTestId('print-preview-frame').getAttribute('srcdoc')) ?? '';
  await poll(srcdoc).toContain('爱心菜包入户发放单');
  const sheet = await srcdoc();
  expect(sheet).toContain('免费');
  expect(sheet).not.toContain('应付合计');
  await page.keyboard.press('Escape');

  // The slip opens on 单据.
  await page.getByTestId('free-slip-link').click();
  await poll(() => page.locator('.ant-drawer').textContent()).toContain(doc.number);

  // The rounds list marks it 免费; 订单登记, 收货核对 and 收款 do not offer it.
  await page.goto(`${app.url}#/rounds?tab=rounds`);
  await poll(() => rows('rounds-table').filter({ hasText: round.number }).getByTestId('round-free-tag').textContent()).toBe('免费');
  for (const [tab, none] of [['orders', 'order-no-round'], ['gate', 'gate-none'], ['settle', 'settle-none']]) {
    await page.goto(`${app.url}#/rounds?tab=${tab}&round=${round.id}`);
    await page.getByTestId(none).waitFor();
  }
  expect([s.errors, s.outside]).toEqual([[], []]);
});
