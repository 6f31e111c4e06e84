import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { auditHead } from '../audit';
import { fail } from '../errors';
import type { Tx } from '../open';
import { readSettings, writeSettings } from '../reference/settings';
import { all, first, qb, run } from '../sql';
import { localDateTime } from '../time';
import { computeReport, periodText } from './compute';
import { displayNameOf } from '../auth/accounts';
import { supplyDay } from '../rounds/supply-day';
import { unitRows } from '../district/consolidate';
import { dayPeriod, lastSubmitted, monthDay, type ReportKind, type ReportRow } from './days';
import type { DailyReport, Narrative } from './types';

function reportById(db: Database, reportId: number): ReportRow {
  const row = first(db, qb.selectFrom('daily_reports').selectAll().where('id', '=', reportId));
  if (!row) fail('NOT_FOUND', `日报(编号 ${reportId})不存在。`);
  return row;
}

/** What a day's report carries that is not the stock ledger's: 居民代购保供, and the units' figures of a consolidating office (各单位). */
export function besideTheLedger(db: Database, day: string): Pick<DailyReport, 'supply' | 'units'> {
  return { supply: supplyDay(db, day), units: readSettings(db).consolidates ? unitRows(db, day) : null };
}

/**
 * A daily report for an office day as it would be submitted now, read (on any connection) before its
 * files are built: the numbers, the narrative, the submission time and the audit chain's head it will carry.
 */
export function draftReport(db: Database, narrative: Narrative, now: Date, day?: string, reason = ''): DailyReport {
  const d = dayPeriod(db, now, day);
  const report = computeReport(db, d.period, d.partial, narrative);
  report.day = d.day;
  Object.assign(report, besideTheLedger(db, d.day));
  report.kind = d.kind;
  report.reason = d.kind === 'daily' ? null : reason.trim() || null;
  report.submittedAt = now.toISOString();
  report.audit = auditHead(db);
  return report;
}

/**
 * Submits a drafted report and its files in one transaction with the lock: all of it, or none. It
 * first confirms that nothing changed since the draft (the same day and period, the same numbers, the
 * same audit head): when something did, it answers null and writes nothing, and the caller drafts again.
 * A second report of the same day needs its reason.
 */
export function recordReport(
  tx: Tx, draft: DailyReport, narrative: Narrative, userId: number, reason: string, files: { fileName: string; bytes: Buffer }[],
): number | null {
  const again = draftReport(tx.db, narrative, new Date(draft.submittedAt!), draft.day ?? undefined, reason);
  if (JSON.stringify(again) !== JSON.stringify(draft)) return null;
  requireReason(draft, reason);
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
      report_date: draft.day,
      kind: draft.kind,
      reason: draft.reason ?? null,
      partial: draft.partial ? 1 : 0,
    }),
  );
  writeSettings(tx, { lockedUntil: draft.period.to });
  storeFiles(tx, id, files);
  return id;
}

/**
 * The numbers a report shows, as one short hash: what the preview showed and what a submission would
 * send are the same report exactly when these agree (an early report's end, "now", left out).
 */
export function reportFingerprint(r: DailyReport): string {
  const { items, checkpoints, slips, receipts, batches, loans, day, kind, partial } = r;
  const shown = { from: r.period.from, to: partial ? null : r.period.to, items, checkpoints, slips, receipts, batches, loans, day, kind, partial };
  return createHash('sha256').update(JSON.stringify(shown)).digest('hex').slice(0, 16);
}

/** What the person confirming a report saw: the numbers' fingerprint, early or not, first or again. */
export interface SeenReport { fingerprint: string; partial: boolean; kind: ReportKind }

/** Refuses a submission that would differ from what was confirmed, saying what changed. */
export function requireSeen(db: Database, draft: DailyReport, seen: SeenReport): void {
  const day = monthDay(draft.day!);
  if (draft.kind !== seen.kind && seen.kind === 'daily') {
    const sent = lastSubmitted(db);
    const who = sent ? displayNameOf(db, sent.submitted_by) : '';
    const at = sent ? localDateTime(new Date(sent.submitted_at), draft.timeZone).slice(11) : '';
    fail('REPORT_CHANGED', `${day}日报已由 ${who} 于 ${at} 报送(在您打开此页之后)。本次未报送;如需再次报送,请点“补报/更正”并填写原因。`);
  }
  if (draft.kind !== seen.kind) fail('REPORT_CHANGED', `${day}日报的报送情况在您打开此页之后有变化(如被撤回)。本次未报送,请核对后再报送。`);
  if (seen.partial && !draft.partial) {
    fail('REPORT_CHANGED', `已过截止时间:本次将是 ${day}的正式日报(截至截止时间),不再是提前报送。本次未报送,请核对更新后的数字再报送。`);
  }
  if (reportFingerprint(draft) !== seen.fingerprint) fail('REPORT_CHANGED', `您核对之后台账有变动,${day}日报的数字已经不同。本次未报送,请核对更新后的数字再报送。`);
}

/** A second report of the same day says why it was sent. */
export function requireReason(draft: DailyReport, reason: string): void {
  if (draft.kind !== 'daily' && !reason.trim()) {
    fail('INVALID_INPUT', `${monthDay(draft.day!)} 已报送过日报,再次报送(${KIND_TEXT[draft.kind!]})须填写原因。`);
  }
}

export const KIND_TEXT: Record<ReportKind, string> = { daily: '日报', supplement: '补报', correction: '更正' };


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
          .select(['id', 'period_from', 'period_to', 'state', 'submitted_at', 'submitted_by', 'withdrawn_at', 'withdrawn_by', 'withdraw_reason', 'report_date', 'kind', 'reason', 'partial', 'previous_lock'])
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
    day: r.report_date, kind: r.kind, kindText: KIND_TEXT[r.kind], reason: r.reason, partial: r.partial === 1,
    /** Where the lock goes back to if this report is withdrawn (empty: nothing locked). */
    previousLock: r.previous_lock,
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
