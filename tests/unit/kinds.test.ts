import { afterEach, expect, test } from 'vitest';
import { z } from 'zod';
import { callApi } from '../../db/api/call';
import { jobContext, query, type Context } from '../../db/api/handler';
import { handlers, type Method } from '../../db/api/handlers';
import { ACCESS, PUBLIC } from '../../db/auth/access';
import { gateCall } from '../../db/host/gate';
import { LedgerHost } from '../../db/host/host';
import { openLedger, write } from '../../db/open';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());
const methods = Object.keys(handlers) as Method[];

test('a query runs on the read-only connection: SQLite refuses a write there, and the type system refuses a transaction', () => {
  t = tempLedger();
  const sneaky = query(z.undefined(), ({ ledger }) => {
    // @ts-expect-error a query's ledger is the read-only one: write() does not take it
    if (Math.random() > 2) write(ledger, () => 0);
    return ledger.db.prepare("INSERT INTO categories (name, sort) VALUES ('偷写', 1)").run();
  });
  const before = snapshot(t.ledger);
  expect(() => (sneaky.run as (c: unknown, i: unknown) => unknown)({ ledger: t.ledger.reader, userId: t.userId }, undefined)).toThrow(
    expect.objectContaining({ code: 'SQLITE_READONLY' }),
  );
  expect(snapshot(t.ledger)).toEqual(before);
});

test('every method has a kind; read-only accounts run queries only (and their own login, logout and password)', async () => {
  t = tempLedger();
  t.ok('users.create', { username: 'viewer', displayName: '只读', role: 'readonly', password: 'viewer-pass-1' });
  const viewer = t.ledger.db.prepare("SELECT id FROM users WHERE username = 'viewer'").pluck().get() as number;
  const kinds = Object.fromEntries(methods.map((m) => [m, handlers[m].kind]));
  expect(new Set(Object.values(kinds))).toEqual(new Set(['query', 'command', 'job']));
  const before = snapshot(t.ledger);
  for (const method of methods) {
    const answer = await callApi({ ledger: t.ledger, userId: viewer }, method, { probe: 1 });
    const refused = !answer.ok && answer.error.code === 'FORBIDDEN';
    const selfService = ['auth.login', 'auth.logout', 'auth.changePassword'].includes(method);
    // Public methods (setup, login, status) answer anyone; for the rest the table and the kind both must allow.
    const open = ACCESS[method] === PUBLIC;
    const listed = open || (ACCESS[method] as readonly string[]).includes('readonly');
    expect([method, refused]).toEqual([method, !open && !(listed && (kinds[method] === 'query' || selfService))]);
  }
  expect(snapshot(t.ledger)).toEqual(before);
});

test('while writes are held (the start-up check), every command and job waits, but a login', async () => {
  t = tempLedger();
  t.ok('users.create', { username: 'boss', displayName: '负责人', role: 'admin', password: 'boss-pass-1' });
  const host = new LedgerHost(t.dir, { ledger: t.ledger });
  const token = host.sessions.create(t.ledger.db.prepare("SELECT id FROM users WHERE username = 'boss'").pluck().get() as number);
  host.checking = true;
  const before = snapshot(t.ledger);
  for (const method of methods) {
    const { result } = await gateCall(host, { token, local: true }, method, { probe: 1 });
    const held = !result.ok && result.error.code === 'DATABASE_BUSY';
    expect([method, held]).toEqual([method, handlers[method].kind !== 'query' && method !== 'auth.login']);
  }
  expect(snapshot(t.ledger)).toEqual(before);
});

test('a job commits once: a second commit is refused', () => {
  t = tempLedger();
  const ctx: Context = { ledger: t.ledger, userId: t.userId, method: 'test.job' };
  const job = jobContext(ctx, {});
  job.commit((tx) => tx.db.prepare("INSERT INTO categories (name, sort) VALUES ('一次', 1)").run());
  expect(() => job.commit((tx) => tx.db.prepare("INSERT INTO categories (name, sort) VALUES ('两次', 2)").run())).toThrow('test.job: a job commits once');
  expect(t.ledger.db.prepare("SELECT name FROM categories WHERE name IN ('一次', '两次')").pluck().all()).toEqual(['一次']);
});

test('submitting a daily report whose files cannot be built leaves no report and no lock', async () => {
  t = tempLedger('2026-11-28T16:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 10 }] });
  const before = snapshot(t.ledger);
  expect(await t.call('reports.daily.submit', { narrative: {}, formats: [], templates: [] })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '请至少选择一种报表格式或模板。' },
  });
  expect(snapshot(t.ledger)).toEqual(before);
  const done = await t.okAsync('reports.daily.submit', { narrative: {}, formats: ['balance'] });
  expect(t.ledger.db.prepare('SELECT report_id, file_name FROM report_files').all()).toEqual(done.files.map((f) => ({ report_id: done.id, file_name: f })));
  expect(t.ok('settings.get').lockedUntil).toBe(done.period.to);
});

test('items made through another connection (another program) are found by this one’s search at once', () => {
  t = tempLedger();
  const other = openLedger(t.dir);
  try {
    expect(t.ok('items.list', { q: 'kz' })).toEqual([]);
    const ctx = { ledger: other, userId: t.userId };
    const made = callApi(ctx, 'items.create', { code: 'KZ01', name: '医用外科口罩', categoryId: 1, unit: '只' });
    expect(made).toMatchObject({ ok: true });
    expect(t.ok('items.list', { q: 'kz' }).map((i) => i.name)).toEqual(['医用外科口罩']);
    callApi(ctx, 'categories.update', { id: 1, name: '防护物资' });
    expect(t.ok('items.list', { q: 'kz' }).map((i) => i.categoryName)).toEqual(['防护物资']);
  } finally {
    other.close();
  }
});
