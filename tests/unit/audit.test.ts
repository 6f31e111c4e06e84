import { afterEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const entries = () => t.ledger.db.prepare('SELECT id, user_id, method, detail FROM audit_log ORDER BY id').all() as { id: number; user_id: number; method: string; detail: string }[];

test('every successful write is appended with who, when, which method and what; reads and refusals are not', () => {
  t = tempLedger();
  const s = seedBasics(t);
  const before = entries().length;
  expect(before).toBe(10); // the items, sources, checkpoints and people seedBasics created
  const doc = t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  t.ok('stock.list');
  t.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 99 }] });
  const log = entries();
  expect(log.length).toBe(before + 1);
  expect(log[log.length - 1]).toEqual({
    id: before + 1, user_id: t.userId, method: 'docs.post',
    detail: JSON.stringify({ input: { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 10 }] }, result: { id: doc.id, number: doc.number } }),
  });
  expect(t.ok('audit.verify')).toMatchObject({ ok: true, count: before + 1, firstBroken: null });
  const listed = t.ok('audit.list', { method: 'docs.' });
  expect(listed.rows.map((r) => [r.method, r.userName])).toEqual([['docs.post', '本机操作员']]);
});

test('audit.verify finds the first entry edited, deleted or forged behind the app\'s back', () => {
  t = tempLedger();
  seedBasics(t);
  const db = t.ledger.db;
  expect(t.ok('audit.verify')).toMatchObject({ ok: true, count: 10 });
  db.prepare("UPDATE audit_log SET detail = replace(detail, '医用外科口罩', '口罩') WHERE id = 1").run();
  expect(t.ok('audit.verify')).toMatchObject({ ok: false, firstBroken: 1, reason: '第 1 条记录的内容被改动' });
  const fresh = () => {
    t.close();
    t = tempLedger();
    seedBasics(t);
    return t.ledger.db;
  };
  fresh().prepare('DELETE FROM audit_log WHERE id = 4').run();
  expect(t.ok('audit.verify')).toMatchObject({ ok: false, firstBroken: 5, reason: '第 4 条记录缺失或顺序被改动' });
  const d3 = fresh();
  const last = d3.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
  d3.prepare("INSERT INTO audit_log (id, at, user_id, method, detail, prev_hash, hash) VALUES (?, '2026-11-28T02:00:00.000Z', 1, 'docs.void', '{}', ?, 'forged')").run(last.id + 1, last.hash);
  expect(t.ok('audit.verify')).toMatchObject({ ok: false, firstBroken: last.id + 1, reason: `第 ${last.id + 1} 条记录的内容被改动` });
});

test('the chain head is frozen into each submitted report and printed on its sheets', async () => {
  t = tempLedger('2026-11-28T16:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 10 }] });
  const head = t.ok('audit.verify');
  const sub = await t.okAsync('reports.daily.submit', { narrative: { work: '', problems: '', plans: '', filledBy: '王联络', reviewedBy: '李组长', phone: '' } });
  const stored = t.ok('reports.daily.get', { id: sub.id });
  expect(stored.report.audit).toEqual({ count: head.count, hash: head.head });
  expect(entries().at(-1)!.method).toBe('reports.daily.submit');
  expect(t.ok('audit.verify')).toMatchObject({ ok: true, count: head.count + 1 });
});

test('audit.verify notices entries deleted from the end, against every head frozen in a submitted report', async () => {
  t = tempLedger('2026-11-28T16:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 10 }] });
  const report = await t.okAsync('reports.daily.submit', { narrative: {}, formats: ['balance'] });
  const frozen = (t.ledger.db.prepare("SELECT json_extract(snapshot, '$.audit.count') FROM daily_reports WHERE id = ?").pluck().get(report.id)) as number;
  t.ok('categories.create', { name: '之后的类别' });
  expect(t.ok('audit.verify')).toMatchObject({ ok: true });
  // Deleting the entries after the report leaves a whole chain, but not the one the report froze.
  t.ledger.db.prepare('DELETE FROM audit_log WHERE id >= ?').run(frozen);
  expect(t.ok('audit.verify')).toMatchObject({
    ok: false, count: frozen - 1, firstBroken: frozen, reason: `${report.periodText} 的日报记下审计链共 ${frozen} 条,现在只有 ${frozen - 1} 条:最后的记录被删除了`,
  });
});
