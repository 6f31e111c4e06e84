import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { FixedClock } from '../../db/clock';
import { migrations } from '../../db/migrations';
import { openLedger } from '../../db/open';
import { tempLedger, testLedgerOn, type TestLedger } from '../helpers/ledger';
import { seedRound } from '../helpers/rounds';

let t: TestLedger;
afterEach(() => t?.close());

/** A finished round of 1 November: orders, a short good, a 代付 payment with its payer, a delivery note. */
function finishedRound() {
  const seeded = seedRound(t, '2026-11-01T14:30:00+08:00');
  const { homes, round, rice, veg, eggs } = seeded;
  const a = t.ok('orders.record', { roundId: round.id, householdId: homes[0].id, lines: [{ goodsId: rice.id, quantity: 2 }], note: '女儿代订' });
  const b = t.ok('orders.record', { roundId: round.id, householdId: homes[1].id, lines: [{ goodsId: veg.id, quantity: 1 }, { goodsId: eggs.id, quantity: 1 }] });
  const c = t.ok('orders.record', { roundId: round.id, householdId: homes[3].id, lines: [{ goodsId: eggs.id, quantity: 2 }] });
  t.ok('rounds.close', { id: round.id });
  t.ok('rounds.handover', { roundId: round.id, delivered: [{ goodsId: eggs.id, quantity: 2 }] });
  t.ok('orders.pay', { orderId: c.id, amount: 2800, method: 'proxy', payer: '邻居 孙丽' });
  t.ok('orders.deliver', { orderId: c.id, delivered: true, note: '挂门把手上' });
  // Everybody else paid and has their bag: the round is finished.
  t.ok('orders.pay', { orderId: a.id, amount: 9000, method: 'wechat' });
  t.ok('orders.pay', { orderId: b.id, amount: 5800, method: 'cash' });
  for (const o of [a, b]) t.ok('orders.deliver', { orderId: o.id, delivered: true });
  return { ...seeded, orders: { a, b, c } };
}

const totals = (roundId: number) => {
  const c = t.ok('rounds.consolidation', { roundId });
  const s = t.ok('rounds.settlement', { roundId });
  return {
    consolidation: { lines: c.lines, buildings: c.buildings, households: c.households, specialNeeds: c.specialNeeds, amount: c.amount },
    settlement: { due: s.due, paid: s.paid, unpaid: s.unpaid, undelivered: s.undelivered, goods: s.goods, special: s.orders.filter((o) => o.specialNeeds).length, buildings: s.orders.map((o) => `${o.compound} ${o.building}`) },
  };
};

test('a finished round older than 30 days lets go of its households and notes; every total stays; the act is audited and done once', () => {
  t = tempLedger('2026-11-01T09:00:00+08:00');
  const { round, homes, shop } = finishedRound();
  const recent = t.ok('rounds.create', { supplierId: shop.id, day: '2026-11-20', cutoff: '2026-11-20T14:30:00+08:00', compounds: ['东湖小区'], goods: [{ name: '大米', unit: '袋', price: 4500 }] });
  t.ok('orders.record', { roundId: recent.id, householdId: homes[0].id, lines: [{ goodsId: recent.goods[0].id, quantity: 1 }] });
  t.ok('rounds.close', { id: recent.id });
  const before = totals(round.id);
  t.clock.set('2026-12-01T10:00:00+08:00');
  expect(t.ok('rounds.anonymise')).toEqual({ anonymised: { rounds: ['DG20261101-01'], orders: 3, waiting: [] } });
  expect(totals(round.id)).toEqual(before);
  const db = t.ledger.db;
  expect(db.prepare('SELECT household_id, note, payer, delivery_note, compound, building, special FROM orders WHERE round_id = ? ORDER BY id').all(round.id)).toEqual([
    { household_id: null, note: '', payer: '', delivery_note: '', compound: '东湖小区', building: '3', special: 0 },
    { household_id: null, note: '', payer: '', delivery_note: '', compound: '东湖小区', building: '3', special: 1 },
    { household_id: null, note: '', payer: '', delivery_note: '', compound: '东湖小区', building: '2', special: 1 },
  ]);
  expect(t.ok('orders.list', { roundId: round.id })).toEqual([]);
  const sheet = t.ok('print.deliverySheets', { roundId: round.id }).html;
  expect(sheet).not.toMatch(/王建华|李秀英|刘芳|孙丽|138\*{4}/);
  // The recent round keeps its households; the register is untouched.
  expect(t.ok('orders.list', { roundId: recent.id }).map((o) => o.contact)).toEqual(['王建华']);
  expect(t.ok('households.list').length).toBe(5);
  expect(t.ok('rounds.anonymise')).toEqual({ anonymised: { rounds: [], orders: 0, waiting: [] } });
  expect(db.prepare("SELECT method FROM audit_log WHERE method = 'rounds.anonymise'").pluck().all()).toEqual(['rounds.anonymise', 'rounds.anonymise']);
});

test('a round someone has not paid for, or whose bag has not arrived, keeps its households however old it is', () => {
  t = tempLedger('2026-11-01T09:00:00+08:00');
  const { round, orders } = finishedRound();
  t.ok('orders.unpay', { orderId: orders.a.id });
  t.clock.set('2026-12-15T10:00:00+08:00');
  expect(t.ok('rounds.anonymise')).toEqual({ anonymised: { rounds: [], orders: 0, waiting: ['DG20261101-01'] } });
  t.ok('orders.pay', { orderId: orders.a.id, amount: 9000, method: 'wechat' });
  t.ok('orders.deliver', { orderId: orders.b.id, delivered: false });
  expect(t.ok('rounds.anonymise').anonymised.waiting).toEqual(['DG20261101-01']);
  t.ok('orders.deliver', { orderId: orders.b.id, delivered: true });
  expect(t.ok('rounds.anonymise').anonymised).toEqual({ rounds: ['DG20261101-01'], orders: 3, waiting: [] });
  expect(t.ok('orders.list', { roundId: round.id })).toEqual([]);
});

test('opening a round anonymises the finished ones past 30 days by itself, as its own audited act', () => {
  t = tempLedger('2026-11-01T09:00:00+08:00');
  const { round, shop } = finishedRound();
  t.clock.set('2026-11-30T10:00:00+08:00');
  t.ok('rounds.create', { supplierId: shop.id, day: '2026-11-30', cutoff: '2026-11-30T14:30:00+08:00', compounds: ['东湖小区'], goods: [{ name: '大米', unit: '袋', price: 4500 }] });
  // 29 days: kept.
  expect(t.ok('orders.list', { roundId: round.id })).toHaveLength(3);
  t.clock.set('2026-12-01T10:00:00+08:00');
  t.ok('rounds.create', { supplierId: shop.id, day: '2026-12-01', cutoff: '2026-12-01T14:30:00+08:00', compounds: ['东湖小区'], goods: [{ name: '大米', unit: '袋', price: 4500 }] });
  expect(t.ok('orders.list', { roundId: round.id })).toEqual([]);
  const entries = t.ledger.db.prepare("SELECT method, detail FROM audit_log WHERE method IN ('rounds.anonymise', 'rounds.create') ORDER BY id").all() as { method: string; detail: string }[];
  expect(entries.map((e) => e.method)).toEqual(['rounds.create', 'rounds.create', 'rounds.anonymise', 'rounds.create']);
  expect(JSON.parse(entries[2].detail)).toEqual({ input: { keepDays: 30, automatic: true }, result: { anonymised: { rounds: ['DG20261101-01'], orders: 3, waiting: [] } } });
});

test('migration 0020 rebuilds orders in place: every order, index and reference kept; household_id may then be empty', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-0020-'));
  try {
    const clock = new FixedClock(new Date('2026-12-03T09:00:00+08:00'));
    t = testLedgerOn(openLedger(dir, { clock, migrations: migrations.filter((m) => m.version < 20) }), clock);
    const db = () => t.ledger.db;
    // Written as the release before 0020 wrote them (today's code reads columns 0020 adds).
    const insert = (sqlText: string, ...args: unknown[]) => Number(db().prepare(sqlText).run(...args).lastInsertRowid);
    const home = insert("INSERT INTO households (compound, building, unit, room, contact, created_at) VALUES ('东湖小区', '3', '2', '602', '王建华', 'x')");
    const shop = insert("INSERT INTO suppliers (name, kind) VALUES ('惠民超市', 'supermarket')");
    const roundId = insert("INSERT INTO rounds (number, kind, supplier_id, day, cutoff_at, created_by, created_at) VALUES ('DG20261203-01', 'purchase', ?, '2026-12-03', 'x', ?, 'x')", shop, t.userId);
    insert("INSERT INTO round_compounds (round_id, compound) VALUES (?, '东湖小区')", roundId);
    const rice = insert("INSERT INTO round_goods (round_id, name, unit, price) VALUES (?, '大米', '袋', 4500)", roundId);
    const o = { id: insert("INSERT INTO orders (round_id, household_id, created_at, created_by, updated_at) VALUES (?, ?, 'x', ?, 'x')", roundId, home, t.userId) };
    insert('INSERT INTO order_lines (order_id, goods_id, quantity) VALUES (?, ?, 2)', o.id, rice);
    const round = { id: roundId };
    const homes = [{ id: home }];
    const indexes = () => db().prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'orders' AND type = 'index' ORDER BY name").all();
    const before = { orders: db().prepare('SELECT * FROM orders ORDER BY id').all() as object[], indexes: indexes() };
    t.ledger.close();
    t = testLedgerOn(openLedger(dir, { clock }), clock);
    expect(db().prepare('SELECT * FROM orders ORDER BY id').all()).toEqual(before.orders.map((r) => ({ ...r, compound: '', building: '', special: 0 })));
    expect(indexes()).toEqual(before.indexes);
    expect(db().pragma('foreign_key_check')).toEqual([]);
    expect(t.ok('orders.get', { id: o.id }).lines.map((l) => l.quantity)).toEqual([2]);
    expect(() => db().prepare('UPDATE order_lines SET order_id = 999 WHERE order_id = ?').run(o.id)).toThrow(/FOREIGN KEY/);
    expect(() => db().prepare('INSERT INTO orders (round_id, household_id, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?)').run(round.id, homes[0].id, 'x', 1, 'x')).toThrow(/UNIQUE/);
  } finally {
    t?.close();
    t = undefined as unknown as TestLedger;
    rmSync(dir, { recursive: true, force: true });
  }
});
