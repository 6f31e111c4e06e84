import { afterEach, expect, test } from 'vitest';
import { businessDate, localDateTime, zonedInstant } from '../../db/time';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

test('numbers run per type and office-local day, without gaps, and are never reused', () => {
  t = tempLedger('2026-11-28T20:00:00+08:00');
  const s = seedBasics(t);
  const receipt = (time: string) => t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  const issue = (time: string) => t.ok('docs.post', { type: 'issue', time, checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 1 }] });
  expect(receipt('2026-11-27T09:00:00+08:00').number).toBe('RK20261127-001');
  expect(receipt('2026-11-28T09:00:00+08:00').number).toBe('RK20261128-001');
  expect(issue('2026-11-28T09:30:00+08:00').number).toBe('CK20261128-001');
  const second = issue('2026-11-28T09:40:00+08:00');
  expect(second.number).toBe('CK20261128-002');
  t.ok('docs.void', { documentId: second.id, reason: '错发' });
  // A voided number stays taken; a failed post takes none.
  expect(t.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 100000 }] }).ok).toBe(false);
  expect(issue('2026-11-28T10:00:00+08:00').number).toBe('CK20261128-003');
  expect(issue('2026-11-27T23:59:00+08:00').number).toBe('CK20261127-001');
  expect(t.ledger.db.prepare('SELECT number FROM documents ORDER BY id').pluck().all()).toEqual([
    'RK20261127-001', 'RK20261128-001', 'CK20261128-001', 'CK20261128-002', 'ZF20261128-001', 'CK20261128-003', 'CK20261127-001',
  ]);
});

test('a slip posted at 23:30 UTC is numbered on the next office-local day', () => {
  t = tempLedger('2026-11-28T23:35:00Z');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T12:00:00Z', lines: [{ itemId: s.mask.id, quantity: 10 }] });
  const slip = t.posted({ type: 'issue', time: '2026-11-28T23:30:00Z', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 1 }] });
  expect(slip).toMatchObject({ number: 'CK20261129-001', businessDate: '2026-11-29', time: '2026-11-28T23:30:00.000Z' });
});

test('office time is cut in the office zone whatever the machine zone is', () => {
  expect(businessDate(new Date('2026-11-28T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-28');
  expect(businessDate(new Date('2026-11-28T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-29');
  expect(businessDate(new Date('2026-11-28T16:00:00Z'), 'UTC')).toBe('2026-11-28');
  expect(zonedInstant('2026-11-28', '15:00', 'Asia/Shanghai').toISOString()).toBe('2026-11-28T07:00:00.000Z');
  expect(zonedInstant('2026-03-29', '15:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T13:00:00.000Z');
  expect(zonedInstant('2026-03-28', '15:00', 'Europe/Berlin').toISOString()).toBe('2026-03-28T14:00:00.000Z');
});

test('the suite really runs in the machine zone its project names', () => {
  const offset = new Date('2026-01-01T00:00:00Z').getTimezoneOffset();
  expect({ zone: process.env.EXPECTED_TZ, offset }).toEqual(
    process.env.EXPECTED_TZ === 'UTC' ? { zone: 'UTC', offset: 0 } : { zone: 'Asia/Shanghai', offset: -480 },
  );
});

test('the quick office-time arithmetic agrees with Intl across a year and DST changes', () => {
  const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC'];
  for (const tz of zones) {
    const f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3600_000 + 13 * 60_000) {
      const p = Object.fromEntries(f.formatToParts(new Date(t)).filter((x) => x.type !== 'literal').map((x) => [x.type, x.value]));
      expect(localDateTime(new Date(t), tz), `${tz} ${new Date(t).toISOString()}`).toBe(`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`);
    }
  }
});
