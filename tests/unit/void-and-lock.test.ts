import { afterEach, expect, test } from 'vitest';
import { write } from '../../db/open';
import { writeSettings } from '../../db/reference/settings';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const rows = (sql: string, ...params: unknown[]) => t.ledger.db.prepare(sql).all(...params);
const lock = (until: string) => write(t.ledger, (tx) => writeSettings(tx, { lockedUntil: new Date(until).toISOString() }));

test('voiding posts an exact reversal dated now, linked both ways, and restores every balance', () => {
  t = tempLedger('2026-11-28T09:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }, { itemId: s.reagent.id, quantity: 20, batchNo: 'A', expiryDate: '2027-01-01' }] });
  const stockBefore = rows('SELECT * FROM stock ORDER BY item_id, batch_id');
  const slip = t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 30 }, { itemId: s.reagent.id, quantity: 4 }] });
  t.clock.set('2026-11-28T11:15:00+08:00');
  const reversal = t.ok('docs.void', { documentId: slip.id, reason: '点位填错' });
  expect(reversal).toMatchObject({
    type: 'void', number: 'ZF20261128-001', state: 'posted', time: '2026-11-28T03:15:00.000Z', reversesId: slip.id,
    reversesNumber: 'CK20261128-001', checkpointName: '东湖小区核酸采样点', personName: '林晓雯', voidReason: '点位填错',
  });
  expect(reversal.lines.map((l) => [l.itemName, l.batchNo, l.quantity])).toEqual([['医用外科口罩', '', 30], ['核酸检测试剂', 'A', 4]]);
  expect(t.ok('docs.get', { id: slip.id })).toMatchObject({ state: 'voided', voidReason: '点位填错', voidedById: reversal.id, voidedByNumber: 'ZF20261128-001' });
  expect(rows('SELECT kind, occurred_at, delta, checkpoint_id FROM movements WHERE document_id = ? ORDER BY id', reversal.id)).toEqual([
    { kind: 'issue', occurred_at: '2026-11-28T03:15:00.000Z', delta: 30, checkpoint_id: s.site.id },
    { kind: 'issue', occurred_at: '2026-11-28T03:15:00.000Z', delta: 4, checkpoint_id: s.site.id },
  ]);
  expect(rows('SELECT * FROM stock ORDER BY item_id, batch_id')).toEqual(stockBefore);
  // The original's own rows are unchanged apart from its state.
  expect(rows('SELECT number, occurred_at, state FROM documents WHERE id = ?', slip.id)).toEqual([
    { number: 'CK20261128-001', occurred_at: '2026-11-28T01:00:00.000Z', state: 'voided' },
  ]);
});

test('voiding twice, or voiding a reversal, is refused and changes nothing', () => {
  t = tempLedger();
  const s = seedBasics(t);
  const r = t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  const z = t.ok('docs.void', { documentId: r.id, reason: '重复录入' });
  const before = snapshot(t.ledger);
  expect(t.call('docs.void', { documentId: r.id, reason: '再来一次' })).toEqual({ ok: false, error: { code: 'ALREADY_VOIDED', message: 'RK20261128-001 已经作废,不能重复作废。' } });
  expect(t.call('docs.void', { documentId: z.id, reason: 'x' })).toEqual({ ok: false, error: { code: 'CANNOT_VOID', message: 'ZF20261128-001 是作废冲销单,不能再作废。' } });
  expect(t.call('docs.void', { documentId: r.id, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(snapshot(t.ledger)).toEqual(before);
});

test('a receipt whose goods were already issued cannot be voided', () => {
  t = tempLedger();
  const s = seedBasics(t);
  const r = t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 8 }] });
  expect(t.call('docs.void', { documentId: r.id, reason: '录错' })).toEqual({ ok: false, error: { code: 'INSUFFICIENT_STOCK', message: '医用外科口罩 库存不足:现有 2 只,申请 10 只' } });
});

test('a loan with returns cannot be voided until the return is', () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.donation.id, lines: [{ itemId: s.speaker.id, quantity: 3 }] });
  const loan = t.ok('docs.post', { type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.speaker.id, quantity: 2 }] });
  const back = t.ok('docs.post', { type: 'loan_return', checkpointId: s.gate.id, lines: [{ itemId: s.speaker.id, quantity: 1 }] });
  expect(t.call('docs.void', { documentId: loan.id, reason: 'x' })).toEqual({ ok: false, error: { code: 'CANNOT_VOID', message: 'JY20261128-001 中的 手持扩音器 已有归还记录(GH20261128-001),请先作废归还单。' } });
  t.ok('docs.void', { documentId: back.id, reason: '登记错' });
  t.ok('docs.void', { documentId: loan.id, reason: '未借出' });
  expect(t.ok('loans.outstanding')).toEqual([]);
  expect(rows('SELECT quantity FROM stock')).toEqual([{ quantity: 3 }]);
});

test('nothing is posted at or before the lock; backdating inside the open period is allowed', () => {
  t = tempLedger('2026-11-28T16:00:00+08:00');
  const s = seedBasics(t);
  const early = t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T14:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 10 }] });
  lock('2026-11-28T15:00:00+08:00');
  const before = snapshot(t.ledger);
  const message = '2026-11-28 15:00 及以前的账期已报送锁定,不能再登记该时段的单据:请把时间改到 2026-11-28 15:00 之后;已过账的单据可以作废,冲销记在当前账期。';
  for (const time of ['2026-11-28T15:00:00+08:00', '2026-11-28T14:59:59+08:00', '2026-11-01T00:00:00Z']) {
    expect(t.call('docs.post', { type: 'receipt', sourceId: s.allocation.id, time, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toEqual({ ok: false, error: { code: 'PERIOD_LOCKED', message } });
  }
  expect(snapshot(t.ledger)).toEqual(before);
  const backdated = t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T15:00:01+08:00', lines: [{ itemId: s.mask.id, quantity: 1 }] });
  expect(backdated.number).toBe('RK20261128-002');
  // Voiding a document of the locked period is a correction dated now, in the open period.
  const z = t.ok('docs.void', { documentId: early.id, reason: '数量有误' });
  expect(z.time).toBe('2026-11-28T08:00:00.000Z');
  lock('2026-11-28T17:00:00+08:00');
  expect(t.call('docs.void', { documentId: backdated.id, reason: 'x' })).toEqual({
    ok: false, error: { code: 'PERIOD_LOCKED', message: '2026-11-28 17:00 及以前的账期已报送锁定,作废时间不能在该时段内:请把作废时间改到 2026-11-28 17:00 之后(锁定期内的单据也可以作废,冲销记在当前账期)。' },
  });
});

test('times more than ten minutes ahead are refused', () => {
  t = tempLedger('2026-11-28T10:00:00+08:00');
  const s = seedBasics(t);
  expect(t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T10:09:59+08:00', lines: [{ itemId: s.mask.id, quantity: 1 }] }).number).toBe('RK20261128-001');
  expect(t.call('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T10:10:01+08:00', lines: [{ itemId: s.mask.id, quantity: 1 }] })).toEqual({
    ok: false, error: { code: 'FUTURE_TIME', message: '单据时间 2026-11-28 10:10 晚于当前时间,不能登记未来的单据。' },
  });
});
