import { afterAll, beforeAll, expect, test } from 'vitest';
import { handlers, type Method } from '../../db/api/handlers';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
let s: ReturnType<typeof seedBasics>;
let before: Record<string, unknown[]>;

beforeAll(() => {
  t = tempLedger();
  s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }, { itemId: s.rice.id, quantity: '2.5' }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  before = snapshot(t.ledger);
});
afterAll(() => t.close());

const CODES = new Set(['INVALID_INPUT', 'NOT_FOUND', 'DUPLICATE', 'INACTIVE', 'INSUFFICIENT_STOCK', 'BATCH_EXPIRED', 'BATCH_REQUIRED', 'NOT_DURABLE', 'LOAN_RETURN_EXCEEDS', 'RETURN_EXCEEDS_ISSUED', 'PERIOD_LOCKED', 'FUTURE_TIME', 'ALREADY_VOIDED', 'CANNOT_VOID', 'UNKNOWN_METHOD']);
const huge = '口'.repeat(100_000);

async function expectRefused(method: string, input: unknown) {
  const r = await t.call(method as Method, input as never);
  expect(r.ok, `${method} ${JSON.stringify(input)?.slice(0, 120)}`).toBe(false);
  if (r.ok) return;
  expect(CODES.has(r.error.code), r.error.code).toBe(true);
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(Object.keys(r.error).sort()).toEqual(['code', 'message']);
}

test('every method refuses wrongly typed input with a typed Chinese error and changes nothing', async () => {
  const generic: unknown[] = [42, 'x', [], null, true, { bogus: 1 }, { id: huge }];
  for (const method of Object.keys(handlers)) {
    for (const input of generic) await expectRefused(method, input);
  }
  expect(snapshot(t.ledger)).toEqual(before);
});

test('unknown methods and prototype names are refused', async () => {
  for (const m of ['nope', 'items.drop', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) await expectRefused(m, {});
});

test('bad quantities, unknown ids, empty lines and huge strings are refused without a partial write', async () => {
  const slip = (lines: unknown[], extra: object = {}) => ({ type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines, ...extra });
  const cases: [Method, unknown][] = [
    ['docs.post', slip([])],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: -1 }])],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: 0 }])],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: '1.5' }])],
    ['docs.post', slip([{ itemId: s.rice.id, quantity: '0.0001' }])],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: '1e3' }])],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: 'NaN' }])],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: Infinity }])],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: '99999999999999999999' }])],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: ' ' }])],
    ['docs.post', slip([{ itemId: 9999, quantity: 1 }])],
    ['docs.post', slip([{ itemId: 1.5, quantity: 1 }])],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: 1 }], { checkpointId: 9999 })],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: 1 }], { personId: -3 })],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: 1 }], { storeId: 77 })],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: 1, note: huge }])],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: 1 }], { time: 'yesterday' })],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: 1 }], { time: '2026-11-28T10:00:00' })],
    ['docs.post', slip([{ itemId: s.mask.id, quantity: 5 }, { itemId: s.mask.id, quantity: 1, batchId: 999 }])],
    ['docs.post', slip(Array.from({ length: 501 }, () => ({ itemId: s.mask.id, quantity: 1 })))],
    ['docs.post', { type: 'void', lines: [{ itemId: s.mask.id, quantity: 1 }] }],
    ['docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 1, expiryDate: '2026-02-30' }] }],
    ['docs.void', { documentId: 9999, reason: '无' }],
    ['docs.get', { id: 0 }],
    ['items.create', { name: '', categoryId: 1, unit: '只' }],
    ['items.create', { name: huge, categoryId: 1, unit: '只' }],
    ['items.create', { name: '新物资', categoryId: 999, unit: '只' }],
    ['items.create', { name: '新物资', categoryId: 1, unit: '只', decimals: 4 }],
    ['items.create', { name: '新物资', categoryId: 1, unit: '只', minStock: '0.5' }],
    ['items.create', { name: '新物资', categoryId: 1, unit: '只', unitPrice: 1.5 }],
    ['items.update', { id: s.mask.id, decimals: 2 }],
    ['items.update', { id: 12345, name: 'x' }],
    ['checkpoints.create', { name: '东湖小区核酸采样点', type: '卡口' }],
    ['checkpoints.create', { name: '新点位', type: '火星' }],
    ['people.create', { name: '王', checkpointId: 4242 }],
    ['people.update', { id: s.alice.id, name: '\u0000' }],
    ['sources.create', { name: '某单位', type: 'gift' }],
    ['categories.create', { name: '防护用品' }],
    ['users.create', { username: 'local', displayName: '重复', role: 'admin' }],
    ['users.create', { username: 'a b', displayName: '空格', role: 'admin' }],
    ['stock.card', { itemId: 4242 }],
    ['settings.update', { timeZone: 'Mars/Base' }],
    ['settings.update', { cutoffTime: '25:00' }],
    ['settings.update', { lockedUntil: '2030-01-01T00:00:00Z' }],
    ['catalog.importCommit', { fileName: 'a.xlsx', data: 'not base64 at all' }],
    ['catalog.importCommit', { fileName: 'a.doc', data: 'AAAA' }],
    ['catalog.importPreview', { fileName: '', data: 'AAAA' }],
  ];
  for (const [method, input] of cases) await expectRefused(method, input);
  expect(snapshot(t.ledger)).toEqual(before);
});
