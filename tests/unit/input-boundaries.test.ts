import { afterEach, expect, test } from 'vitest';
import type { Method } from '../../db/api/handlers';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

test('an update that names only the row to change is refused as input, and nothing is written', () => {
  t = tempLedger();
  const s = seedBasics(t);
  const user = t.ok('users.create', { username: 'clerk', displayName: '保管员', role: 'clerk', password: 'clerk-pass-1' });
  const cases: [Method, number][] = [
    ['users.update', user.id],
    ['categories.update', 1],
    ['items.update', s.mask.id],
    ['sources.update', s.allocation.id],
    ['checkpoints.update', s.site.id],
    ['people.update', s.alice.id],
  ];
  const before = snapshot(t.ledger);
  for (const [method, id] of cases) {
    expect([method, t.call(method, { id } as never)]).toEqual([method, { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误:没有要修改的内容。' } }]);
    // Fields given as undefined are no change either.
    expect([method, t.call(method, { id, active: undefined } as never)]).toEqual([method, { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误:没有要修改的内容。' } }]);
  }
  expect(snapshot(t.ledger)).toEqual(before);
  // One real field is a change.
  expect(t.ok('categories.update', { id: 1, sort: 5 })).toMatchObject({ id: 1, sort: 5 });
});

test('text with a lone surrogate is refused wherever it is sent, and nothing is stored', () => {
  t = tempLedger();
  const s = seedBasics(t);
  const before = snapshot(t.ledger);
  const refused = { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('无法保存的字符') } };
  expect(t.call('items.create', { code: 'KZ09', name: '口罩\ud800', categoryId: 1, unit: '只' })).toEqual(refused);
  expect(t.call('categories.create', { name: '\udc00类' })).toEqual(refused);
  expect(t.call('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', note: '到货\udfff', lines: [{ itemId: s.mask.id, quantity: 10 }] })).toEqual(refused);
  expect(t.call('settings.update', { officeName: '青禾街道\ud83d' })).toEqual(refused);
  expect(snapshot(t.ledger)).toEqual(before);
  // A whole pair (an emoji, a rare character outside the BMP) is text like any other.
  expect(t.ok('categories.create', { name: '𠮷类😷' }).name).toBe('𠮷类😷');
});
