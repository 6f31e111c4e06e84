import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { FixedClock } from '../../db/clock';
import { migrations } from '../../db/migrations';
import { openLedger } from '../../db/open';
import { seedBasics, snapshot, tempLedger, testLedgerOn, type TestLedger } from '../helpers/ledger';

/** 库房: a second store, 移库 between stores (one document, two legs), and the store's own checks. */
let open: TestLedger[] = [];
afterEach(() => {
  open.forEach((t) => t.close());
  open = [];
});
const ledger = (at?: string) => {
  const t = tempLedger(at);
  open.push(t);
  return t;
};
const stockRows = (t: TestLedger) => t.ledger.db.prepare('SELECT item_id, batch_id, store_id, quantity FROM stock WHERE quantity <> 0 ORDER BY store_id, item_id, batch_id').all();
const movementRows = (t: TestLedger, documentId: number) =>
  t.ledger.db.prepare('SELECT kind, occurred_at, item_id, batch_id, store_id, checkpoint_id, delta FROM movements WHERE document_id = ? ORDER BY id').all(documentId);

function twoStores(t: TestLedger) {
  const s = seedBasics(t);
  const main = t.ok('stores.list')[0];
  const north = t.ok('stores.create', { name: '北区库房' });
  // 100 masks in the main store since the 27th.
  t.ok('docs.post', { type: 'receipt', time: '2026-11-27T09:00:00+08:00', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  const plain = t.ledger.db.prepare("SELECT id FROM batches WHERE item_id = ? AND batch_no = ''").pluck().get(s.mask.id) as number;
  return { ...s, main, north, plain };
}

test('a store is created, renamed and made the default; names are unique; the list says which is the default', () => {
  const t = ledger();
  const main = t.ok('stores.list')[0];
  expect(main).toEqual({ id: main.id, name: '办事处库房', isDefault: true, active: true });
  const north = t.ok('stores.create', { name: '北区库房' });
  expect(t.call('stores.create', { name: '北区库房' })).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: '库房“北区库房”已存在。' } });
  expect(t.ok('stores.update', { id: north.id, name: '北区二号库' })).toEqual({ id: north.id, name: '北区二号库', isDefault: false, active: true });
  t.ok('stores.update', { id: north.id, isDefault: true });
  expect(t.ok('stores.list')).toEqual([
    { id: north.id, name: '北区二号库', isDefault: true, active: true },
    { id: main.id, name: '办事处库房', isDefault: false, active: true },
  ]);
});

test('a store is deactivated only when empty: its stock, then what checkpoints hold of it, are named; the last store stays', () => {
  const t = ledger();
  const s = twoStores(t);
  expect(t.call('stores.update', { id: s.main.id, active: false })).toMatchObject({ ok: false, error: { message: '库房“办事处库房”还有 1 种物资的库存,请先移库或出库,清空后再停用。' } });
  // Everything moves north, where 40 go to a checkpoint.
  t.ok('docs.post', { type: 'move', storeId: s.main.id, toStoreId: s.north.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  t.ok('docs.post', { type: 'issue', storeId: s.north.id, checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 40 }] });
  t.ok('docs.post', { type: 'issue', storeId: s.north.id, checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 60 }] });
  expect(t.call('stores.update', { id: s.north.id, active: false })).toMatchObject({ ok: false, error: { message: '库房“北区库房”发出的 1 种物资还在点位(东湖小区核酸采样点 1 种、北门卡口 1 种;未退库或未归还),退回后才能停用。' } });
  // The main store is empty now and can go; then the north store is the only one left.
  expect(t.ok('stores.update', { id: s.main.id, active: false })).toEqual({ id: s.main.id, name: '办事处库房', isDefault: false, active: false });
  expect(t.call('stores.update', { id: s.north.id, active: false })).toMatchObject({ ok: false, error: { message: '“北区库房”是唯一在用的库房,不能停用。' } });
  // Documents naming no store go to the one in use.
  const r = t.posted({ type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.rice.id, quantity: '5' }] });
  expect(t.ledger.db.prepare('SELECT store_id FROM documents WHERE id = ?').pluck().get(r.id)).toBe(s.north.id);
  expect(t.call('docs.post', { type: 'receipt', storeId: s.main.id, sourceId: s.allocation.id, lines: [{ itemId: s.rice.id, quantity: '5' }] })).toMatchObject({ ok: false, error: { code: 'INACTIVE', message: '库房“办事处库房”已停用。' } });
});

test('a 移库 is one document with two legs at one instant: out of its store, into the other, batch kept', () => {
  const t = ledger();
  const s = twoStores(t);
  const move = t.posted({ type: 'move', time: '2026-11-28T08:30:00+08:00', toStoreId: s.north.id, lines: [{ itemId: s.mask.id, quantity: 30 }] });
  expect(move.number).toBe('YK20261128-001');
  expect(movementRows(t, move.id)).toEqual([
    { kind: 'move', occurred_at: '2026-11-28T00:30:00.000Z', item_id: s.mask.id, batch_id: s.plain, store_id: s.main.id, checkpoint_id: null, delta: -30 },
    { kind: 'move', occurred_at: '2026-11-28T00:30:00.000Z', item_id: s.mask.id, batch_id: s.plain, store_id: s.north.id, checkpoint_id: null, delta: 30 },
  ]);
  expect(stockRows(t)).toEqual([
    { item_id: s.mask.id, batch_id: s.plain, store_id: s.main.id, quantity: 70 },
    { item_id: s.mask.id, batch_id: s.plain, store_id: s.north.id, quantity: 30 },
  ]);
  // The stock list of one store shows only its own; the office's list shows both.
  const masks = (storeId?: number) => t.ok('stock.list', storeId ? { storeId } : {}).find((i) => i.itemId === s.mask.id)!.quantity;
  expect([masks(s.main.id), masks(s.north.id), masks()]).toEqual([70, 30, 100]);
  expect(t.ok('ledger.verify').ok).toBe(true);
});

test('a 移库 names another store in use; other documents name none', () => {
  const t = ledger();
  const s = twoStores(t);
  const before = snapshot(t.ledger);
  const refuse = (input: object) => t.call('docs.post', input as never);
  expect(refuse({ type: 'move', lines: [{ itemId: s.mask.id, quantity: 1 }] })).toMatchObject({ ok: false, error: { message: '移库单须选择调入库房。' } });
  expect(refuse({ type: 'move', toStoreId: s.main.id, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toMatchObject({ ok: false, error: { message: '调入库房与调出库房相同(办事处库房),请选择另一个库房。' } });
  expect(refuse({ type: 'issue', toStoreId: s.north.id, checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toMatchObject({ ok: false, error: { message: '只有移库单可以选择调入库房。' } });
  expect(refuse({ type: 'move', toStoreId: 999, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(refuse({ type: 'move', toStoreId: s.north.id, counterparty: '青禾社区', lines: [{ itemId: s.mask.id, quantity: 1 }] })).toMatchObject({ ok: false, error: { message: '移库单只在本单位的库房之间调拨,不填写来源、点位、领取人或接收单位。' } });
  expect(snapshot(t.ledger)).toEqual(before);
});

test('a backdated 移库 is checked against its store at its own time, not against today or the whole office', () => {
  const t = ledger();
  const s = twoStores(t);
  // Today the main store has 100; on the 26th it had none.
  expect(t.call('docs.post', { type: 'move', time: '2026-11-26T10:00:00+08:00', toStoreId: s.north.id, lines: [{ itemId: s.mask.id, quantity: 10 }] })).toMatchObject({
    ok: false, error: { code: 'INSUFFICIENT_STOCK', message: '医用外科口罩 库存不足:11月26日 10:00 时现有 0 只,申请 10 只' },
  });
  // 60 go north on the 27th at 10:00; a slip from the main store at 11:00 takes 40. Moving 1 more at 09:30 would leave that slip short.
  t.ok('docs.post', { type: 'move', time: '2026-11-27T10:00:00+08:00', toStoreId: s.north.id, lines: [{ itemId: s.mask.id, quantity: 60 }] });
  const slip = t.posted({ type: 'issue', time: '2026-11-27T11:00:00+08:00', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 40 }] });
  expect(t.call('docs.post', { type: 'move', time: '2026-11-27T09:30:00+08:00', toStoreId: s.north.id, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toMatchObject({
    ok: false, error: { message: `医用外科口罩 库存不足:${slip.number} 在 11月27日 11:00 已发出 40 只,补录后该批次结存将为 -1 只` },
  });
  // The north store has 60 but the main store none: a slip from the main store cannot take the north store's goods.
  expect(t.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toMatchObject({
    ok: false, error: { message: '医用外科口罩 库存不足:现有 0 只,申请 1 只' },
  });
});

test('voiding a 移库 takes the goods back out of the receiving store, and is refused, naming it, when they were issued from there', () => {
  const t = ledger();
  const s = twoStores(t);
  const move = t.posted({ type: 'move', time: '2026-11-27T10:00:00+08:00', toStoreId: s.north.id, lines: [{ itemId: s.mask.id, quantity: 50 }] });
  const slip = t.posted({ type: 'issue', time: '2026-11-27T12:00:00+08:00', storeId: s.north.id, checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 20 }] });
  const before = snapshot(t.ledger);
  expect(t.call('docs.void', { documentId: move.id, reason: '录错' })).toMatchObject({
    ok: false, error: { code: 'INSUFFICIENT_STOCK', message: `调入库房“北区库房”:医用外科口罩 库存不足:现有 30 只,申请 50 只` },
  });
  // Dated before the slip, the void would leave the slip short at 12:00.
  expect(t.call('docs.void', { documentId: move.id, reason: '录错', time: '2026-11-27T11:00:00+08:00' })).toMatchObject({
    ok: false, error: { message: `调入库房“北区库房”:医用外科口罩 库存不足:${slip.number} 在 11月27日 12:00 已发出 20 只,作废后该批次结存将为 -20 只` },
  });
  expect(snapshot(t.ledger)).toEqual(before);
  // Once the slip is voided, the move can be: both legs are reversed.
  t.ok('docs.void', { documentId: slip.id, reason: '录错' });
  const z = t.ok('docs.void', { documentId: move.id, reason: '录错' });
  expect(movementRows(t, z.id)).toEqual([
    { kind: 'move', occurred_at: '2026-11-28T02:00:00.000Z', item_id: s.mask.id, batch_id: s.plain, store_id: s.main.id, checkpoint_id: null, delta: 50 },
    { kind: 'move', occurred_at: '2026-11-28T02:00:00.000Z', item_id: s.mask.id, batch_id: s.plain, store_id: s.north.id, checkpoint_id: null, delta: -50 },
  ]);
  expect(stockRows(t)).toEqual([{ item_id: s.mask.id, batch_id: s.plain, store_id: s.main.id, quantity: 100 }]);
  expect(t.ok('ledger.verify').ok).toBe(true);
});

test('goods issued from a store come back to it; the office daily report counts a 移库 in neither direction', () => {
  const t = ledger();
  const s = twoStores(t);
  t.ok('docs.post', { type: 'move', time: '2026-11-27T10:00:00+08:00', toStoreId: s.north.id, lines: [{ itemId: s.mask.id, quantity: 50 }] });
  t.ok('docs.post', { type: 'issue', time: '2026-11-27T10:10:00+08:00', storeId: s.north.id, checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 20 }] });
  // The main store's site holds nothing: the return to it is refused; to the north store it stands.
  expect(t.call('docs.post', { type: 'return', checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 5 }] })).toMatchObject({ ok: false, error: { code: 'RETURN_EXCEEDS_ISSUED' } });
  t.ok('docs.post', { type: 'return', time: '2026-11-27T10:20:00+08:00', storeId: s.north.id, checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 5 }] });
  expect(stockRows(t)).toEqual([
    { item_id: s.mask.id, batch_id: s.plain, store_id: s.main.id, quantity: 50 },
    { item_id: s.mask.id, batch_id: s.plain, store_id: s.north.id, quantity: 35 },
  ]);
  // The return screen's 可退 is what came from the store chosen.
  const held = (storeId?: number) => t.ok('holdings.list', { checkpointId: s.site.id, ...(storeId ? { storeId } : {}) }).map((h) => [h.name, h.issued]);
  expect([held(s.north.id), held(s.main.id), held()]).toEqual([[['医用外科口罩', 15]], [], [['医用外科口罩', 15]]]);
  // The first day to send is the 27th: everything above is in it.
  const row = t.ok('reports.daily.preview').items.find((i) => i.itemId === s.mask.id)!;
  expect({ opening: row.opening, received: row.received, issued: row.issued, transferredOut: row.transferredOut, closing: row.closing }).toEqual({ opening: 0, received: 100, issued: 15, transferredOut: 0, closing: 85 });
});

test('migration 0017 rebuilds documents in place: every row, index and reference kept, foreign keys enforced after', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-0017-'));
  try {
    const clock = new FixedClock(new Date('2026-11-28T10:00:00+08:00'));
    const old = testLedgerOn(openLedger(dir, { clock, migrations: migrations.filter((m) => m.version < 17) }), clock);
    const s = seedBasics(old);
    // Written as the release before 0017 wrote them (today's posting code names to_store_id): a receipt, and a void reversing it.
    const db = old.ledger.db;
    const batch = Number(db.prepare("INSERT INTO batches (item_id, batch_no) VALUES (?, '')").run(s.mask.id).lastInsertRowid);
    const doc = (type: string, number: string, reverses: number | null) => Number(db.prepare(
      `INSERT INTO documents (type, number, state, occurred_at, business_date, store_id, source_id, operator_id, created_at, reverses_id)
       VALUES (?, ?, 'posted', '2026-11-28T01:00:00.000Z', '2026-11-28', 1, ?, ?, '2026-11-28T01:00:00.000Z', ?)`,
    ).run(type, number, s.allocation.id, old.userId, reverses).lastInsertRowid);
    const r = { id: doc('receipt', 'RK20261128-001', null) };
    const line = Number(db.prepare('INSERT INTO document_lines (document_id, line_no, item_id, batch_id, quantity) VALUES (?, 1, ?, ?, 100)').run(r.id, s.mask.id, batch).lastInsertRowid);
    db.prepare("INSERT INTO movements (document_id, line_id, kind, occurred_at, item_id, batch_id, store_id, source_id, delta) VALUES (?, ?, 'receipt', '2026-11-28T01:00:00.000Z', ?, ?, 1, ?, 100)").run(r.id, line, s.mask.id, batch, s.allocation.id);
    db.prepare('INSERT INTO stock (item_id, batch_id, store_id, quantity) VALUES (?, ?, 1, 100)').run(s.mask.id, batch);
    const slip = { id: doc('issue', 'CK20261128-001', null) };
    doc('void', 'ZF20261128-001', slip.id);
    db.prepare("UPDATE documents SET state = 'voided' WHERE id = ?").run(slip.id);    const indexes = (t: TestLedger) => t.ledger.db.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'documents' AND type = 'index' ORDER BY name").all();
    const before = { docs: old.ledger.db.prepare('SELECT * FROM documents ORDER BY id').all() as object[], indexes: indexes(old) };
    old.ledger.close();

    const t = testLedgerOn(openLedger(dir, { clock }), clock);
    expect(t.ledger.db.prepare('SELECT * FROM documents ORDER BY id').all()).toEqual(before.docs.map((d) => ({ ...d, to_store_id: null })));
    expect(indexes(t)).toEqual(before.indexes);
    expect(t.ledger.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(t.ledger.db.pragma('foreign_key_check')).toEqual([]);
    // Lines and movements still point at their documents, and a dangling reference is refused.
    expect(t.ok('docs.get', { id: r.id }).lines).toHaveLength(1);
    expect(() => t.ledger.db.prepare('UPDATE movements SET document_id = 999 WHERE document_id = ?').run(r.id)).toThrow(/FOREIGN KEY/);
    const north = t.ok('stores.create', { name: '北区库房' });
    t.ok('docs.post', { type: 'move', toStoreId: north.id, lines: [{ itemId: s.mask.id, quantity: 1 }] });
    expect(t.ok('ledger.verify').ok).toBe(true);
    t.ledger.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a store card shows each 移库 as 移至/来自 the other store; the office card leaves its cancelling legs out', () => {
  const t = ledger();
  const s = twoStores(t);
  const move = t.posted({ type: 'move', time: '2026-11-27T10:00:00+08:00', toStoreId: s.north.id, lines: [{ itemId: s.mask.id, quantity: 30 }] });
  const z = t.ok('docs.void', { documentId: move.id, reason: '录错' });
  const rows = (storeId?: number) => t.ok('stock.card', { itemId: s.mask.id, ...(storeId ? { storeId } : {}) }).rows.map((r) => [r.number, r.counterparty, r.moved, r.delta, r.balance]);
  const to = (store: string) => ({ direction: 'to', store });
  const from = (store: string) => ({ direction: 'from', store });
  expect(rows(s.main.id)).toEqual([['RK20261127-001', '区物资保障组', null, 100, 100], [move.number, '移至 北区库房', to('北区库房'), -30, 70], [z.number, '来自 北区库房', from('北区库房'), 30, 100]]);
  expect(rows(s.north.id)).toEqual([[move.number, '来自 办事处库房', from('办事处库房'), 30, 30], [z.number, '移至 办事处库房', to('办事处库房'), -30, 0]]);
  expect(rows()).toEqual([['RK20261127-001', '区物资保障组', null, 100, 100]]);
});

test('a void that would bring goods back into a store taken out of use is refused, naming it; reactivated, it stands', () => {
  const t = ledger();
  const s = twoStores(t);
  const move = t.posted({ type: 'move', time: '2026-11-27T10:00:00+08:00', toStoreId: s.north.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  const back = t.posted({ type: 'move', time: '2026-11-27T11:00:00+08:00', storeId: s.north.id, toStoreId: s.main.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  t.ok('stores.update', { id: s.north.id, active: false });
  const before = snapshot(t.ledger);
  expect(t.call('docs.void', { documentId: back.id, reason: '录错' })).toMatchObject({
    ok: false, error: { code: 'INACTIVE', message: `库房“北区库房”已停用:作废 ${back.number} 会把物资退回该库房,请先在“设置 › 库房”中启用它。` },
  });
  expect(snapshot(t.ledger)).toEqual(before);
  t.ok('stores.update', { id: s.north.id, active: true });
  t.ok('docs.void', { documentId: back.id, reason: '录错' });
  expect(stockRows(t)).toEqual([{ item_id: s.mask.id, batch_id: s.plain, store_id: s.north.id, quantity: 100 }]);
  expect(move.number).toBe('YK20261127-001');
});

test('deactivating the default store passes 默认 to the first store still in use', () => {
  const t = ledger();
  const main = t.ok('stores.list')[0];
  const north = t.ok('stores.create', { name: '北区库房' });
  const south = t.ok('stores.create', { name: '南区库房' });
  t.ok('stores.update', { id: south.id, isDefault: true });
  t.ok('stores.update', { id: south.id, active: false });
  expect(t.ok('stores.list').map((x) => [x.name, x.isDefault, x.active])).toEqual([['办事处库房', true, true], ['北区库房', false, true], ['南区库房', false, false]]);
  expect([main.id, north.id].length).toBe(2);
});

test('the office stock list shows a batch kept in two stores once, with both quantities; 最低库存 is judged for the office only', () => {
  const t = ledger();
  const s = twoStores(t);
  t.ok('docs.post', { type: 'move', toStoreId: s.north.id, lines: [{ itemId: s.mask.id, quantity: 30 }] });
  const mask = (storeId?: number) => {
    const v = t.ok('stock.list', { itemIds: [s.mask.id], ...(storeId ? { storeId } : {}) })[0];
    return { quantity: v.quantity, low: v.low, batches: v.batches.map((b) => [b.batchId, b.quantity]) };
  };
  // The mask's minimum is 100: the office has 100 (not low); each store has less, which says nothing.
  expect(mask()).toEqual({ quantity: 100, low: false, batches: [[s.plain, 100]] });
  expect(mask(s.main.id)).toEqual({ quantity: 70, low: false, batches: [[s.plain, 70]] });
  expect(mask(s.north.id)).toEqual({ quantity: 30, low: false, batches: [[s.plain, 30]] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 1 }] });
  expect(mask().low).toBe(true);
});

test('a 移库 takes unexpired batches first and expired ones only for the rest', () => {
  const t = ledger();
  const s = twoStores(t);
  t.ok('docs.post', { type: 'receipt', time: '2026-11-27T09:00:00+08:00', sourceId: s.allocation.id, lines: [
    { itemId: s.reagent.id, quantity: 10, batchNo: 'OLD', expiryDate: '2026-11-01' },
    { itemId: s.reagent.id, quantity: 5, batchNo: 'NEW', expiryDate: '2027-06-30' },
  ] });
  const batch = (no: string) => t.ledger.db.prepare('SELECT id FROM batches WHERE item_id = ? AND batch_no = ?').pluck().get(s.reagent.id, no) as number;
  const m1 = t.posted({ type: 'move', toStoreId: s.north.id, lines: [{ itemId: s.reagent.id, quantity: 4 }] });
  expect(m1.lines.map((l) => [l.batchNo, l.quantity])).toEqual([['NEW', 4]]);
  const m2 = t.posted({ type: 'move', toStoreId: s.north.id, lines: [{ itemId: s.reagent.id, quantity: 3 }] });
  expect(m2.lines.map((l) => [l.batchNo, l.quantity, l.overrideReason])).toEqual([['NEW', 1, ''], ['OLD', 2, '']]);
  expect(batch('OLD')).toBeGreaterThan(0);
});
