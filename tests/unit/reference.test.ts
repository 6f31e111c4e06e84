import { afterEach, expect, test } from 'vitest';
import { tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

test('an item is stored with every field, scaled quantities and pinyin keys', () => {
  t = tempLedger();
  const cat = t.ok('categories.list').find((c) => c.name === '生活物资')!;
  const rice = t.ok('items.create', {
    name: '大米', spec: '5公斤/袋', categoryId: cat.id, unit: '公斤', packUnit: '袋', packFactor: '5', decimals: 3,
    minStock: '12.5', tracksBatches: false, durable: false, unitPrice: 420,
  });
  expect(rice).toEqual({
    id: 1, code: 'WZ0001', name: '大米', spec: '5公斤/袋', categoryId: cat.id, categoryName: '生活物资', unit: '公斤',
    packUnit: '袋', packFactor: 5, units: [{ unit: '袋', factor: 5 }], decimals: 3, minStock: 12.5, tracksBatches: false, durable: false, unitPrice: 420,
    active: true, pinyin: 'dami', initials: 'dm',
  });
  expect(t.ledger.db.prepare('SELECT * FROM items').all()).toEqual([
    {
      id: 1, code: 'WZ0001', name: '大米', spec: '5公斤/袋', category_id: cat.id, unit: '公斤', pack_unit: '袋',
      pack_factor: 5000, decimals: 3, min_stock: 12500, tracks_batches: 0, durable: 0, unit_price: 420, active: 1,
      pinyin: 'dami', initials: 'dm', created_at: '2026-11-28T02:00:00.000Z',
    },
  ]);
});

test('items are found by name, code, full pinyin and initials, best match first', () => {
  t = tempLedger();
  const cat = t.ok('categories.list')[0].id;
  t.ok('items.create', { code: 'A1', name: '医用外科口罩', categoryId: cat, unit: '只' });
  t.ok('items.create', { code: 'A2', name: 'KN95口罩', categoryId: cat, unit: '只' });
  t.ok('items.create', { code: 'A3', name: '口罩', categoryId: cat, unit: '只' });
  t.ok('items.create', { code: 'A4', name: '防护服', categoryId: cat, unit: '件' });
  const names = (q: string) => t.ok('items.list', { q }).map((i) => i.name);
  expect(names('kz')).toEqual(['口罩', '医用外科口罩', 'KN95口罩']);
  expect(names('yywkkz')).toEqual(['医用外科口罩']);
  expect(names('fanghu')).toEqual(['防护服']);
  expect(names('A4')).toEqual(['防护服']);
  expect(names('口罩')).toEqual(['口罩', '医用外科口罩', 'KN95口罩']);
  expect(names('kn95')).toEqual(['KN95口罩']);
  // Every code starts with A: one rank, then the shorter name first.
  expect(names('a')).toEqual(['口罩', '防护服', '医用外科口罩', 'KN95口罩']);
  // The kept search texts follow a renamed item.
  const gown = t.ok('items.list', { q: 'A4' })[0];
  t.ok('items.update', { id: gown.id, name: '隔离衣' });
  expect(names('fanghu')).toEqual([]);
  expect(names('gly')).toEqual(['隔离衣']);
});

test('updating and deactivating an item; duplicates and bad pack units refused', () => {
  t = tempLedger();
  const cat = t.ok('categories.list')[0].id;
  const a = t.ok('items.create', { code: 'A1', name: '手套', categoryId: cat, unit: '双' });
  t.ok('items.create', { code: 'A2', name: '鞋套', categoryId: cat, unit: '双' });
  expect(t.ok('items.update', { id: a.id, name: '医用手套', packUnit: '盒', packFactor: 100 })).toMatchObject({
    name: '医用手套', pinyin: 'yiyongshoutao', initials: 'yyst', packUnit: '盒', packFactor: 100,
  });
  expect(t.call('items.update', { id: a.id, code: 'A2' })).toEqual({ ok: false, error: { code: 'DUPLICATE', message: '物资编码“A2”已存在。' } });
  expect(t.call('items.create', { code: 'A3', name: 'x', categoryId: cat, unit: '个', packUnit: '箱' })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '包装单位和换算数量须同时填写(如 1 箱 = 20 盒)。' },
  });
  t.ok('items.update', { id: a.id, active: false });
  expect(t.ok('items.list').map((i) => i.code)).toEqual(['A2']);
  expect(t.ok('items.list', { includeInactive: true }).map((i) => i.code)).toEqual(['A1', 'A2']);
});

test('checkpoints with parents, people with their usual checkpoint first, sources with types', () => {
  t = tempLedger();
  const community = t.ok('checkpoints.create', { name: '东湖社区', type: '社区' });
  const compound = t.ok('checkpoints.create', { name: '东湖花园小区', type: '小区', parentId: community.id });
  expect(compound).toEqual({ id: 2, name: '东湖花园小区', type: '小区', parentId: 1, parentName: '东湖社区', active: true });
  expect(t.call('checkpoints.update', { id: community.id, parentId: compound.id })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '上级点位不能是它自己或它的下级。' },
  });
  const p1 = t.ok('people.create', { name: '王一鸣', phone: '13900000001' });
  const p2 = t.ok('people.create', { name: '陈思远', phone: '13900000002', checkpointId: compound.id });
  expect(t.ok('people.list', { checkpointId: compound.id }).map((p) => p.id)).toEqual([p2.id, p1.id]);
  expect(t.ok('people.list', { q: 'csy' })).toEqual([
    { id: p2.id, name: '陈思远', phone: '13900000002', checkpointId: 2, checkpointName: '东湖花园小区', active: true },
  ]);
  expect(t.ok('sources.create', { name: '区物资保障组', type: 'allocation' })).toEqual({ id: 1, name: '区物资保障组', type: 'allocation', active: true });
  expect(t.call('sources.create', { name: '区物资保障组', type: 'purchase' })).toMatchObject({ ok: false, error: { code: 'DUPLICATE' } });
  const shop = t.ok('sources.create', { name: '青禾药房', type: 'purchase' });
  expect(t.ok('sources.update', { id: shop.id, name: '青禾大药房', active: false })).toEqual({ id: shop.id, name: '青禾大药房', type: 'purchase', active: false });
  expect(t.ok('sources.list', { q: 'qhdyf' })).toEqual([]);
  expect(t.call('sources.update', { id: shop.id, name: '区物资保障组' })).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: '来源“区物资保障组”已存在。' } });
  expect(t.call('people.create', { name: '赵', phone: 'abc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

test('categories are an editable list; users carry a role', () => {
  t = tempLedger();
  const added = t.ok('categories.create', { name: '防汛物资' });
  expect(added).toEqual({ id: 9, name: '防汛物资', sort: 90, active: true });
  expect(t.ok('categories.update', { id: added.id, name: '防汛抢险物资' })).toEqual({ id: 9, name: '防汛抢险物资', sort: 90, active: true });
  expect(t.ok('users.create', { username: 'clerk1', displayName: '保管员甲', role: 'clerk', password: 'store-room-7' })).toEqual({
    id: 2, username: 'clerk1', displayName: '保管员甲', role: 'clerk', phone: '', active: true, builtIn: false, locked: false,
  });
  expect(t.ok('stores.list')).toEqual([{ id: 1, name: '办事处库房', isDefault: true, active: true }]);
});
