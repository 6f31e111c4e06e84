import type { Database } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { fail } from '../errors';
import { readSettings, type OfficeSettings } from '../reference/settings';
import type { DailyReportsTable } from '../schema';
import { all, first, qb } from '../sql';
import { addDays, businessDate, zonedInstant } from '../time';
import type { Period } from './types';

/** A stored report, as the schema declares it. */
export type ReportRow = Selectable<DailyReportsTable>;

/** 补报 adds what came after an early report of the same day; 更正 replaces a report of that day. */
export type ReportKind = 'daily' | 'supplement' | 'correction';

/** "12月1日" from "2026-12-01", for messages. */
export const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;

/** The instant a day's report is cut: the office-local cutoff time on that date. */
export function cutoffOf(day: string, s: Pick<OfficeSettings, 'cutoffTime' | 'timeZone'>): Date {
  return zonedInstant(day, s.cutoffTime, s.timeZone);
}

/**
 * The office day an instant belongs to: its period is (the previous day's cutoff, this day's
 * cutoff], so what happens after 15:00 counts towards the next day.
 */
export function officeDayOf(at: Date, s: Pick<OfficeSettings, 'cutoffTime' | 'timeZone'>): string {
  const date = businessDate(at, s.timeZone);
  return at.getTime() > cutoffOf(date, s).getTime() ? addDays(date, 1) : date;
}

/** The report that stands last: the lock is its cutoff, and only it can be withdrawn. */
export function lastSubmitted(db: Database): ReportRow | undefined {
  return first(
    db,
    qb.selectFrom('daily_reports').selectAll().where('state', '=', 'submitted').orderBy('period_to', 'desc').orderBy('id', 'desc').limit(1),
  );
}

function reportsOfDay(db: Database, day: string): ReportRow[] {
  return all(db, qb.selectFrom('daily_reports').selectAll().where('report_date', '=', day).orderBy('id'));
}

/** The day reports are owed from: the setting, or else the office day of the first movement (today for an empty ledger). */
export function startDay(db: Database, s: OfficeSettings, now: Date): { day: string; isDefault: boolean } {
  if (s.reportStartDay) return { day: s.reportStartDay, isDefault: false };
  const firstMove = first(db, qb.selectFrom('movements').select((eb) => eb.fn.min<string>('occurred_at').as('t')))?.t;
  return { day: officeDayOf(firstMove ? new Date(firstMove) : now, s), isDefault: true };
}

/** The most days listed as owed (an office that set its start a year back still gets an answer at once). */
const OWED_LISTED = 400;

export interface ReportDays {
  /** The office day now belongs to, and the instant of its cutoff. */
  today: string;
  dueAt: string;
  startDay: string;
  startDayIsDefault: boolean;
  /** Days whose cutoff has passed without a standing report, oldest first; `owedCount` counts them all. */
  owed: string[];
  owedCount: number;
  /** The day to send next: the oldest owed day, else today unless already sent; null when all is sent. */
  next: string | null;
  /** The day of the report that stands last, which can be sent again (补报/更正) with a reason. */
  latestDay: string | null;
}

export function reportDays(db: Database, now: Date): ReportDays {
  const s = readSettings(db);
  const latest = lastSubmitted(db);
  const latestDay = latest?.report_date ?? null;
  // A later cutoff set after a day was sent does not make that day lie in the future.
  const current = officeDayOf(now, s);
  const today = latestDay && latestDay > current ? latestDay : current;
  const start = startDay(db, s, now);
  let firstOwed = start.day;
  if (latestDay && addDays(latestDay, 1) > firstOwed) firstOwed = addDays(latestDay, 1);
  // Days whose cutoff has passed: up to yesterday's office day, or today once its cutoff is reached.
  const lastDue = cutoffOf(today, s).getTime() <= now.getTime() ? today : addDays(today, -1);
  const owedCount = firstOwed <= lastDue ? daysBetween(firstOwed, lastDue) + 1 : 0;
  const owed: string[] = [];
  for (let d = firstOwed; owed.length < Math.min(owedCount, OWED_LISTED); d = addDays(d, 1)) owed.push(d);
  const next = owed[0] ?? (latestDay === today ? null : today < firstOwed ? null : today);
  return {
    today, dueAt: cutoffOf(today, s).toISOString(), startDay: start.day, startDayIsDefault: start.isDefault,
    owed, owedCount, next, latestDay,
  };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export interface DayPeriod {
  day: string;
  period: Period;
  /** Sent before the day's cutoff: the numbers are 截至 now, and what follows goes to the next day. */
  partial: boolean;
  kind: ReportKind;
}

/**
 * The period a report for `day` covers now, or a Chinese refusal. The next day is sent in order; the
 * day of the last standing report can be sent again (the caller asks for a reason): the same period
 * start, up to the cutoff (or now, before it). Its period starts where the previous day's standing
 * report ended (early: at its 截至 time), else at the previous day's cutoff, or 建账起 (from null)
 * when nothing moved before.
 */
export function dayPeriod(db: Database, now: Date, day?: string): DayPeriod {
  const s = readSettings(db);
  const days = reportDays(db, now);
  const target = day ?? days.next ?? days.latestDay ?? days.today;
  const latest = lastSubmitted(db);
  let from: string | null;
  let kind: ReportKind = 'daily';
  if (target === days.latestDay && latest) {
    from = latest.period_from;
    kind = latest.partial ? 'supplement' : 'correction';
  } else if (target === days.next) {
    if (reportsOfDay(db, target).length) kind = 'correction';
    const before = cutoffOf(addDays(target, -1), s).toISOString();
    if (latest && latest.report_date === addDays(target, -1)) from = latest.period_to;
    else if (!latest && !movedAtOrBefore(db, before)) from = null;
    else from = before;
  } else {
    const md = monthDay;
    if (target > days.today) fail('FUTURE_TIME', `${md(target)} 的日报还不能报送:今天报送的是 ${md(days.today)} 的日报(${s.cutoffTime} 后的数据计入第二日)。`);
    if (days.next && target > days.next) fail('INVALID_INPUT', `请先报送 ${md(days.next)} 的日报:日报须按日期顺序报送。`);
    if (target < days.startDay) fail('INVALID_INPUT', `${md(target)} 早于日报起始日 ${md(days.startDay)},不需要报送。`);
    fail('INVALID_INPUT', `${md(target)} 之后已有报送的日报,这一天的日报不能再报送。`);
  }
  const cutoff = cutoffOf(target, s);
  const partial = cutoff.getTime() > now.getTime();
  return { day: target, period: { from, to: (partial ? now : cutoff).toISOString() }, partial, kind };
}

function movedAtOrBefore(db: Database, at: string): boolean {
  return first(db, qb.selectFrom('movements').select('id').where('occurred_at', '<=', at).limit(1)) !== undefined;
}
