import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { sql, type InferResult } from 'kysely';
import type { Tx } from './open';
import { all, first, prepare, qb, sqlOf } from './sql';
import { auditText } from './audit-text';

export const GENESIS = '0'.repeat(64);

function entryHash(prev: string, id: number, at: string, userId: number, method: string, detail: string): string {
  return createHash('sha256').update(`${prev}|${id}|${at}|${userId}|${method}|${detail}`).digest('hex');
}

/** What the call changed, as JSON: the input (file contents replaced by their size) and the ids it produced. */
export function auditDetail(input: unknown, result?: unknown): string {
  // Passwords never reach the log; long texts (a workbook in base64) are shortened to their length.
  const shrink = (k: string, v: unknown) => (/password/i.test(k) ? '***' : typeof v === 'string' && v.length > 500 ? `[${v.length} 字符]` : v);
  return JSON.stringify({ input: input ?? null, result: summary(result) }, shrink);
}

function summary(result: unknown): unknown {
  if (!result || typeof result !== 'object') return result ?? null;
  const r = result as Record<string, unknown>;
  const keep = ['id', 'number', 'state', 'itemsCreated', 'receipt', 'period', 'anonymised'].filter((k) => k in r);
  return keep.length ? Object.fromEntries(keep.map((k) => [k, r[k]])) : null;
}

// Every write appends an entry, a posting included (post_slip_ms in docs/performance.md): both
// statements are built once and run with their own parameters, as building costs more than running.
const LAST_ENTRY = sqlOf(qb.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1));
const APPEND = sqlOf(qb.insertInto('audit_log').values({ id: 0, at: '', user_id: 0, method: '', detail: '', prev_hash: '', hash: '' }));

/** Appends one entry in the caller's transaction. */
export function appendAudit(tx: Tx, userId: number, method: string, detail: string): void {
  const last = prepare(tx.db, LAST_ENTRY).get(1) as { id: number; hash: string } | undefined;
  const id = (last?.id ?? 0) + 1;
  const prev = last?.hash ?? GENESIS;
  const at = tx.clock.now().toISOString();
  // In the order of APPEND's columns.
  prepare(tx.db, APPEND).run(id, at, userId, method, detail, prev, entryHash(prev, id, at, userId, method, detail));
}

/** The chain head: how many entries and the last hash (printed on each submitted report). */
export function auditHead(db: Database): { count: number; hash: string } {
  const row = first(
    db,
    qb.selectFrom('audit_log').select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).as('h'),
    ]),
  )!;
  return { count: row.n, hash: row.h ?? GENESIS };
}

/** Walks the chain; the first entry whose number, link or hash is wrong is reported. */
export function verifyAudit(db: Database): { ok: boolean; count: number; head: string; firstBroken: number | null; reason: string | null } {
  let prev = GENESIS;
  let expectedId = 1;
  let count = 0;
  // Streamed row by row, so a long chain is checked in flat memory.
  const entries = qb.selectFrom('audit_log').selectAll().orderBy('id');
  const c = entries.compile();
  for (const r of prepare(db, c.sql).iterate(...c.parameters) as IterableIterator<InferResult<typeof entries>[number]>) {
    count++;
    const reason =
      r.id !== expectedId ? `第 ${expectedId} 条记录缺失或顺序被改动` :
      r.prev_hash !== prev ? `第 ${r.id} 条记录与前一条的链接不符` :
      r.hash !== entryHash(prev, r.id, r.at, r.user_id, r.method, r.detail) ? `第 ${r.id} 条记录的内容被改动` : null;
    if (reason) return { ok: false, count, head: r.hash, firstBroken: r.id, reason };
    prev = r.hash;
    expectedId++;
  }
  // Every submitted report froze the chain's head (count and hash); the chain must still reach each.
  for (const anchor of anchors(db)) {
    const row = first(db, qb.selectFrom('audit_log').select('hash').where('id', '=', anchor.count));
    if (!row) return { ok: false, count, head: prev, firstBroken: count + 1, reason: `${anchor.period} 的日报记下审计链共 ${anchor.count} 条,现在只有 ${count} 条:最后的记录被删除了` };
    if (row.hash !== anchor.hash) return { ok: false, count, head: prev, firstBroken: anchor.count, reason: `第 ${anchor.count} 条记录与 ${anchor.period} 的日报记下的不符` };
  }
  return { ok: true, count, head: prev, firstBroken: null, reason: null };
}

/** The audit heads frozen in daily reports (withdrawn ones too: they were sent). */
function anchors(db: Database): { count: number; hash: string; period: string }[] {
  // sqlite_master is SQLite's own catalogue, not one of our tables: declared here, for this one look.
  const catalogue = qb.withTables<{ sqlite_master: { name: string } }>();
  const hasReports = first(db, catalogue.selectFrom('sqlite_master').select('name').where('name', '=', 'daily_reports'));
  if (!hasReports) return [];
  const rows = all(
    db,
    qb.selectFrom('daily_reports')
      .select([
        sql<number | null>`json_extract(snapshot, '$.audit.count')`.as('count'),
        sql<string | null>`json_extract(snapshot, '$.audit.hash')`.as('hash'),
        sql<string | null>`json_extract(snapshot, '$.periodText')`.as('period'),
      ])
      .orderBy('id'),
  );
  return rows.filter((r) => r.count && r.hash).map((r) => ({ count: r.count!, hash: r.hash!, period: r.period ?? '' }));
}

export function listAudit(db: Database, filter: { method?: string; userId?: number; from?: string; to?: string; limit?: number; offset?: number }) {
  const matching = qb
    .selectFrom('audit_log as a')
    .$if(!!filter.method, (q) => q.where('a.method', 'like', `${filter.method}%`))
    .$if(!!filter.userId, (q) => q.where('a.user_id', '=', filter.userId!))
    .$if(!!filter.from, (q) => q.where('a.at', '>=', new Date(filter.from!).toISOString()))
    .$if(!!filter.to, (q) => q.where('a.at', '<', new Date(filter.to!).toISOString()));
  const total = first(db, matching.select((eb) => eb.fn.countAll<number>().as('n')))!.n;
  const rows = all(
    db,
    matching
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.id', 'a.at', 'a.user_id as userId', 'u.display_name as userName', 'a.method', 'a.detail', 'a.hash'])
      .orderBy('a.id', 'desc')
      .limit(filter.limit ?? 100)
      .offset(filter.offset ?? 0),
  );
  // Each entry also as a sentence about the work (audit-text.ts); the raw detail stays as hashed.
  return { total, rows: rows.map((r) => ({ ...r, text: auditText(db, r.method, r.detail) })) };
}
