import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/demo-data';
import type { App } from './harness';

/* What the 居民代购 e2e files start from, and the small waits they share. */

export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });
/** ¥ from fen, in integers (as the screens write it). */
export const money = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
/** The test id of the box that has the focus. */
export const focusedIn = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? '');
/** Waits for the open list's active option to be `text`. */
export const activeOption = (page: Page, text: string) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: text }).first().waitFor({ timeout: 10_000 });

/** Today in the office (Asia/Shanghai), as YYYY-MM-DD. */
export const officeDay = (at = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);

/**
 * 东湖小区's 3-2-602 王建华, 3-1-101 李秀英 (独居老人) and 10-1-201 张伟, 青禾苑's 1-501 陈静; 惠民超市东湖店
 * with valid certificates; today's round for 东湖小区 closing in three hours (大米, 蔬菜包, 鸡蛋, 食用油, 牛奶);
 * a 社区工作人员 account "community". Returns the round's id.
 */
export function seedEastLake(app: App): number {
  const h = (building: string, unit: string, room: string, contact: string, extra: Record<string, unknown> = {}) =>
    app.api('households.create', { community: '东湖社区', compound: '东湖小区', building, unit, room, contact, phone: '13800000012', ...extra });
  h('3', '2', '602', '王建华');
  h('3', '1', '101', '李秀英', { elderlyAlone: true });
  h('10', '1', '201', '张伟');
  app.api('households.create', { compound: '青禾苑', building: '1', room: '501', contact: '陈静' });
  const shop = app.api('suppliers.create', {
    name: '惠民超市东湖店', kind: 'supermarket', certificates: (['license', 'supply', 'pass'] as const).map((kind) => ({ kind, validUntil: '2099-12-31' })),
  });
  const now = new Date();
  const roundId = app.api('rounds.create', {
    supplierId: shop.id, day: officeDay(now), cutoff: new Date(now.getTime() + 3 * 3600_000).toISOString(), compounds: ['东湖小区'],
    goods: [
      { name: '大米', spec: '5kg', unit: '袋', price: 4500 },
      { name: '蔬菜包', unit: '份', price: 3000, contents: '白菜 1 棵、土豆 2 斤、西红柿 1 斤', perHousehold: 2 },
      { name: '鸡蛋', spec: '30枚', unit: '盒', price: 2800 },
      { name: '食用油', spec: '5L', unit: '桶', price: 6990 },
      { name: '牛奶', spec: '250ml×12', unit: '箱', price: 4850 },
    ],
  }).id;
  app.api('users.create', { username: 'community', displayName: '周晓燕', role: 'community', password: DEMO_PASSWORD });
  return roundId;
}
