import { afterEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

function busyDay() {
  t = tempLedger('2026-11-28T18:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-26T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 500 }, { itemId: s.reagent.id, quantity: 40, batchNo: 'N1', expiryDate: '2026-12-15' }, { itemId: s.reagent.id, quantity: 10, batchNo: 'F1', expiryDate: '2027-08-01' }] });
  t.ok('docs.post', { type: 'issue', time: '2026-11-27T10:00:00+08:00', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 300 }] });
  t.ok('docs.post', { type: 'issue', time: '2026-11-28T10:00:00+08:00', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 150 }, { itemId: s.reagent.id, quantity: 5 }] });
  // Not a donation: donated goods keep a batch of their own (捐赠公示), which would split the mask's stock in two.
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T11:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 20 }] });
  return s;
}

test('stock list: totals, batches by expiry, below-minimum and near-expiry flags', () => {
  const s = busyDay();
  const stock = t.ok('stock.list');
  expect(stock.map((r) => r.itemId)).toEqual([s.mask.id, s.reagent.id, s.speaker.id, s.rice.id]);
  expect(stock[0]).toEqual({
    itemId: s.mask.id, code: 'KZ01', name: '医用外科口罩', spec: '独立包装', unit: '只', categoryName: '防护用品', decimals: 0,
    durable: false, quantity: 70, inUnits: '1盒 20只', minStock: 100, low: true, nearExpiry: false, expired: false,
    batches: [{ batchId: 1, batchNo: '', productionDate: null, expiryDate: null, quantity: 70, expired: false, nearExpiry: false }],
  });
  expect(stock[1]).toMatchObject({ quantity: 45, low: false, nearExpiry: true, expired: false });
  expect(stock[1].batches.map((b) => [b.batchNo, b.quantity, b.nearExpiry])).toEqual([['N1', 35, true], ['F1', 10, false]]);
  expect(t.ok('stock.list', { onlyLow: true }).map((r) => r.code)).toEqual(['KZ01']);
  expect(t.ok('stock.list', { onlyNearExpiry: true }).map((r) => r.code)).toEqual(['SJ01']);
  expect(t.ok('stock.list', { hideZero: true }).map((r) => r.code)).toEqual(['KZ01', 'SJ01']);
  expect(t.ok('stock.list', { q: 'hsjc' }).map((r) => r.code)).toEqual(['SJ01']);
  // A slip's lines ask for their goods only; the rows are the same as in the whole list.
  expect(t.ok('stock.list', { itemIds: [s.rice.id, s.reagent.id] })).toEqual([stock[1], stock[3]]);
  expect(t.ok('stock.list', { itemIds: [s.speaker.id], hideZero: true })).toEqual([]);
  expect(t.ok('stock.list', { itemIds: [] })).toEqual([]);
});

test('stock card: opening, running balance, totals and counterparties over a range', () => {
  const s = busyDay();
  const card = t.ok('stock.card', { itemId: s.mask.id, from: '2026-11-27T00:00:00+08:00', to: '2026-11-29T00:00:00+08:00' });
  expect(card).toMatchObject({ opening: 500, totalIn: 20, totalOut: 450, closing: 70, from: '2026-11-26T16:00:00.000Z', to: '2026-11-28T16:00:00.000Z' });
  expect(card.rows.map((r) => [r.number, r.kind, r.delta, r.balance, r.counterparty, r.operator])).toEqual([
    ['CK20261127-001', 'issue', -300, 200, '东湖小区核酸采样点 · 林晓雯', '本机操作员'],
    ['CK20261128-001', 'issue', -150, 50, '北门卡口 · 周建国', '本机操作员'],
    ['RK20261128-001', 'receipt', 20, 70, '区物资保障组', '本机操作员'],
  ]);
  const all = t.ok('stock.card', { itemId: s.mask.id });
  expect([all.opening, all.closing, all.rows.length]).toEqual([0, 70, 4]);
  expect(all.closing).toBe(t.ok('stock.list').find((r) => r.itemId === s.mask.id)!.quantity);
});

test('document list filters by type, time, checkpoint, person, item, number and state', () => {
  const s = busyDay();
  const numbers = (input: Parameters<typeof t.ok<'docs.list'>>[1]) => t.ok('docs.list', input).rows.map((d) => d.number);
  expect(numbers({})).toEqual(['RK20261128-001', 'CK20261128-001', 'CK20261127-001', 'RK20261126-001']);
  expect(numbers({ type: 'issue' })).toEqual(['CK20261128-001', 'CK20261127-001']);
  expect(numbers({ from: '2026-11-28T00:00:00+08:00', to: '2026-11-29T00:00:00+08:00' })).toEqual(['RK20261128-001', 'CK20261128-001']);
  expect(numbers({ checkpointId: s.site.id })).toEqual(['CK20261127-001']);
  expect(numbers({ personId: s.bob.id })).toEqual(['CK20261128-001']);
  expect(numbers({ itemId: s.reagent.id })).toEqual(['CK20261128-001', 'RK20261126-001']);
  expect(numbers({ number: '1127' })).toEqual(['CK20261127-001']);
  expect(numbers({ number: '%' })).toEqual([]);
  const first = t.ok('docs.list', { type: 'issue', limit: 1 });
  expect(first.total).toBe(2);
  t.ok('docs.void', { documentId: first.rows[0].id, reason: '重复' });
  expect(numbers({ state: 'voided' })).toEqual(['CK20261128-001']);
  expect(t.ok('docs.list', { type: 'void' }).rows[0]).toMatchObject({ number: 'ZF20261128-001', reversesNumber: 'CK20261128-001', checkpointName: '北门卡口' });
  expect(numbers({ type: 'issue', state: 'posted' })).toEqual(['CK20261127-001']);
  // A stocktake that counted the item without a difference moved nothing, yet it is found by the item.
  const onHand = t.ok('stock.list').find((r) => r.itemId === s.rice.id)!.quantity;
  const count = t.ok('docs.post', { type: 'stocktake', lines: [{ itemId: s.rice.id, counted: onHand }] });
  expect(numbers({ itemId: s.rice.id })[0]).toBe(count.number);
  expect(numbers({ itemId: s.reagent.id })).toEqual(['ZF20261128-001', 'CK20261128-001', 'RK20261126-001']);
});

test('ledger.verify recomputes balances and finds stock edited behind the ledger', () => {
  const s = busyDay();
  expect(t.ok('ledger.verify')).toEqual({ ok: true, movementCount: 7, stockRows: 3, differences: [], holdingDifferences: [] });
  t.ledger.db.prepare('UPDATE stock SET quantity = quantity + 5 WHERE item_id = ?').run(s.mask.id);
  t.ledger.db.prepare('DELETE FROM movements WHERE id = (SELECT MAX(id) FROM movements WHERE item_id = ?)').run(s.reagent.id);
  expect(t.ok('ledger.verify')).toEqual({
    ok: false, movementCount: 6, stockRows: 3,
    differences: [
      { itemId: s.mask.id, batchId: 1, storeId: 1, stock: 75, movements: 70 },
      { itemId: s.reagent.id, batchId: 2, storeId: 1, stock: 35, movements: 40 },
    ],
    // The deleted movement was an issue to the gate: what the gate is kept as holding no longer matches either.
    holdingDifferences: [{ checkpointId: s.gate.id, itemId: s.reagent.id, holding: 'issue', batchId: 2, storeId: 1, kept: 5, movements: 0 }],
  });
});
