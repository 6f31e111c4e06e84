/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { callApi } from '../../db/api/call';
import { FixedClock } from '../../db/clock';
import { localOperatorId } from '../../db/reference/catalog';
import { openBrowser, openContext, screenshot, startApp, type App, type Session } from './harness';

/**
 * 下级报送 (#22): three street offices, each its own data folder and server, submit their daily reports
 * (one after the units' 15:00 deadline) and export the packages onto a "USB stick" (a folder). The
 * district imports the folder through its screen, sees who reported and who was late, matches a good
 * one office names otherwise, exports the 汇总表 (read back by openpyxl) and sends its own package up.
 */
let district: App;
let browser: Session;
const offices: App[] = [];
const clocks: FixedClock[] = [];
const stick = mkdtempSync(join(tmpdir(), 'usb-'));
const SHOTS = '/tmp/shots-district';

const OFFICES = [
  { name: '东湖街道办事处', code: '330106001000', issued: 120, at: '14:20' },
  { name: '青禾镇人民政府', code: '330106101000', issued: 200, at: '14:45', maskName: '一次性医用口罩' },
  { name: '西岭街道办事处', code: '330106002000', issued: 75, at: '15:40' },
];

async function office(o: (typeof OFFICES)[number]): Promise<App> {
  const clock = new FixedClock(new Date('2026-12-01T09:00:00+08:00'));
  clocks.push(clock);
  const app = await startApp({ clock });
  app.api('settings.update', { officeName: o.name, unitCode: o.code, superiorName: '青山区物资保障组', reportStartDay: '2026-12-01' });
  app.api('keys.create');
  const cat = app.api('categories.list')[0].id;
  const mask = app.api('items.create', { code: o.maskName ? 'FH09' : 'KZ01', name: o.maskName ?? '医用外科口罩', spec: '独立包装', categoryId: cat, unit: '只' });
  const source = app.api('sources.create', { name: '区物资保障组', type: 'allocation' });
  const site = app.api('checkpoints.create', { name: '核酸采样点', type: '核酸采样点' });
  const person = app.api('people.create', { name: '林晓雯', phone: '13800000001', checkpointId: site.id });
  app.api('docs.post', { type: 'receipt', sourceId: source.id, time: '2026-12-01T08:30:00+08:00', lines: [{ itemId: mask.id, quantity: 1000 }] });
  app.api('docs.post', { type: 'issue', checkpointId: site.id, personId: person.id, time: '2026-12-01T08:50:00+08:00', lines: [{ itemId: mask.id, quantity: o.issued }] });
  clock.set(`2026-12-01T${o.at}:00+08:00`);
  const sent = await callApi({ ledger: app.ledger, userId: localOperatorId(app.ledger.db) }, 'reports.daily.submit', { narrative: { filledBy: '马文静', reviewedBy: '高振宇', phone: '0571-88880000' }, formats: ['balance'] });
  if (!sent.ok) throw new Error(sent.error.message);
  const file = app.api('reports.package', { reportId: sent.data.id });
  writeFileSync(join(stick, file.fileName), Buffer.from(file.data, 'base64'));
  return app;
}

beforeAll(async () => {
  for (const o of OFFICES) offices.push(await office(o));
  // Beside the packages on the stick: the Excel files, which the folder import leaves alone.
  writeFileSync(join(stick, '东湖街道办事处-日报-2026-12-01.xlsx'), 'not a package');
  district = await startApp({ clock: new FixedClock(new Date('2026-12-01T16:05:00+08:00')) });
  district.api('settings.update', { officeName: '青山区物资保障组', unitCode: '330106000000', consolidates: true, unitDeadline: '15:00' });
  district.api('keys.create');
  const cat = district.api('categories.list')[0].id;
  district.api('items.create', { code: 'KZ01', name: '医用外科口罩', spec: '独立包装', categoryId: cat, unit: '只' });
  // Two units registered beforehand; the third on the screen below.
  for (const app of offices.slice(1)) {
    const s = app.api('settings.get');
    district.api('subUnits.create', { code: s.unitCode, name: s.officeName, fingerprint: app.api('keys.get')!.fingerprint, contact: '联络员', phone: '13900000000' });
  }
  browser = await openBrowser(district);
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const a of [...offices, district]) await a?.stop();
  rmSync(stick, { recursive: true, force: true });
});

test('the district registers a unit by keyboard, imports the stick’s folder, sees one unit late, matches a good, exports the 汇总表 and sends its package up', async () => {
  const { page } = browser;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${district.url}#/district?tab=units`);
  await page.getByTestId('unit-new').click();
  const first = offices[0];
  await page.getByTestId('unit-code').fill(first.api('settings.get').unitCode);
  await page.keyboard.press('Tab');
  await page.keyboard.type('东湖街道办事处');
  await page.keyboard.press('Tab');
  // Read out on the phone: typed in lower case without spaces.
  await page.keyboard.type(first.api('keys.get')!.fingerprint.replace(/ /g, '').toLowerCase());
  await page.keyboard.press('Enter');
  await expect.poll(() => district.api('subUnits.list').map((u) => u.name)).toContain('东湖街道办事处');
  await expect.poll(() => page.getByTestId('units-table').locator('tbody tr').count()).toBe(3);

  await page.goto(`${district.url}#/district`);
  await expect(page.locator('.ant-menu-item', { hasText: '下级报送' }).count()).resolves.toBe(1);
  await page.locator('[data-testid="packages-folder"]').locator('xpath=ancestor::span[contains(@class,"ant-upload")]//input[@type="file"]').first().setInputFiles(stick);
  await page.getByTestId('packages-summary').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('packages-summary').innerText()).toBe('导入完成:成功 3 个,替换 0 个,重复 0 个,未导入 0 个');
  // By unit code: 东湖 001, 西岭 002 (after 15:00), 青禾 101.
  await expect.poll(() => page.getByTestId('district-matrix').locator('tbody tr.ant-table-row').evaluateAll((rows) => rows.map((r) => [r.querySelector('td')?.textContent, r.querySelector('[data-testid^="cell-"]')?.textContent]))).toEqual([
    ['东湖街道办事处', '已报'], ['西岭街道办事处', '迟报'], ['青禾镇人民政府', '已报'],
  ]);
  // The same folder again: three duplicates, nothing doubled.
  await page.locator('[data-testid="packages-folder"]').locator('xpath=ancestor::span[contains(@class,"ant-upload")]//input[@type="file"]').first().setInputFiles(stick);
  await expect.poll(() => page.getByTestId('packages-summary').innerText()).toBe('导入完成:成功 0 个,替换 0 个,重复 3 个,未导入 0 个');
  await screenshot(page, 'district-matrix-1366');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'district-matrix-1920');

  await page.goto(`${district.url}#/district?tab=summary&day=2026-12-01`);
  await page.getByTestId('summary-unmatched').waitFor();
  await page.getByRole('button', { name: '物资对应' }).click();
  const picker = page.getByTestId('mapping-unmatched').locator('.ant-select').first();
  await picker.click();
  await page.keyboard.type('KZ01');
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: '医用外科口罩' }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('mapping-save').click();
  await page.getByText('各单位报送的物资都已对应').waitFor();

  await page.goto(`${district.url}#/district?tab=summary&day=2026-12-01`);
  await expect.poll(() => page.getByTestId('summary-table').locator('tbody tr.ant-table-row').count()).toBe(4);
  await page.setViewportSize({ width: 1366, height: 768 });
  await screenshot(page, 'district-summary-1366');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'district-summary-1920');

  const download = page.waitForEvent('download');
  await page.getByTestId('summary-export').click();
  const xlsx = join(SHOTS, '汇总表.xlsx');
  await (await download).saveAs(xlsx);
  const book = JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, '..', 'python', 'inspect_xlsx.py'), xlsx], { encoding: 'utf8' })) as Record<string, { rows: unknown[][]; cached: unknown[][] }>;
  const rows = book['汇总表'].rows.slice(3, 7);
  expect(rows.map((r) => r[4])).toEqual(['东湖街道办事处', '西岭街道办事处', '青禾镇人民政府', '合计']);
  expect(rows.slice(0, 3).map((r) => [r[6], r[7], r[11]])).toEqual([[1000, 120, 880], [1000, 75, 925], [1000, 200, 800]]);
  expect(book['汇总表'].cached[6].slice(5, 12)).toEqual([0, 3000, 395, 0, 0, 0, 2605]);

  const pkg = page.waitForEvent('download');
  await page.getByTestId('summary-submit').click();
  expect(await page.getByTestId('summary-submit-text').innerText()).toContain('汇总 3 个单位的报送');
  await page.getByTestId('summary-submit-ok').click();
  const file = join(SHOTS, 'district.slpkg');
  await (await pkg).saveAs(file);
  const verified = district.api('packages.verify', { fileName: 'district.slpkg', data: readFileSync(file).toString('base64') });
  expect(verified).toMatchObject({ ok: true, unit: { code: '330106000000', name: '青山区物资保障组' }, day: '2026-12-01', kind: 'daily' });
  expect(JSON.parse(readFileSync(file, 'utf8')).values.filter((v: { measure: string }) => v.measure === 'closing').map((v: { value: number }) => v.value)).toEqual([2605]);
  expect(browser.outside).toEqual([]);
  expect(browser.errors).toEqual([]);
}, 120_000);

test('an allocation goes down as a file, arrives at the office as a pre-filled receipt with a shortage and its reason, and its 签收 comes back', async () => {
  const { page } = browser;
  const mask = district.api('items.list', {}).find((i) => i.code === 'KZ01')!;
  const source = district.api('sources.create', { name: '市物资储备库', type: 'allocation' });
  district.api('docs.post', { type: 'receipt', sourceId: source.id, lines: [{ itemId: mask.id, quantity: 500 }] });
  const out = district.api('docs.post', { type: 'transfer_out', counterparty: '东湖街道办事处', note: '第二批', lines: [{ itemId: mask.id, quantity: 300 }] });
  await page.goto(`${district.url}#/documents?open=${out.id}`);
  const sent = page.waitForEvent('download');
  await page.getByTestId('doc-allocation').click();
  const allocation = join(SHOTS, 'allocation.slpkg');
  await (await sent).saveAs(allocation);

  const east = offices[0];
  clocks[0].set('2026-12-01T16:30:00+08:00');
  const clerk = await openContext(browser.browser, east, 'clerk');
  try {
    await clerk.page.setViewportSize({ width: 1366, height: 768 });
    await clerk.page.goto(`${east.url}#/receipt`);
    await clerk.page.getByTestId('alloc-open').locator('xpath=ancestor::span[contains(@class,"ant-upload")]//input[@type="file"]').first().setInputFiles(allocation);
    await clerk.page.getByTestId('alloc-lines').waitFor();
    await clerk.page.getByTestId('alloc-received').fill('280');
    await clerk.page.getByTestId('alloc-post').click();
    await clerk.page.getByText('实收与调拨不同,请填写原因').waitFor();
    await clerk.page.getByTestId('alloc-reason').fill('两盒受潮');
    await screenshot(clerk.page, 'allocation-receive-1366');
    const acked = clerk.page.waitForEvent('download');
    await clerk.page.getByTestId('alloc-post').click();
    const ack = join(SHOTS, 'ack.slpkg');
    await (await acked).saveAs(ack);
    const receipt = east.api('docs.list', { type: 'receipt', limit: 1 }).rows[0];
    expect(east.api('docs.get', { id: receipt.id }).lines.map((l) => [l.itemName, l.quantity])).toEqual([['医用外科口罩', 280]]);
    await clerk.page.getByTestId('alloc-history').waitFor();
    expect(clerk.errors).toEqual([]);

    // Back at the district: the 签收 goes in with the day's packages.
    rmSync(stick, { recursive: true, force: true });
    mkdirSync(stick);
    writeFileSync(join(stick, 'ack.slpkg'), readFileSync(ack));
    await page.goto(`${district.url}#/district`);
    await page.locator('[data-testid="packages-folder"]').locator('xpath=ancestor::span[contains(@class,"ant-upload")]//input[@type="file"]').first().setInputFiles(stick);
    await expect.poll(() => page.getByTestId('packages-summary').innerText()).toBe('导入完成:成功 1 个,替换 0 个,重复 0 个,未导入 0 个');
    await page.goto(`${district.url}#/district?tab=allocations`);
    await expect.poll(() => page.getByTestId('allocation-ack').innerText()).toContain('已签收 · 差异 1 项');
    expect(await page.getByTestId('allocation-ack').innerText()).toContain('医用外科口罩:调拨 300,实收 280 只(两盒受潮)');
    await screenshot(page, 'district-allocations-1920');
  } finally {
    await clerk.close();
  }
}, 120_000);
