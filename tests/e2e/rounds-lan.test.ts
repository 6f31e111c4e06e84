/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { callApi } from '../../db/api/call';
import { localOperatorId } from '../../db/reference/catalog';
import { DEMO_PASSWORD } from '../../scripts/demo-data';
import { openBrowser, openContext, startApp, type App, type Session } from './harness';
import { atBothSizes, SHOTS } from './rounds-paper';

/**
 * 居民代购 over the LAN (#21): two 社区工作人员 at two PCs (two browser contexts on the same server at
 * once) take 30 households' phone orders by keyboard alone, some households calling twice (merged into
 * one order, whoever takes the second call); the ledger ends with exactly what was typed. Then the same
 * round on the 批次 tab: 修改批次, 从报价单导入, 匿名化, and 收货核对 redone from what was done.
 */
let app: App;
let browser: Session;
const staff: Session[] = [];
let roundId = 0;

const GOODS = [
  { name: '大米', spec: '5kg', unit: '袋', price: 4500, keys: 'd' },
  { name: '蔬菜包', unit: '份', price: 3000, perHousehold: 2, keys: 'sc' },
  { name: '鸡蛋', spec: '30枚', unit: '盒', price: 2800, keys: 'j' },
  { name: '食用油', spec: '5L', unit: '桶', price: 6990, keys: 'sy' },
  { name: '牛奶', spec: '250ml×12', unit: '箱', price: 4850, keys: 'n' },
] as const;
type Call = { home: number; lines: [goods: number, quantity: number][] };
/** Household h lives at building ⌊h/5⌋+1, unit 1, room (h mod 5 + 1)01: what staff type to find it. */
const address = (h: number) => `${Math.floor(h / 5) + 1}-1-${(h % 5) + 1}01`;
const NAMES = [...'赵钱孙李周吴郑王冯陈'].flatMap((x) => ['建华', '秀英', '伟'].map((y) => x + y));
/** A first call of every household (one to three goods, 蔬菜包 at most one so a second call stays within its limit of two). */
const first = (home: number): Call => ({
  home,
  lines: GOODS.flatMap((_, g): [number, number][] => ((home + g) % 3 === 0 || g === home % 5 ? [[g, g === 1 ? 1 : 1 + ((home * 7 + g) % 3)]] : [])),
});
/** Each PC takes 15 households, then a second call of two households the other PC took first. */
const PLAN: Call[][] = [
  [...Array.from({ length: 15 }, (_, h) => first(h)), { home: 20, lines: [[2, 2]] }, { home: 21, lines: [[1, 1], [4, 1]] }],
  [...Array.from({ length: 15 }, (_, h) => first(h + 15)), { home: 3, lines: [[2, 2]] }, { home: 4, lines: [[0, 1]] }],
];

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const focused = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? '');
const activeOption = (page: Page, text: string) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: text }).first().waitFor({ timeout: 15_000 });

beforeAll(async () => {
  app = await startApp();
  for (let h = 0; h < 30; h++) {
    const [building, unit, room] = address(h).split('-');
    app.api('households.create', { compound: '东湖小区', building, unit, room, contact: NAMES[h], phone: `139000000${String(h).padStart(2, '0')}` });
  }
  const shop = app.api('suppliers.create', { name: '惠民超市东湖店', kind: 'supermarket', certificates: (['license', 'supply', 'pass'] as const).map((kind) => ({ kind, validUntil: '2099-12-31' })) });
  const now = new Date();
  roundId = app.api('rounds.create', {
    supplierId: shop.id, day: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now), cutoff: new Date(now.getTime() + 3 * 3600_000).toISOString(),
    compounds: ['东湖小区'], goods: GOODS.map(({ keys: _, ...g }) => g),
  }).id;
  for (const [username, displayName] of [['community1', '周晓燕'], ['community2', '吴建国']]) {
    app.api('users.create', { username, displayName, role: 'community', password: DEMO_PASSWORD });
  }
  browser = await openBrowser(app, { as: null });
  for (const username of ['community1', 'community2']) {
    const pc = await openContext(browser.browser, app, username);
    // Every mouse press on the page is counted: the orders must be taken without one.
    await pc.context.addInitScript(() => {
      const w = window as unknown as { mousePresses: number };
      w.mousePresses = 0;
      for (const type of ['mousedown', 'pointerdown']) window.addEventListener(type, () => void w.mousePresses++, true);
    });
    await pc.page.setViewportSize({ width: 1366, height: 768 });
    staff.push(pc);
  }
});
afterAll(async () => {
  for (const pc of staff) await pc.close();
  await browser?.close();
  await app?.stop();
});

/** One PC's calls, by keyboard alone: address → Enter → initials → Enter → quantity → Enter … → Ctrl+Enter. */
async function takeCalls(page: Page, calls: Call[]) {
  for (const [i, call] of calls.entries()) await takeCall(page, call).catch(async (err: Error) => {
    await page.screenshot({ path: join(SHOTS, `lan-failed-${call.home}.png`) });
    const box = await page.evaluate(() => [(document.querySelector('[data-testid=order-household] input') as HTMLInputElement | null)?.value,
      document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')?.textContent].join(' | '));
    throw new Error(`call ${i + 1} (${address(call.home)}): ${err.message} [${box}]`);
  });
}
async function takeCall(page: Page, call: Call) {
  {
    await page.keyboard.type(address(call.home));
    await page.keyboard.press('Enter');
    await poll(() => focused(page)).toBe('order-goods');
    for (const [g, quantity] of call.lines) {
      await page.keyboard.type(GOODS[g].keys);
      await activeOption(page, GOODS[g].name);
      await page.keyboard.press('Enter');
      await poll(() => focused(page)).toBe('order-qty');
      if (quantity > 1) await page.keyboard.type(String(quantity));
      await page.keyboard.press('Enter');
      await poll(() => focused(page)).toBe('order-goods');
    }
    await page.keyboard.press('Control+Enter');
    await poll(() => focused(page)).toBe('order-household');
    await poll(() => page.getByTestId('order-recorded').textContent()).toContain(`${address(call.home)} ${NAMES[call.home]}`);
  }
}

test('two PCs take 30 households’ orders at once by keyboard alone; second calls merge; the ledger has exactly what was typed', async () => {
  await Promise.all(staff.map(async ({ page }) => {
    await page.goto(`${app.url}#/rounds`);
    await poll(() => focused(page)).toBe('order-household');
  }));
  const started = Date.now();
  await Promise.all(staff.map(({ page }, i) => takeCalls(page, PLAN[i])));
  console.log(`two PCs, ${PLAN.flat().length} calls: ${Date.now() - started} ms`);

  // What was typed, added up here from the plan.
  const typed = new Map<number, number[]>();
  for (const call of PLAN.flat()) {
    const q = typed.get(call.home) ?? GOODS.map(() => 0);
    for (const [g, n] of call.lines) q[g] += n;
    typed.set(call.home, q);
  }
  const orders = app.api('orders.list', { roundId });
  expect(orders.map((o) => o.address).sort()).toEqual(Array.from({ length: 30 }, (_, h) => address(h)).sort());
  const goods = app.api('rounds.get', { id: roundId }).goods;
  for (const o of orders) {
    const h = Array.from({ length: 30 }, (_, i) => i).find((i) => address(i) === o.address)!;
    const want = typed.get(h)!.flatMap((n, g) => (n ? [[goods[g].name, n]] : []));
    expect([o.address, o.lines.map((l) => [l.name, l.quantity])]).toEqual([o.address, want]);
    expect([o.address, o.requests]).toEqual([o.address, PLAN.flat().filter((c) => c.home === h).length]);
  }
  expect(orders.filter((o) => o.requests === 2).map((o) => o.address).sort()).toEqual([3, 4, 20, 21].map(address).sort());
  const c = app.api('rounds.consolidation', { roundId });
  const sums = GOODS.map((_, g) => [...typed.values()].reduce((n, q) => n + q[g], 0));
  expect(c.lines.map((l) => [l.name, l.quantity, l.amount])).toEqual(GOODS.flatMap((g, i) => (sums[i] ? [[g.name, sums[i], sums[i] * g.price]] : [])));
  expect([c.households, c.amount]).toEqual([30, GOODS.reduce((n, g, i) => n + sums[i] * g.price, 0)]);
  for (const pc of staff) {
    expect(await pc.page.evaluate(() => (window as unknown as { mousePresses: number }).mousePresses)).toBe(0);
    expect([pc.errors, pc.outside]).toEqual([[], []]);
  }
});

/** The supplier's 报价单 as a workbook: a title, the header, two goods, one bad price, the 合计 line. */
async function priceSheet(): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报价单');
  ws.addRow(['惠民超市东湖店 保供报价单']);
  ws.addRow(['商品名称', '规格', '单位', '单价', '套餐内容', '每户限购']);
  ws.addRow(['挂面', '1kg', '袋', 6.5, '', '']);
  ws.addRow(['蔬菜包', '', '份', '30', '白菜 1 棵、土豆 2 斤', 2]);
  ws.addRow(['猪肉', '', '斤', '时价', '', '']);
  ws.addRow(['合计', '', '', '', '', '']);
  const path = join(SHOTS, '报价单.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

test('the same round on 批次: 修改批次 (a good somebody ordered stays), 从报价单导入, 匿名化; 收货核对 redone from what was done', async () => {
  const { page } = staff[0];
  const rows = (testid: string) => page.getByTestId(testid).locator('tr.ant-table-row');
  const confirm = page.locator('.ant-modal-confirm');
  const round = app.api('rounds.get', { id: roundId });
  const milk = app.api('orders.list', { roundId }).filter((o) => o.lines.some((l) => l.name === '牛奶')).length;
  await page.goto(`${app.url}#/rounds?tab=rounds`);

  // 修改批次: taking out 牛奶 is refused in the ledger's words; the limit, a price and a new good go in, every line keeping its id.
  const edit = async () => {
    await rows('rounds-table').filter({ hasText: round.number }).getByTestId('round-edit').click();
    await page.getByTestId('round-edit-limit').fill('500');
    await page.getByTestId('goods-price').nth(2).fill('29');
    await page.getByTestId('goods-add').click();
    for (const [field, value] of [['name', '挂面'], ['unit', '袋'], ['price', '6.5']]) await page.getByTestId(`goods-${field}`).last().fill(value);
  };
  await edit();
  await rows('goods-editor').nth(4).getByRole('button', { name: /^删\s?除$/ }).click();
  await page.getByTestId('round-edit-save').click();
  await poll(() => page.getByTestId('round-edit-problem').textContent()).toBe(`牛奶 已有 ${milk} 户订购,不能从价目表中删除(可改价格或规格)。`);
  expect(await atBothSizes(page, 'rounds-edit', () => page.getByTestId('goods-editor').waitFor())).toEqual([]);
  await page.getByRole('button', { name: /^取\s?消$/ }).click();
  await edit();
  await page.getByTestId('round-edit-save').click();
  await poll(() => app.api('rounds.get', { id: roundId }).goods.length).toBe(6);
  const edited = app.api('rounds.get', { id: roundId });
  expect([edited.householdLimit, edited.goods.map((g) => [g.id, g.name, g.price])]).toEqual([50000, [
    ...round.goods.map((g) => [g.id, g.name, g.name === '鸡蛋' ? 2900 : g.price]), [expect.any(Number), '挂面', 650],
  ]]);

  // 从报价单导入 in 新开批次: the good rows fill the empty list; the bad one is listed with the ledger's reason; then 追加, then 替换.
  const file = await priceSheet();
  const read = await callApi({ ledger: app.ledger, userId: localOperatorId(app.ledger.db) }, 'rounds.goodsPreview', { fileName: '报价单.xlsx', data: readFileSync(file).toString('base64') });
  if (!read.ok) throw new Error(read.error.message);
  const preview = read.data;
  await page.getByTestId('round-new').click();
  const upload = page.locator('.ant-modal input[type=file]');
  await upload.setInputFiles(file);
  await poll(() => page.getByTestId('goods-import-summary').textContent()).toBe('报价单.xlsx:已导入 2 种商品,1 行有错误未导入。');
  await expect(page.getByTestId('goods-import-row-error').allTextContents()).resolves.toEqual(preview.rows.flatMap((r) => r.errors));
  const names = () => page.getByTestId('goods-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  await expect(names()).resolves.toEqual(['挂面', '蔬菜包']);
  await expect(page.getByTestId('goods-price').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).resolves.toEqual(['6.50', '30.00']);
  await upload.setInputFiles(file);
  await poll(() => page.getByTestId('goods-import-summary').textContent()).toContain('价目表中已有 2 种商品,替换还是追加在后面?');
  expect(await atBothSizes(page, 'rounds-import', () => page.getByTestId('goods-import-summary').waitFor())).toEqual([]);
  await page.getByTestId('goods-import-append').click();
  await poll(names).toEqual(['挂面', '蔬菜包', '挂面', '蔬菜包']);
  await upload.setInputFiles(file);
  await page.getByTestId('goods-import-replace').click();
  await poll(names).toEqual(['挂面', '蔬菜包']);
  await page.getByRole('button', { name: /^取\s?消$/ }).click();

  // 匿名化: a round delivered 40 days ago lets go of its household; the confirm says what it does, the screen which rounds it took.
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 40 * 86400_000));
  const old = app.api('rounds.create', { supplierId: round.supplierId!, day, cutoff: new Date(Date.now() + 3 * 3600_000).toISOString(), compounds: ['东湖小区'], goods: [{ name: '挂面', unit: '袋', price: 650 }] });
  app.api('orders.record', { roundId: old.id, householdId: app.api('households.list', { q: address(0) })[0].id, lines: [{ goodsId: old.goods[0].id, quantity: 1 }], afterCutoff: true });
  app.api('rounds.close', { id: old.id });
  await page.getByTestId('rounds-anonymise').click();
  await poll(() => confirm.getByTestId('rounds-anonymise-text').textContent()).toContain('已结单、配送日期已满 30 天的批次,将不再关联住户');
  await expect(confirm.textContent()).resolves.toContain('每次新开批次时,系统也会自动这样做。');
  expect(await atBothSizes(page, 'rounds-anonymise', () => confirm.waitFor())).toEqual([]);
  await confirm.getByTestId('rounds-anonymise-ok').click();
  await poll(() => page.getByTestId('rounds-anonymise-result').textContent()).toBe(`已匿名化 1 个批次:${old.number},共 1 张订单。`);
  expect([app.api('orders.list', { roundId: old.id }), app.api('rounds.consolidation', { roundId: old.id }).households]).toEqual([[], 1]);

  // 收货核对 done elsewhere (按比例, 大米 3 short, 小米 for two of the households short of it, an extras note) is redone here from what it was.
  app.api('rounds.close', { id: roundId });
  const rice = edited.goods.find((g) => g.name === '大米')!;
  const riceOrdered = app.api('rounds.consolidation', { roundId }).lines.find((l) => l.name === '大米')!.quantity;
  const base = { roundId, rule: 'prorata' as const, delivered: [{ goodsId: rice.id, quantity: riceOrdered - 3 }], extras: '多送 塑料袋 10 个' };
  app.api('rounds.handover', base);
  const shortOfRice = app.api('rounds.settlement', { roundId }).orders.filter((o) => o.lines.some((l) => l.goodsId === rice.id && l.gets < l.ordered));
  const to = shortOfRice.slice(-2).map((o) => o.orderId);
  app.api('rounds.handover', { ...base, substitutes: [{ replacesGoodsId: rice.id, name: '小米', unit: '袋', price: 800, quantity: 2, to }] });
  const before = app.api('rounds.settlement', { roundId });
  // A fresh page: what another PC did is read when a screen opens (nothing is pushed to this one).
  await page.goto('about:blank');
  await page.goto(`${app.url}#/rounds?tab=gate&round=${roundId}`);
  const at = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(before.handover!.at)).slice(5);
  await poll(() => page.getByTestId('gate-state').textContent()).toBe(`已于 ${at} 由 ${before.handover!.by || '—'} 核对`);
  await expect(page.getByTestId('gate-rule').locator('input[value=prorata]').isChecked()).resolves.toBe(true);
  await expect(page.getByTestId('gate-extras').inputValue()).resolves.toBe('多送 塑料袋 10 个');
  await expect(page.getByTestId('sub-name').inputValue()).resolves.toBe('小米');
  await expect(page.getByTestId('gate-short').allTextContents()).resolves.toEqual([`缺 3 袋 · ${shortOfRice.length} 户不足`]);
  expect(await atBothSizes(page, 'rounds-gate-redo', () => page.getByTestId('gate-substitutes').waitFor())).toEqual([]);
  await page.getByTestId('handover-confirm').click();
  await confirm.getByTestId('handover-ok').click();
  await poll(() => app.api('rounds.settlement', { roundId }).handover!.at).not.toBe(before.handover!.at);
  const after = app.api('rounds.settlement', { roundId });
  const gets = (x: typeof before) => x.orders.map((o) => [o.orderId, o.lines.map((l) => [l.name, l.gets])]);
  expect([after.handover!.rule, after.handover!.extras, after.substitutes.map((x) => x.takers), gets(after)])
    .toEqual([before.handover!.rule, before.handover!.extras, before.substitutes.map((x) => x.takers), gets(before)]);
  expect([staff[0].errors, staff[0].outside]).toEqual([[], []]);
});

test('the liaison’s 生活物资保供情况日报 of the day, read back by openpyxl, says what the round did', async () => {
  const day = app.api('rounds.get', { id: roundId }).day;
  // This office has no stock movement, so its reports would be owed only from today's office day (tomorrow's date after 15:00).
  app.api('settings.update', { reportStartDay: day });
  const res = await app.fetchAs('api/reports.export', {
    method: 'POST', headers: { 'sec-fetch-site': 'same-origin' }, body: JSON.stringify({ day, formats: ['supply'] }),
  }, 'liaison');
  const answer = (await res.json()) as { ok: boolean; data: { files: { fileName: string; data: string }[] }; error?: unknown };
  expect([res.status, answer.error]).toEqual([200, undefined]);
  const file = join(SHOTS, 'supply-report.xlsx');
  writeFileSync(file, Buffer.from(answer.data.files[0].data, 'base64'));
  const sheet = (JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, '..', 'python', 'inspect_xlsx.py'), file], { encoding: 'utf8' })) as Record<string, { rows: unknown[][]; cached: unknown[][] }>)['保供情况日报'];
  const s = app.api('rounds.settlement', { roundId });
  const round = app.api('rounds.get', { id: roundId });
  // Its one round: 30 households served, what they owe after the hand-over, none paid or delivered yet.
  expect(sheet.rows[3].slice(1, 12)).toEqual([round.number, '惠民超市东湖店', '东湖小区', '已核对', 30, 30, s.due / 100, 0, s.orders.filter((o) => o.specialNeeds).length, 30, 30]);
  expect(sheet.cached[4].slice(5, 8)).toEqual([30, 30, s.due / 100]);
});
