import { afterEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

test('receipt then issue', () => {
  t = tempLedger();
  const s = seedBasics(t);
  const r = t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 1000 }] });
  expect(r.number).toBe('RK20261128-001');
  const i = t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: '200' }] });
  expect(i.number).toBe('CK20261128-001');
  const stock = t.ok('stock.list');
  expect(stock.find((x) => x.itemId === s.mask.id)?.quantity).toBe(800);
  const bad = t.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 900 }] });
  expect(bad).toEqual({ ok: false, error: { code: 'INSUFFICIENT_STOCK', message: '医用外科口罩 库存不足:现有 800 只,申请 900 只' } });
});
