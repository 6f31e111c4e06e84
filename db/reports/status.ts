import type { Database } from 'better-sqlite3';
import { displayNameOf } from '../auth/accounts';
import { readSettings } from '../reference/settings';
import { all, qb } from '../sql';
import { periodText } from './compute';
import { KIND_TEXT } from './daily';
import { lastSubmitted, reportDays, type ReportDays } from './days';
import type { Narrative } from './types';

export interface ReportStatus extends ReportDays {
  now: string;
  cutoffTime: string;
  /** The report that stands last, with its files: 已报送 hh:mm by whom. */
  standing: {
    id: number; day: string | null; periodText: string; submittedAt: string; submitter: string;
    partial: boolean; kind: string; kindText: string; reason: string | null; files: string[]; narrative: Narrative;
  } | null;
  /** 审核人 and 联系电话 as on the last report made (填报人 is whoever is logged in). */
  defaults: { reviewedBy: string; phone: string };
}

/** What the report screen shows at a glance: today's state, the days owed, what stands and who sent it. */
export function reportStatus(db: Database, now: Date): ReportStatus {
  const { timeZone, cutoffTime } = readSettings(db);
  const days = reportDays(db, now);
  const row = lastSubmitted(db);
  let standing: ReportStatus['standing'] = null;
  if (row) {
    const submitter = displayNameOf(db, row.submitted_by);
    const files = all(db, qb.selectFrom('report_files').select('file_name').where('report_id', '=', row.id).orderBy('id')).map((f) => f.file_name);
    standing = {
      id: row.id, day: row.report_date, periodText: periodText({ from: row.period_from, to: row.period_to }, timeZone), submittedAt: row.submitted_at,
      submitter, partial: row.partial === 1, kind: row.kind, kindText: KIND_TEXT[row.kind], reason: row.reason, files,
      narrative: JSON.parse(row.narrative) as Narrative,
    };
  }
  // The last reports' 审核人 and 联系电话, each the latest one given.
  const told = all(db, qb.selectFrom('daily_reports').select('narrative').orderBy('id', 'desc').limit(30)).map((r) => JSON.parse(r.narrative) as Partial<Narrative>);
  const latest = (key: 'reviewedBy' | 'phone') => told.find((n) => n[key])?.[key] ?? '';
  return { ...days, now: now.toISOString(), cutoffTime, standing, defaults: { reviewedBy: latest('reviewedBy'), phone: latest('phone') } };
}
