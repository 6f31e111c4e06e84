import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { FixedClock } from '../../db/clock';
import { migrations } from '../../db/migrations';
import { openLedger } from '../../db/open';
import { seedBasics, snapshot, tempLedger, testLedgerOn, type TestLedger } from '../helpers/ledger';
import { seedRound } from '../helpers/rounds';

let t: TestLedger;
afterEach(() => t?.close());

const at = (time: string) => `2026-12-03T${time}:00+08:00`;

test('a household is found the way staff say its address, or by the contact’s initials; buildings in numeric order', () => {
  t = tempLedger(at('09:00'));
  const { homes } = seedRound(t);
  const find = (q: string) => t.ok('households.list', { q }).map((h) => `${h.compound} ${h.address}`);
  expect(find('3-2-602')).toEqual(['东湖小区 3-2-602']);
  expect(find('3栋2单元602室')).toEqual(['东湖小区 3-2-602']);
  expect(find('3号楼602')).toEqual(['东湖小区 3-2-602']);
  expect(find('3栋101')).toEqual(['东湖小区 3-1-101']);
  expect(find('青禾 1-501')).toEqual(['青禾苑 1-501']);
  expect(find('wjh')).toEqual(['东湖小区 3-2-602']);
  expect(find('liuf')).toEqual(['东湖小区 2-1-302']);
  expect(find('201')).toEqual(['东湖小区 10-1-201']);
  // Typed with a Chinese input method in full width: the same flats.
  expect([find('３-２-６０２'), find('３－２－６０２'), find('３栋１０１'), find('青禾　１-５０１'), find('ＷＪＨ'), find('２０１')])
    .toEqual([['东湖小区 3-2-602'], ['东湖小区 3-2-602'], ['东湖小区 3-1-101'], ['青禾苑 1-501'], ['东湖小区 3-2-602'], ['东湖小区 10-1-201']]);
  expect(t.ok('households.list').map((h) => h.address)).toEqual(['2-1-302', '3-1-101', '3-2-602', '10-1-201', '1-501']);
  expect(homes[3]).toEqual({
    id: homes[3].id, community: '东湖社区', compound: '东湖小区', building: '2', unit: '1', room: '302', address: '2-1-302', contact: '刘芳',
    phone: '13800000012', elderlyAlone: false, limitedMobility: false, chronic: true, medicines: '二甲双胍', needs: '', active: true,
  });
  expect(t.call('households.create', { compound: '东湖小区', building: '3', unit: '2', room: '602' })).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: '住户“东湖小区 3-2-602”已存在。' } });
  expect(t.ok('households.compounds')).toEqual([{ compound: '东湖小区', households: 4 }, { compound: '青禾苑', households: 1 }]);
  // The order screen searches the round's compounds only: 1-501 is 青禾苑's, outside the round.
  const round = t.ok('rounds.list')[0];
  expect([t.ok('households.list', { q: '1-501' }).length, t.ok('households.list', { q: '1-501', roundId: round.id }).length, t.ok('households.list', { roundId: round.id }).length]).toEqual([1, 0, 4]);
});

test('a round does not open on an expired certificate unless the person confirms it; numbers follow the day', () => {
  t = tempLedger(at('09:00'));
  const { shop } = seedRound(t);
  const open = (extra = {}) => t.call('rounds.create', { supplierId: shop.id, day: '2026-12-11', cutoff: '2026-12-11T14:30:00+08:00', compounds: ['东湖小区'], goods: [{ name: '大米', unit: '袋', price: 4500 }], ...extra });
  expect(open()).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_PROBLEM', message: '惠民超市东湖店:通行证已于 2026-12-10 过期。请核实证照后再开批次(仍要开,请确认)。' } });
  const second = open({ certificatesChecked: true });
  expect(second).toMatchObject({ ok: true, data: { number: 'DG20261211-01', supplierName: '惠民超市东湖店', state: 'open', orders: 0 } });
  expect(open({ certificatesChecked: true, compounds: ['西园'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '小区“西园”还没有住户,请先登记或导入住户。' } });
});

test('an order is read back; a second request of the household merges into it with a note; limits name the numbers', () => {
  t = tempLedger(at('09:00'));
  const { homes, round, rice, veg, eggs } = seedRound(t);
  const first = t.ok('orders.record', { roundId: round.id, householdId: homes[0].id, lines: [{ goodsId: rice.id, quantity: 1 }, { goodsId: veg.id, quantity: 1 }], note: '电话' });
  expect(first.readBack).toBe('您订了:大米 5kg 1 袋、蔬菜包 1 份,合计 ¥75.00。');
  t.clock.set(at('11:05'));
  const merged = t.ok('orders.record', { roundId: round.id, householdId: homes[0].id, lines: [{ goodsId: veg.id, quantity: 1 }, { goodsId: eggs.id, quantity: 2 }] });
  expect(merged).toEqual({
    id: first.id, roundId: round.id, roundNumber: 'DG20261203-01', householdId: homes[0].id, compound: '东湖小区', address: '3-2-602',
    contact: '王建华', phone: '138****0012', requests: 2, note: '09:00 电话\n11:05 追加:蔬菜包 1、鸡蛋 2',
    lines: [
      { goodsId: rice.id, name: '大米', spec: '5kg', unit: '袋', price: 4500, quantity: 1, amount: 4500 },
      { goodsId: veg.id, name: '蔬菜包', spec: '', unit: '份', price: 3000, quantity: 2, amount: 6000 },
      { goodsId: eggs.id, name: '鸡蛋', spec: '30枚', unit: '盒', price: 2800, quantity: 2, amount: 5600 },
    ],
    total: 16100, readBack: '您订了:大米 5kg 1 袋、蔬菜包 2 份、鸡蛋 30枚 2 盒,合计 ¥161.00。',
  });
  const before = snapshot(t.ledger);
  expect(t.call('orders.record', { roundId: round.id, householdId: homes[0].id, lines: [{ goodsId: veg.id, quantity: 1 }] })).toMatchObject({
    ok: false, error: { code: 'LIMIT_EXCEEDED', message: '蔬菜包 每户限购 2 份:已订 2 份,登记后将为 3 份。' },
  });
  expect(t.call('orders.record', { roundId: round.id, householdId: homes[4].id, lines: [{ goodsId: rice.id, quantity: 1 }] })).toMatchObject({
    ok: false, error: { code: 'INVALID_INPUT', message: '青禾苑 1-501 不在采购批次 DG20261203-01 的小区内(东湖小区)。' },
  });
  expect(snapshot(t.ledger)).toEqual(before);
  const changed = t.ok('orders.change', { orderId: first.id, lines: [{ goodsId: eggs.id, quantity: 0 }, { goodsId: rice.id, quantity: 2 }] });
  expect([changed.lines.map((l) => [l.name, l.quantity]), changed.total, changed.note.split('\n')[2]]).toEqual([[['大米', 2], ['蔬菜包', 2]], 15000, '11:05 修改:鸡蛋 2→0、大米 1→2']);
});

test('a household limit counts the whole order', () => {
  t = tempLedger(at('09:00'));
  const { homes, shop, rice } = seedRound(t);
  const capped = t.ok('rounds.create', { supplierId: shop.id, day: '2026-12-04', cutoff: '2026-12-04T14:30:00+08:00', compounds: ['东湖小区'], householdLimit: 10000, goods: [{ name: '大米', spec: '5kg', unit: '袋', price: 4500 }] });
  t.ok('orders.record', { roundId: capped.id, householdId: homes[1].id, lines: [{ goodsId: capped.goods[0].id, quantity: 2 }] });
  expect(t.call('orders.record', { roundId: capped.id, householdId: homes[1].id, lines: [{ goodsId: capped.goods[0].id, quantity: 1 }] })).toMatchObject({
    ok: false, error: { code: 'LIMIT_EXCEEDED', message: '每户限额 ¥100.00:已订 ¥90.00,登记后将为 ¥135.00。' },
  });
  expect(t.call('orders.record', { roundId: capped.id, householdId: homes[1].id, lines: [{ goodsId: rice.id, quantity: 1 }] })).toMatchObject({
    ok: false, error: { code: 'INVALID_INPUT', message: `商品(编号 ${rice.id})不在采购批次 DG20261204-01 的价目表中。` },
  });
});

test('after the cut-off an order goes to the next round, good by good, unless the person keeps it in this one', () => {
  t = tempLedger(at('09:00'));
  const { homes, shop, round, rice, veg } = seedRound(t);
  t.clock.set(at('14:31'));
  expect(t.call('orders.record', { roundId: round.id, householdId: homes[1].id, lines: [{ goodsId: rice.id, quantity: 1 }] })).toMatchObject({
    ok: false, error: { code: 'AFTER_CUTOFF', message: '采购批次 DG20261203-01 已于 14:30 截单,东湖小区还没有下一批次。请新开批次,或确认“截单后仍计入本批次”。' },
  });
  const next = t.ok('rounds.create', { supplierId: shop.id, day: '2026-12-04', cutoff: '2026-12-04T14:30:00+08:00', compounds: ['东湖小区'], goods: [{ name: '大米', spec: '5kg', unit: '袋', price: 4600 }] });
  const moved = t.ok('orders.record', { roundId: round.id, householdId: homes[1].id, lines: [{ goodsId: rice.id, quantity: 1 }] });
  expect([moved.roundNumber, moved.movedFrom, moved.lines.map((l) => [l.goodsId, l.price]), moved.note]).toEqual(['DG20261204-01', 'DG20261203-01', [[next.goods[0].id, 4600]], '14:31 由 DG20261203-01 转入(截单后登记)']);
  expect(t.call('orders.record', { roundId: round.id, householdId: homes[1].id, lines: [{ goodsId: veg.id, quantity: 1 }] })).toMatchObject({
    ok: false, error: { code: 'AFTER_CUTOFF', message: '采购批次 DG20261203-01 已于 14:30 截单;下一批次 DG20261204-01 的价目表没有:蔬菜包。请在该批次重新选择商品,或确认“截单后仍计入本批次”。' },
  });
  const kept = t.ok('orders.record', { roundId: round.id, householdId: homes[1].id, lines: [{ goodsId: veg.id, quantity: 1 }], afterCutoff: true });
  expect([kept.roundNumber, kept.movedFrom]).toEqual(['DG20261203-01', undefined]);
  t.ok('rounds.close', { id: round.id });
  expect(t.call('orders.change', { orderId: kept.id, lines: [{ goodsId: veg.id, quantity: 2 }], afterCutoff: true })).toMatchObject({
    ok: false, error: { code: 'ROUND_CLOSED', message: '采购批次 DG20261203-01 已结单,订单不能再修改。' },
  });
});

test('resident purchases never touch the stock ledger', () => {
  t = tempLedger(at('09:00'));
  const stockTables = () => { const s = snapshot(t.ledger); return [s.movements, s.stock, s.documents, s.holdings]; };
  const before = stockTables();
  const { homes, round, rice } = seedRound(t);
  t.ok('orders.record', { roundId: round.id, householdId: homes[0].id, lines: [{ goodsId: rice.id, quantity: 3 }] });
  t.ok('rounds.close', { id: round.id });
  expect(stockTables()).toEqual(before);
});

test('migration 0018 rebuilds users in place for the 社区工作人员 role: every account, index and reference kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-0018-'));
  try {
    const clock = new FixedClock(new Date(at('09:00')));
    const old = testLedgerOn(openLedger(dir, { clock, migrations: migrations.filter((m) => m.version < 18) }), clock);
    const s = seedBasics(old);
    old.ok('users.create', { username: 'clerk1', displayName: '孙晓梅', role: 'clerk', password: 'clerk-pass-1' });
    // A receipt as release 17 wrote it (today's posting code reads tables of later migrations): its operator the local one.
    const store = old.ledger.db.prepare('SELECT id FROM stores LIMIT 1').pluck().get() as number;
    const slip = { id: Number(old.ledger.db.prepare(`INSERT INTO documents (type, number, state, occurred_at, business_date, store_id, source_id, checkpoint_id, person_id, counterparty, operator_id, note, reverses_id, void_reason, created_at, to_store_id)
      VALUES ('receipt', 'RK20261203-001', 'posted', ?, '2026-12-03', ?, ?, NULL, NULL, '', ?, '', NULL, NULL, ?, NULL)`).run(new Date(at('09:00')).toISOString(), store, s.allocation.id, old.userId, new Date(at('09:00')).toISOString()).lastInsertRowid) };
    const indexes = (l: TestLedger) => l.ledger.db.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'users' AND type = 'index' ORDER BY name").all();
    expect(() => old.ledger.db.prepare("UPDATE users SET role = 'community' WHERE username = 'clerk1'").run()).toThrow(/CHECK/);
    const before = { users: old.ledger.db.prepare('SELECT * FROM users ORDER BY id').all(), indexes: indexes(old) };
    old.ledger.close();

    t = testLedgerOn(openLedger(dir, { clock }), clock);
    expect(t.ledger.db.prepare('SELECT * FROM users ORDER BY id').all()).toEqual(before.users);
    expect(indexes(t)).toEqual(before.indexes);
    expect(t.ledger.db.pragma('foreign_key_check')).toEqual([]);
    expect(t.ok('docs.get', { id: slip.id }).operatorName).toBe('本机操作员');
    expect(() => t.ledger.db.prepare('UPDATE documents SET operator_id = 999 WHERE id = ?').run(slip.id)).toThrow(/FOREIGN KEY/);
    expect(t.ok('users.create', { username: 'grid1', displayName: '网格员小周', role: 'community', password: 'grid-pass-1' })).toMatchObject({ role: 'community' });
  } finally {
    t?.close();
    t = undefined as unknown as TestLedger;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an open round’s price list and cut-off are corrected; a good somebody ordered is not removed; a closed round is not changed', () => {
  t = tempLedger(at('09:00'));
  const { homes, round, rice, veg, eggs } = seedRound(t);
  t.ok('orders.record', { roundId: round.id, householdId: homes[0].id, lines: [{ goodsId: rice.id, quantity: 1 }] });
  const keep = (g: typeof rice, patch = {}) => ({ id: g.id, name: g.name, spec: g.spec, unit: g.unit, price: g.price, ...patch });
  expect(t.call('rounds.update', { id: round.id, goods: [keep(veg), keep(eggs)] })).toMatchObject({ ok: false, error: { message: '大米 已有 1 户订购,不能从价目表中删除(可改价格或规格)。' } });
  const changed = t.ok('rounds.update', { id: round.id, cutoff: at('15:30'), householdLimit: 30000, goods: [keep(rice, { price: 4300 }), keep(eggs), { name: '牛奶', spec: '250ml×12', unit: '箱', price: 4800 }] });
  expect([changed.cutoffAt, changed.householdLimit, changed.goods.map((g) => [g.name, g.price])]).toEqual(['2026-12-03T07:30:00.000Z', 30000, [['大米', 4300], ['鸡蛋', 2800], ['牛奶', 4800]]]);
  // The order reads the new price back.
  expect(t.ok('orders.list', { roundId: round.id })[0].readBack).toBe('您订了:大米 5kg 1 袋,合计 ¥43.00。');
  t.ok('rounds.close', { id: round.id });
  expect(t.call('rounds.update', { id: round.id, note: '改' })).toMatchObject({ ok: false, error: { code: 'ROUND_CLOSED' } });
});

test('a round does not open with its cut-off already past; a round nobody ordered from can still be ended', () => {
  t = tempLedger(at('09:00'));
  const { shop, round } = seedRound(t);
  expect(t.call('rounds.create', { supplierId: shop.id, day: '2026-12-03', cutoff: '2026-12-02T10:00:00+08:00', compounds: ['东湖小区'], goods: [{ name: '大米', unit: '袋', price: 4500 }] })).toMatchObject({
    ok: false, error: { code: 'INVALID_INPUT', message: '截单时间 2026-12-02 10:00 已过,请填写之后的时间。' },
  });
  expect(t.ok('rounds.close', { id: round.id })).toMatchObject({ state: 'closed', orders: 0 });
});
