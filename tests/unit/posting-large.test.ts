import { afterEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const rows = (sql: string, ...params: unknown[]) => t.ledger.db.prepare(sql).all(...params);

test('a receipt of 120 batches and an issue taking 100 of them write every line, movement and balance', () => {
  t = tempLedger();
  const s = seedBasics(t);
  const n = 120;
  const expiry = (k: number) => `2027-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + Math.floor(k / 12)).padStart(2, '0')}`;
  const receipt = t.posted({
    type: 'receipt', sourceId: s.allocation.id,
    lines: Array.from({ length: n }, (_, k) => ({ itemId: s.reagent.id, quantity: k + 1, batchNo: `B${String(k).padStart(3, '0')}`, expiryDate: expiry(k), note: `第${k + 1}箱 & <备注>` })),
  });
  expect(rows('SELECT line_no, item_id, quantity, note FROM document_lines WHERE document_id = ? ORDER BY line_no', receipt.id)).toEqual(
    Array.from({ length: n }, (_, k) => ({ line_no: k + 1, item_id: s.reagent.id, quantity: k + 1, note: `第${k + 1}箱 & <备注>` })),
  );
  expect(rows('SELECT batch_no, expiry_date FROM batches ORDER BY id')).toEqual(Array.from({ length: n }, (_, k) => ({ batch_no: `B${String(k).padStart(3, '0')}`, expiry_date: expiry(k) })));

  // First expiry first: the batches in expiry order, taken whole until the quantity runs out.
  const byExpiry = Array.from({ length: n }, (_, k) => k).sort((a, b) => expiry(a).localeCompare(expiry(b)));
  const wanted = byExpiry.slice(0, 100).reduce((sum, k) => sum + k + 1, 0) - 7;
  const issue = t.posted({ type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: wanted }] });
  const taken = byExpiry.slice(0, 100).map((k, i) => ({ batch: `B${String(k).padStart(3, '0')}`, quantity: i === 99 ? k + 1 - 7 : k + 1 }));
  expect(rows(
    `SELECT b.batch_no AS batch, l.quantity FROM document_lines l JOIN batches b ON b.id = l.batch_id WHERE l.document_id = ? ORDER BY l.line_no`, issue.id,
  )).toEqual(taken);
  expect(rows(
    `SELECT b.batch_no AS batch, -m.delta AS quantity FROM movements m JOIN batches b ON b.id = m.batch_id WHERE m.document_id = ? ORDER BY m.id`, issue.id,
  )).toEqual(taken);
  const left = new Map(Array.from({ length: n }, (_, k) => [`B${String(k).padStart(3, '0')}`, k + 1]));
  for (const x of taken) left.set(x.batch, left.get(x.batch)! - x.quantity);
  expect(rows('SELECT b.batch_no AS batch, s.quantity FROM stock s JOIN batches b ON b.id = s.batch_id ORDER BY b.batch_no')).toEqual(
    [...left].sort(([a], [b]) => a.localeCompare(b)).map(([batch, quantity]) => ({ batch, quantity })),
  );
  expect(t.ok('ledger.verify').ok).toBe(true);
});
