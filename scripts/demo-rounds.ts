import type { ApiInput, ApiOutput, Method } from '../db/api/handlers';
import type { FixedClock } from '../db/clock';
import { addDays, zonedInstant } from '../db/time';

/**
 * The demo office's 居民代购 (all fictional): 东湖小区's households, a supermarket with valid
 * certificates, and today's round with the morning's phone orders, still open for more.
 */
type Ok = <M extends Method>(method: M, input?: ApiInput<M>) => ApiOutput<M>;

const CONTACTS = ['王建华', '李秀英', '张伟', '刘芳', '陈静', '杨勇', '赵敏', '黄磊', '周强', '吴桂兰', '徐明', '孙丽', '马超', '朱红', '胡斌', '郭玲', '何军', '高燕', '林涛', '罗慧'];

export function buildDemoRound(ok: Ok, clock: FixedClock, today: string, tz: string, end: Date): void {
  const homes = CONTACTS.map((contact, i) => ok('households.create', {
    community: '青禾社区', compound: '东湖小区', building: String(1 + (i % 4)), unit: String(1 + (Math.floor(i / 4) % 2)), room: `${1 + Math.floor(i / 8)}0${1 + (i % 2)}`,
    contact, phone: `1380571${String(1000 + i * 37).slice(0, 4)}`, elderlyAlone: i % 7 === 1, chronic: i % 6 === 3, ...(i % 6 === 3 ? { medicines: '硝苯地平缓释片' } : {}),
  }));
  const shop = ok('suppliers.create', {
    name: '惠民超市青禾店', kind: 'supermarket', contact: '赵经理', phone: '0571-8800 5678',
    certificates: (['license', 'supply', 'pass'] as const).map((kind) => ({ kind, validUntil: addDays(today, 60) })),
  });
  // Opened at eight in the morning (or now, if the demo ends earlier), its cut-off still ahead.
  const morning = zonedInstant(today, '08:00', tz);
  clock.set(morning.getTime() < end.getTime() ? morning : end);
  const round = ok('rounds.create', {
    supplierId: shop.id, day: today, cutoff: zonedInstant(today, '14:30', tz).toISOString(), compounds: ['东湖小区'],
    goods: [
      { name: '大米', spec: '5kg', unit: '袋', price: 4500 },
      { name: '蔬菜包', unit: '份', price: 3000, contents: '白菜 1 棵、土豆 2 斤、西红柿 1 斤、青椒 半斤', perHousehold: 2 },
      { name: '鸡蛋', spec: '30枚', unit: '盒', price: 2800 },
      { name: '食用油', spec: '5L', unit: '桶', price: 6990 },
      { name: '牛奶', spec: '250ml×12', unit: '箱', price: 4850 },
      { name: '挂面', spec: '1kg', unit: '包', price: 880 },
    ],
  });
  // The morning's calls, one every ten minutes from 08:30, as long as the demo's "now" is later.
  homes.slice(0, 12).forEach((h, i) => {
    const at = zonedInstant(today, `${String(8 + Math.floor((30 + i * 10) / 60)).padStart(2, '0')}:${String((30 + i * 10) % 60).padStart(2, '0')}`, tz);
    if (at.getTime() > end.getTime()) return;
    clock.set(at);
    const lines = round.goods.filter((_, g) => (i + g) % 3 === 0).map((g) => ({ goodsId: g.id, quantity: 1 + ((i + g.id) % 2) }));
    ok('orders.record', { roundId: round.id, householdId: h.id, lines: lines.length ? lines : [{ goodsId: round.goods[0].id, quantity: 1 }] });
  });
}
