import type { Database } from 'better-sqlite3';
import { auditHead } from '../audit';
import { fail } from '../errors';
import type { Tx } from '../open';
import { readSettings, writeSettings } from '../reference/settings';
import { prepare } from '../sql';
import { businessDate, localDateTime, zonedInstant } from '../time';
import { computeReport, periodText } from './compute';
import type { DailyReport, Narrative, Period } from './types';
import type { Selectable } from 'kysely';
import type { DailyReportsTable } from '../schema';

/** A stored report, as the schema declares it. */
type ReportRow = Selectable<DailyReportsTable>;

function lastSubmitted(db: Database): ReportRow | undefined {
  return prepare(db, "SELECT * FROM daily_reports WHERE state = 'submitted' ORDER BY period_to DESC LIMIT 1").get() as ReportRow | undefined;
}

/**
 * This report's period: from the last submitted cutoff (or the start of the ledger) to today's
 * cutoff once it has passed; before it, up to now (a preview 截至 hh:mm). An explicit cutoff wins.
 */
export function currentPeriod(db: Database, now: Date, cutoff?: string): { period: Period; partial: boolean } {
  const settings = readSettings(db);
  const from = lastSubmitted(db)?.period_to ?? null;
  let to: Date;
  let partial = false;
  if (cutoff) to = new Date(cutoff);
  else {
    const official = zonedInstant(businessDate(now, settings.timeZone), settings.cutoffTime, settings.timeZone);
    if (official.getTime() <= now.getTime() && (!from || official.getTime() > Date.parse(from))) to = official;
    else {
      // To the millisecond: what was posted this very minute is in the preview, as it is in 库存.
      to = now;
      partial = true;
    }
  }
  if (to.getTime() > now.getTime()) fail('FUTURE_TIME', `截止时间 ${localDateTime(to, settings.timeZone)} 还没有到。`);
  if (from && to.getTime() <= Date.parse(from)) {
    fail('INVALID_INPUT', `截止时间必须晚于上一期日报的截止时间 ${localDateTime(new Date(from), settings.timeZone)}。`);
  }
  return { period: { from, to: to.toISOString() }, partial };
}

/** Freezes the report and locks the ledger up to its cutoff, in the caller's transaction. */
/**
 * A daily report as it would be submitted now, read (on any connection) before its files are built:
 * the numbers, the narrative, the submission time and the audit chain's head it will carry.
 */
export function draftReport(db: Database, narrative: Narrative, now: Date, cutoff?: string): DailyReport {
  const { period, partial } = currentPeriod(db, now, cutoff);
  const report = computeReport(db, period, partial, narrative);
  report.submittedAt = now.toISOString();
  report.audit = auditHead(db);
  return report;
}

/**
 * Submits a drafted report and its files in one transaction with the lock: all of it, or none. It
 * first confirms that nothing changed since the draft (the same numbers, the same audit head): when
 * something did, it answers null and writes nothing, and the caller drafts again.
 */
export function recordReport(
  tx: Tx, draft: DailyReport, narrative: Narrative, userId: number, cutoff: string | undefined, files: { fileName: string; bytes: Buffer }[],
): number | null {
  const again = draftReport(tx.db, narrative, new Date(draft.submittedAt!), cutoff);
  if (JSON.stringify(again) !== JSON.stringify(draft)) return null;
  const settings = readSettings(tx.db);
  const r = prepare(
    tx.db,
    `INSERT INTO daily_reports (period_from, period_to, state, submitted_at, submitted_by, narrative, snapshot, previous_lock)
     VALUES (?, ?, 'submitted', ?, ?, ?, ?, ?)`,
  ).run(draft.period.from, draft.period.to, draft.submittedAt, userId, JSON.stringify(narrative), JSON.stringify(draft), settings.lockedUntil);
  writeSettings(tx, { lockedUntil: draft.period.to });
  const id = Number(r.lastInsertRowid);
  storeFiles(tx, id, files);
  return id;
}

/** Leaders only; only the latest submitted report; the lock goes back to where it was. */
export function withdrawReport(tx: Tx, reportId: number, reason: string, userId: number): void {
  const role = (prepare(tx.db, 'SELECT role FROM users WHERE id = ?').get(userId) as { role: string } | undefined)?.role;
  if (role !== 'leader' && role !== 'admin') fail('INVALID_INPUT', '只有负责人可以撤回已报送的日报。');
  const row = prepare(tx.db, 'SELECT * FROM daily_reports WHERE id = ?').get(reportId) as ReportRow | undefined;
  if (!row) fail('NOT_FOUND', `日报(编号 ${reportId})不存在。`);
  if (row.state !== 'submitted') fail('INVALID_INPUT', '这份日报已经撤回。');
  if (lastSubmitted(tx.db)?.id !== row.id) fail('INVALID_INPUT', '之后已有报送的日报,这份日报不能再撤回。');
  prepare(tx.db, "UPDATE daily_reports SET state = 'withdrawn', withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? WHERE id = ?").run(
    tx.clock.now().toISOString(), userId, reason, reportId,
  );
  writeSettings(tx, { lockedUntil: row.previous_lock });
}

export function listReports(db: Database) {
  const { timeZone } = readSettings(db);
  return (prepare(
    db,
    `SELECT r.*, u.display_name AS submitter, w.display_name AS withdrawer,
            (SELECT COUNT(*) FROM report_files f WHERE f.report_id = r.id) AS files
     FROM (SELECT id, period_from, period_to, state, submitted_at, submitted_by, withdrawn_at, withdrawn_by, withdraw_reason FROM daily_reports) r
     JOIN users u ON u.id = r.submitted_by LEFT JOIN users w ON w.id = r.withdrawn_by
     ORDER BY r.period_to DESC, r.id DESC`,
  ).all() as (Omit<ReportRow, 'snapshot' | 'narrative' | 'previous_lock'> & { submitter: string; withdrawer: string | null; files: number })[]).map((r) => ({
    id: r.id, from: r.period_from, to: r.period_to, state: r.state, submittedAt: r.submitted_at, submitter: r.submitter,
    periodText: periodText({ from: r.period_from, to: r.period_to }, timeZone), files: r.files,
    withdrawnAt: r.withdrawn_at, withdrawer: r.withdrawer, withdrawReason: r.withdraw_reason,
  }));
}

export function getReport(db: Database, reportId: number): { id: number; state: string; report: DailyReport; files: string[] } {
  const row = prepare(db, 'SELECT * FROM daily_reports WHERE id = ?').get(reportId) as ReportRow | undefined;
  if (!row) fail('NOT_FOUND', `日报(编号 ${reportId})不存在。`);
  const files = (prepare(db, 'SELECT file_name FROM report_files WHERE report_id = ? ORDER BY id').all(reportId) as { file_name: string }[]).map((f) => f.file_name);
  return { id: row.id, state: row.state, report: JSON.parse(row.snapshot) as DailyReport, files };
}

export function storedFiles(db: Database, reportId: number): { fileName: string; bytes: Buffer }[] {
  return (prepare(db, 'SELECT file_name, bytes FROM report_files WHERE report_id = ? ORDER BY id').all(reportId) as { file_name: string; bytes: Buffer }[]).map((f) => ({
    fileName: f.file_name,
    bytes: f.bytes,
  }));
}

export function storeFiles(tx: Tx, reportId: number, files: { fileName: string; bytes: Buffer }[]): void {
  const insert = prepare(tx.db, 'INSERT INTO report_files (report_id, file_name, bytes) VALUES (?, ?, ?)');
  for (const f of files) insert.run(reportId, f.fileName, f.bytes);
}
