import { afterEach, expect, test } from 'vitest';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';
import { seedRound } from '../helpers/rounds';

let t: TestLedger;
afterEach(() => t?.close());

test('a free distribution (爱心菜包) lists every household of the compound, posts ONE issue slip for their sum to the checkpoint, and prints as 免费', () => {
  t = tempLedger('2026-12-03T08:00:00+08:00');
  const s = seedBasics(t);
  const { homes } = seedRound(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.donation.id, lines: [{ itemId: s.mask.id, quantity: 7 }, { itemId: s.rice.id, quantity: '100' }] });
  const round = t.ok('rounds.createFree', {
    name: '爱心菜包', day: '2026-12-03', compounds: ['东湖小区'], checkpointId: s.site.id, personId: s.alice.id,
    goods: [{ itemId: s.mask.id, perHousehold: 2 }, { itemId: s.rice.id, perHousehold: 5 }],
  });
  expect([round.kind, round.number, round.supplierName, round.orders, round.goods.map((g) => [g.name, g.price, g.perHousehold])]).toEqual(
    ['free', 'DG20261203-02', '', 4, [['医用外科口罩', 0, 2], ['大米', 0, 5]]]);
  // 8 masks would be needed for the four households; 7 are in stock: refused, naming the numbers, nothing written.
  const before = snapshot(t.ledger);
  expect(t.call('rounds.distribute', { roundId: round.id })).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK', message: expect.stringContaining('医用外科口罩') } });
  expect(snapshot(t.ledger)).toEqual(before);
  // One household is away: taken out of the list.
  const away = t.ok('orders.list', { roundId: round.id }).find((o) => o.householdId === homes[2].id)!;
  const other = t.ok('orders.list', { roundId: round.id }).find((o) => o.householdId === homes[0].id)!;
  t.ok('rounds.freeExclude', { orderId: away.id, out: true });
  // Out and back in: what every household gets.
  t.ok('rounds.freeExclude', { orderId: other.id, out: true });
  t.ok('rounds.freeExclude', { orderId: other.id, out: false });
  expect(t.ok('orders.get', { id: other.id }).lines.map((l) => [l.name, l.quantity])).toEqual([['医用外科口罩', 2], ['大米', 5]]);
  const slip = t.ok('rounds.distribute', { roundId: round.id });
  const doc = t.ok('docs.get', { id: slip.documentId });
  const after = t.ok('rounds.get', { id: round.id });
  expect([after.checkpointName, after.personName, after.documentId, after.documentNumber, after.state]).toEqual(['东湖小区核酸采样点', '林晓雯', slip.documentId, slip.number, 'closed']);
  expect(t.call('rounds.freeExclude', { orderId: away.id, out: false })).toMatchObject({ ok: false, error: { code: 'ROUND_CLOSED' } });
  // What the slip carries is what the households get, summed here by hand: 3 households × 2 masks, × 5 kg of rice.
  expect([doc.type, doc.checkpointName, doc.personName, doc.note, doc.lines.map((l) => [l.itemName, l.quantity])]).toEqual(
    ['issue', '东湖小区核酸采样点', '林晓雯', '爱心菜包(DG20261203-02,入户发放 3 户)', [['医用外科口罩', 6], ['大米', 15]]]);
  expect(t.ok('stock.list').filter((r) => [s.mask.id, s.rice.id].includes(r.itemId)).map((r) => [r.name, r.quantity])).toEqual([['医用外科口罩', 1], ['大米', 85]]);
  expect(t.ok('ledger.verify').ok).toBe(true);
  expect(t.call('rounds.distribute', { roundId: round.id })).toMatchObject({ ok: false, error: { code: 'ROUND_CLOSED' } });
  const settled = t.ok('rounds.settlement', { roundId: round.id });
  expect([settled.handedOver, settled.due, settled.unpaid, settled.differences, settled.orders.length]).toEqual([true, 0, 0, [], 3]);
  const html = t.ok('print.deliverySheets', { roundId: round.id }).html;
  expect(html).toContain('爱心菜包入户发放单');
  expect(html).toContain('免费');
  expect(html).not.toContain('应付合计');
  // A purchase round is not handed out from the warehouse.
  const purchase = t.ok('rounds.list').find((r) => r.kind === 'purchase')!;
  expect(t.call('rounds.distribute', { roundId: purchase.id })).toMatchObject({ ok: false, error: { message: `采购批次 ${purchase.number} 是居民代购,不从库房发放。` } });
  expect([purchase.checkpointId, purchase.documentNumber]).toEqual([null, null]);
});
