import type { Database } from 'better-sqlite3';
import { auditHead } from '../audit';
import { fail } from '../errors';
import type { Tx } from '../open';
import { readSettings, writeSettings } from '../reference/settings';
import { all, first, qb, run } from '../sql';
import { businessDate, localDateTime, zonedInstant } from '../time';
import { computeReport, periodText } from './compute';
import type { DailyReport, Narrative, Period } from './types';
import type { Selectable } from 'kysely';
import type { DailyReportsTable } from '../schema';

/** A stored report, as the schema declares it. */
type ReportRow = Selectable<DailyReportsTable>;

function reportById(db: Database, reportId: number): ReportRow {
  const row = first(db, qb.selectFrom('daily_reports').selectAll().where('id', '=', reportId));
  if (!row) fail('NOT_FOUND', `日报(编号 ${reportId})不存在。`);
  return row;
}

function lastSubmitted(db: Database): ReportRow | undefined {
  return first(db, qb.selectFrom('daily_reports').selectAll().where('state', '=', 'submitted').orderBy('period_to', 'desc').limit(1));
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
  const { id } = run(
    tx.db,
    qb.insertInto('daily_reports').values({
      period_from: draft.period.from,
      period_to: draft.period.to,
      state: 'submitted',
      submitted_at: draft.submittedAt!,
      submitted_by: userId,
      narrative: JSON.stringify(narrative),
      snapshot: JSON.stringify(draft),
      previous_lock: settings.lockedUntil,
    }),
  );
  writeSettings(tx, { lockedUntil: draft.period.to });
  storeFiles(tx, id, files);
  return id;
}

/** Leaders only; only the latest submitted report; the lock goes back to where it was. */
export function withdrawReport(tx: Tx, reportId: number, reason: string, userId: number): void {
  const role = first(tx.db, qb.selectFrom('users').select('role').where('id', '=', userId))?.role;
  if (role !== 'leader' && role !== 'admin') fail('INVALID_INPUT', '只有负责人可以撤回已报送的日报。');
  const row = reportById(tx.db, reportId);
  if (row.state !== 'submitted') fail('INVALID_INPUT', '这份日报已经撤回。');
  if (lastSubmitted(tx.db)?.id !== row.id) fail('INVALID_INPUT', '之后已有报送的日报,这份日报不能再撤回。');
  run(
    tx.db,
    qb.updateTable('daily_reports')
      .set({ state: 'withdrawn', withdrawn_at: tx.clock.now().toISOString(), withdrawn_by: userId, withdraw_reason: reason })
      .where('id', '=', reportId),
  );
  writeSettings(tx, { lockedUntil: row.previous_lock });
}

export function listReports(db: Database) {
  const { timeZone } = readSettings(db);
  const rows = all(
    db,
    qb
      .selectFrom((eb) =>
        eb.selectFrom('daily_reports')
          .select(['id', 'period_from', 'period_to', 'state', 'submitted_at', 'submitted_by', 'withdrawn_at', 'withdrawn_by', 'withdraw_reason'])
          .as('r'),
      )
      .innerJoin('users as u', 'u.id', 'r.submitted_by')
      .leftJoin('users as w', 'w.id', 'r.withdrawn_by')
      .selectAll('r')
      .select((eb) => [
        'u.display_name as submitter',
        'w.display_name as withdrawer',
        eb.selectFrom('report_files as f').select(eb.fn.countAll<number>().as('n')).whereRef('f.report_id', '=', 'r.id').$asScalar().as('files'),
      ])
      .orderBy('r.period_to', 'desc')
      .orderBy('r.id', 'desc'),
  );
  return rows.map((r) => ({
    id: r.id, from: r.period_from, to: r.period_to, state: r.state, submittedAt: r.submitted_at, submitter: r.submitter,
    periodText: periodText({ from: r.period_from, to: r.period_to }, timeZone), files: r.files,
    withdrawnAt: r.withdrawn_at, withdrawer: r.withdrawer, withdrawReason: r.withdraw_reason,
  }));
}

export function getReport(db: Database, reportId: number): { id: number; state: string; report: DailyReport; files: string[] } {
  const row = reportById(db, reportId);
  const files = all(db, qb.selectFrom('report_files').select('file_name').where('report_id', '=', reportId).orderBy('id')).map((f) => f.file_name);
  return { id: row.id, state: row.state, report: JSON.parse(row.snapshot) as DailyReport, files };
}

export function storedFiles(db: Database, reportId: number): { fileName: string; bytes: Buffer }[] {
  return all(db, qb.selectFrom('report_files').select(['file_name', 'bytes']).where('report_id', '=', reportId).orderBy('id')).map((f) => ({
    fileName: f.file_name,
    bytes: f.bytes,
  }));
}

export function storeFiles(tx: Tx, reportId: number, files: { fileName: string; bytes: Buffer }[]): void {
  for (const f of files) run(tx.db, qb.insertInto('report_files').values({ report_id: reportId, file_name: f.fileName, bytes: f.bytes }));
}
