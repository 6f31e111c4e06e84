import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Tx } from './open';
import type { AuditLogTable } from './schema';
import { prepare } from './sql';

export const GENESIS = '0'.repeat(64);

type AuditRow = AuditLogTable;

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
  const keep = ['id', 'number', 'state', 'itemsCreated', 'receipt', 'period'].filter((k) => k in r);
  return keep.length ? Object.fromEntries(keep.map((k) => [k, r[k]])) : null;
}

/** Appends one entry in the caller's transaction. */
export function appendAudit(tx: Tx, userId: number, method: string, detail: string): void {
  const last = prepare(tx.db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const id = (last?.id ?? 0) + 1;
  const prev = last?.hash ?? GENESIS;
  const at = tx.clock.now().toISOString();
  prepare(tx.db, 'INSERT INTO audit_log (id, at, user_id, method, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id, at, userId, method, detail, prev, entryHash(prev, id, at, userId, method, detail),
  );
}

/** The chain head: how many entries and the last hash (printed on each submitted report). */
export function auditHead(db: Database): { count: number; hash: string } {
  const row = prepare(db, 'SELECT COUNT(*) AS n, (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS h FROM audit_log').get() as { n: number; h: string | null };
  return { count: row.n, hash: row.h ?? GENESIS };
}

/** Walks the chain; the first entry whose number, link or hash is wrong is reported. */
export function verifyAudit(db: Database): { ok: boolean; count: number; head: string; firstBroken: number | null; reason: string | null } {
  let prev = GENESIS;
  let expectedId = 1;
  let count = 0;
  for (const r of prepare(db, 'SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
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
    const row = prepare(db, 'SELECT hash FROM audit_log WHERE id = ?').get(anchor.count) as { hash: string } | undefined;
    if (!row) return { ok: false, count, head: prev, firstBroken: count + 1, reason: `${anchor.period} 的日报记下审计链共 ${anchor.count} 条,现在只有 ${count} 条:最后的记录被删除了` };
    if (row.hash !== anchor.hash) return { ok: false, count, head: prev, firstBroken: anchor.count, reason: `第 ${anchor.count} 条记录与 ${anchor.period} 的日报记下的不符` };
  }
  return { ok: true, count, head: prev, firstBroken: null, reason: null };
}

/** The audit heads frozen in daily reports (withdrawn ones too: they were sent). */
function anchors(db: Database): { count: number; hash: string; period: string }[] {
  const hasReports = prepare(db, "SELECT 1 FROM sqlite_master WHERE name = 'daily_reports'").get();
  if (!hasReports) return [];
  const rows = prepare(db, "SELECT json_extract(snapshot, '$.audit.count') AS count, json_extract(snapshot, '$.audit.hash') AS hash, json_extract(snapshot, '$.periodText') AS period FROM daily_reports ORDER BY id").all() as { count: number | null; hash: string | null; period: string | null }[];
  return rows.filter((r) => r.count && r.hash).map((r) => ({ count: r.count!, hash: r.hash!, period: r.period ?? '' }));
}

export function listAudit(db: Database, filter: { method?: string; userId?: number; from?: string; to?: string; limit?: number; offset?: number }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.method) (where.push('a.method LIKE ?'), params.push(`${filter.method}%`));
  if (filter.userId) (where.push('a.user_id = ?'), params.push(filter.userId));
  if (filter.from) (where.push('a.at >= ?'), params.push(new Date(filter.from).toISOString()));
  if (filter.to) (where.push('a.at < ?'), params.push(new Date(filter.to).toISOString()));
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (prepare(db, `SELECT COUNT(*) AS n FROM audit_log a ${clause}`).get(...params) as { n: number }).n;
  const rows = prepare(
    db,
    `SELECT a.id, a.at, a.user_id AS userId, u.display_name AS userName, a.method, a.detail, a.hash
     FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ${clause} ORDER BY a.id DESC LIMIT ? OFFSET ?`,
  ).all(...params, filter.limit ?? 100, filter.offset ?? 0) as { id: number; at: string; userId: number; userName: string | null; method: string; detail: string; hash: string }[];
  return { total, rows };
}
