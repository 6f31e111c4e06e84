import { afterEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger | undefined;
afterEach(() => t?.close());

/** What the return screen shows for a checkpoint: issued net of returns, and on loan, per item. */
test('a checkpoint holds what was issued to it net of returns, and what it borrowed net of what came back', () => {
  t = tempLedger('2026-11-28T10:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T07:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 500 }, { itemId: s.speaker.id, quantity: 4 }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-11-28T08:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 200 }] });
  const second = t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-11-28T08:30:00+08:00', lines: [{ itemId: s.mask.id, quantity: 50 }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.gate.id, personId: s.bob.id, time: '2026-11-28T08:40:00+08:00', lines: [{ itemId: s.mask.id, quantity: 30 }] });
  t.ok('docs.post', { type: 'return', checkpointId: s.site.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 20 }] });
  t.ok('docs.void', { documentId: second.id, reason: '重复录入' });
  t.ok('docs.post', { type: 'loan', checkpointId: s.site.id, personId: s.alice.id, time: '2026-11-28T09:10:00+08:00', lines: [{ itemId: s.speaker.id, quantity: 2 }] });
  t.ok('docs.post', { type: 'loan_return', checkpointId: s.site.id, time: '2026-11-28T09:20:00+08:00', lines: [{ itemId: s.speaker.id, quantity: 1 }] });
  expect(t.ok('holdings.list', { checkpointId: s.site.id })).toEqual([
    { itemId: s.mask.id, code: 'KZ01', name: '医用外科口罩', spec: '独立包装', unit: '只', issued: 180, onLoan: 0 },
    { itemId: s.speaker.id, code: 'SB01', name: '手持扩音器', spec: '', unit: '台', issued: 0, onLoan: 1 },
  ]);
  expect(t.ok('holdings.list', { checkpointId: s.gate.id })).toEqual([
    { itemId: s.mask.id, code: 'KZ01', name: '医用外科口罩', spec: '独立包装', unit: '只', issued: 30, onLoan: 0 },
  ]);
  // A return of more than held names what the checkpoint holds.
  expect(t.call('docs.post', { type: 'return', checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 181 }] })).toEqual({
    ok: false, error: { code: 'RETURN_EXCEEDS_ISSUED', message: '医用外科口罩 退回数量超过该点位已领未退的数量:东湖小区核酸采样点 已领未退 180 只,申请退回 181 只' },
  });
});

test('open loans list each loan with its person, promised day, days out and an overdue flag', () => {
  t = tempLedger('2026-11-28T10:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.donation.id, time: '2026-11-25T07:00:00+08:00', lines: [{ itemId: s.speaker.id, quantity: 5 }] });
  const first = t.posted({ type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, expectedReturn: '2026-11-27', time: '2026-11-25T08:00:00+08:00', lines: [{ itemId: s.speaker.id, quantity: 2 }] });
  const later = t.posted({ type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, expectedReturn: '2026-12-05', time: '2026-11-26T09:00:00+08:00', lines: [{ itemId: s.speaker.id, quantity: 1 }] });
  const noDue = t.posted({ type: 'loan', checkpointId: s.site.id, personId: s.alice.id, time: '2026-11-27T20:00:00+08:00', lines: [{ itemId: s.speaker.id, quantity: 1 }] });
  expect(first.expectedReturn).toBe('2026-11-27');
  // One of the two lent first comes back: the oldest loan is matched first.
  t.ok('docs.post', { type: 'loan_return', checkpointId: s.gate.id, time: '2026-11-27T10:00:00+08:00', lines: [{ itemId: s.speaker.id, quantity: 1 }] });
  expect(t.ok('loans.open')).toEqual([
    {
      documentId: first.id, number: first.number, checkpointId: s.gate.id, checkpointName: '北门卡口', personName: '周建国', personPhone: '13800000002',
      itemId: s.speaker.id, itemName: '手持扩音器', spec: '', unit: '台', lent: 2, out: 1, lentAt: '2026-11-25T00:00:00.000Z',
      expectedReturn: '2026-11-27', daysOut: 3, overdueDays: 1,
    },
    {
      documentId: later.id, number: later.number, checkpointId: s.gate.id, checkpointName: '北门卡口', personName: '周建国', personPhone: '13800000002',
      itemId: s.speaker.id, itemName: '手持扩音器', spec: '', unit: '台', lent: 1, out: 1, lentAt: '2026-11-26T01:00:00.000Z',
      expectedReturn: '2026-12-05', daysOut: 2, overdueDays: 0,
    },
    {
      documentId: noDue.id, number: noDue.number, checkpointId: s.site.id, checkpointName: '东湖小区核酸采样点', personName: '林晓雯', personPhone: '13800000001',
      itemId: s.speaker.id, itemName: '手持扩音器', spec: '', unit: '台', lent: 1, out: 1, lentAt: '2026-11-27T12:00:00.000Z',
      expectedReturn: '', daysOut: 1, overdueDays: 0,
    },
  ]);
  // A voided loan is not out; its void does not count as a return of another loan.
  t.ok('docs.void', { documentId: later.id, reason: '登记错误' });
  expect(t.ok('loans.open').map((l) => [l.number, l.out])).toEqual([[first.number, 1], [noDue.number, 1]]);
});

test('a promised return day belongs to loans only and cannot come before the loan', () => {
  t = tempLedger('2026-11-28T10:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.donation.id, lines: [{ itemId: s.speaker.id, quantity: 5 }] });
  expect(t.call('docs.post', { type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, expectedReturn: '2026-11-27', lines: [{ itemId: s.speaker.id, quantity: 1 }] })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '预计归还日期 2026-11-27 早于借用日期 2026-11-28。' },
  });
  expect(t.call('docs.post', { type: 'issue', checkpointId: s.gate.id, personId: s.bob.id, expectedReturn: '2026-11-30', lines: [{ itemId: s.speaker.id, quantity: 1 }] })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '只有借用单可以填写预计归还日期。' },
  });
});
