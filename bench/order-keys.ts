/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { callApiSync } from '../db/api/call';
import type { ApiInput, ApiOutput, Method } from '../db/api/handlers';
import { openLedger } from '../db/open';
import { localOperatorId } from '../db/reference/catalog';
import { servedInChromium } from './browser';

/**
 * order_entry_keys: the keystrokes a 社区工作人员 needs for one household's 5-item phone order on
 * 订单登记, in Chromium against the real server: the household by the contact's initials, each good
 * by its initials (Enter, Enter takes quantity 1; one good of 2), Ctrl+Enter. The order must then be
 * in the round as typed, or the figure means nothing.
 */
export async function orderEntryKeys(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-keys-'));
  const ledger = openLedger(dir);
  const ok = <M extends Method>(method: M, input: ApiInput<M>): ApiOutput<M> => {
    const r = callApiSync({ ledger, userId: localOperatorId(ledger.db) }, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.data;
  };
  const login = { username: 'bench-grid', password: 'bench-pass-1' };
  ok('users.create', { ...login, displayName: '网格员', role: 'community' });
  const home = ok('households.create', { compound: '东湖小区', building: '3', unit: '2', room: '602', contact: '王建华' });
  const shop = ok('suppliers.create', { name: '惠民超市', kind: 'supermarket', certificates: (['license', 'supply', 'pass'] as const).map((kind) => ({ kind, validUntil: '2099-12-31' })) });
  const day = new Date().toISOString().slice(0, 10);
  const round = ok('rounds.create', {
    supplierId: shop.id, day, cutoff: new Date(Date.now() + 6 * 3600_000).toISOString(), compounds: ['东湖小区'],
    goods: [['大米', 4500], ['蔬菜包', 3000], ['鸡蛋', 2800], ['食用油', 6500], ['牛奶', 4800]].map(([name, price]) => ({ name: String(name), unit: '份', price: Number(price) })),
  });
  const { url, browser, stop } = await servedInChromium(dir, ledger);
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.request.post(`${url}api/auth.login`, { data: login });
    const page = await context.newPage();
    await page.goto(`${url}#/rounds`);
    const focusOn = (page: Page, testId: string) => page.waitForFunction((id) => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') === id, testId, { polling: 20 });
    await focusOn(page, 'order-household');
    let keys = 0;
    const type = async (text: string) => { keys += [...text].length; await page.keyboard.type(text); };
    const press = async (key: string) => { keys += 1; await page.keyboard.press(key); };
    const option = (text: string) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: text }).first().waitFor();
    await type('wjh');
    await option('王建华');
    await press('Enter');
    await focusOn(page, 'order-goods');
    for (const [typed, name, quantity] of [['d', '大米'], ['sc', '蔬菜包', '2'], ['j', '鸡蛋'], ['sy', '食用油'], ['n', '牛奶']]) {
      await type(typed);
      await option(name);
      await press('Enter');
      await focusOn(page, 'order-qty');
      if (quantity) await type(quantity);
      await press('Enter');
      await focusOn(page, 'order-goods');
    }
    await press('Control+Enter');
    await focusOn(page, 'order-household');
    const order = ok('orders.list', { roundId: round.id }).find((o) => o.householdId === home.id);
    const got = order?.lines.map((l) => `${l.name}×${l.quantity}`).join(' ');
    if (got !== '大米×1 蔬菜包×2 鸡蛋×1 食用油×1 牛奶×1') throw new Error(`order_entry_keys: the order is not what was typed (${got ?? 'none'})`);
    return keys;
  } finally {
    await stop();
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
