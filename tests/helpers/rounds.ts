import type { TestLedger } from './ledger';

/** Two compounds of fictional households, a supermarket with valid certificates, and its price list. */
export function seedRound(t: TestLedger, cutoff = '2026-12-03T14:30:00+08:00') {
  const h = (compound: string, building: string, unit: string, room: string, contact: string, extra: Record<string, unknown> = {}) =>
    t.ok('households.create', { community: '东湖社区', compound, building, unit, room, contact, phone: '13800000012', ...extra });
  const homes = [
    h('东湖小区', '3', '2', '602', '王建华'),
    h('东湖小区', '3', '1', '101', '李秀英', { elderlyAlone: true }),
    h('东湖小区', '10', '1', '201', '张伟'),
    h('东湖小区', '2', '1', '302', '刘芳', { chronic: true, medicines: '二甲双胍' }),
    h('青禾苑', '1', '', '501', '陈静'),
  ];
  const shop = t.ok('suppliers.create', {
    name: '惠民超市东湖店', kind: 'supermarket', contact: '赵经理', phone: '13900000001',
    certificates: [{ kind: 'license', validUntil: '2030-12-31' }, { kind: 'supply', validUntil: '2026-12-31' }, { kind: 'pass', validUntil: '2026-12-10' }],
  });
  const round = t.ok('rounds.create', {
    supplierId: shop.id, day: cutoff.slice(0, 10), cutoff, compounds: ['东湖小区'],
    goods: [
      { name: '大米', spec: '5kg', unit: '袋', price: 4500 },
      { name: '蔬菜包', unit: '份', price: 3000, contents: '白菜 1 棵、土豆 2 斤、西红柿 1 斤', perHousehold: 2 },
      { name: '鸡蛋', spec: '30枚', unit: '盒', price: 2800 },
    ],
  });
  const [rice, veg, eggs] = round.goods;
  return { homes, shop, round, rice, veg, eggs };
}
