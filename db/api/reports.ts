import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { FORMAT_IDS, reportFiles, type Format, type ReportFile } from '../../excel/daily/workbook';
import { displayNameOf } from '../auth/accounts';
import { fail } from '../errors';
import { computeReport } from '../reports/compute';
import { besideTheLedger, draftReport, getReport, KIND_TEXT, listReports, recordReport, reportFingerprint, requireReason, requireSeen, storedFiles, storeFiles, withdrawReport } from '../reports/daily';
import { dayPeriod } from '../reports/days';
import { reportStatus } from '../reports/status';
import { defaultFormats, templateFiles, templatesFor, type FillableTemplate } from '../reports/templates';
import type { DailyReport, Narrative } from '../reports/types';
import { id, instant, text } from '../reference/common';
import { addDays } from '../time';
import { localParts } from '../time';
import { command, job, noInput, query } from './handler';

const narrative = z.strictObject({
  work: text(2000).default(''),
  problems: text(2000).default(''),
  plans: text(2000).default(''),
  filledBy: text(30).default(''),
  reviewedBy: text(30).default(''),
  phone: text(30).default(''),
});
const formats = z.array(z.enum(FORMAT_IDS as [Format, ...Format[]])).max(FORMAT_IDS.length).optional();
/** What the person confirming saw (reports.daily.preview's fingerprint): the submission is refused if it would differ. */
const seen = z.strictObject({ fingerprint: z.string().max(64), partial: z.boolean(), kind: z.enum(['daily', 'supplement', 'correction']) });

/** A day's report as it would be sent now, with what the form says so far. */
function dayPreview(db: Database, now: Date, dayOf?: string, told?: Narrative, reason = ''): DailyReport {
  const d = dayPeriod(db, now, dayOf);
  return { ...computeReport(db, d.period, d.partial, told), day: d.day, ...besideTheLedger(db, d.day), kind: d.kind, reason: d.kind === 'daily' ? null : reason.trim() || null };
}

/** An office day, "YYYY-MM-DD". */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((d) => addDays(d, 0) === d, '不是有效日期');
/** The superior's own forms to fill as well (default: those marked for export). */
const templates = z.array(id).max(50).optional();

/** Thrown inside a submission's transaction when the ledger moved since the draft: rolled back, drafted again. */
const MOVED = new Error('moved since drafted');

/** The built-in workbook (if any format is chosen) and one file per template. */
async function filesOf(db: Database, report: DailyReport, list: Format[], forms: FillableTemplate[], oneFile: boolean): Promise<ReportFile[]> {
  if (!list.length && !forms.length) fail('INVALID_INPUT', '请至少选择一种报表格式或模板。');
  const base = baseName(report);
  const builtIn = list.length ? await reportFiles(report, list, oneFile, base) : [];
  return [...builtIn, ...(await templateFiles(db, report, forms, base, report.submittedAt ?? new Date().toISOString()))];
}

/** 云杉街道物资日报-2026年12月1日 (a day's report: 补报, 更正, 预览 say so), or the range's end hour. */
function baseName(r: DailyReport): string {
  if (r.day) {
    const [y, m, d] = r.day.split('-').map(Number);
    const kind = r.kind && r.kind !== 'daily' ? `-${KIND_TEXT[r.kind]}` : '';
    const note = `${kind}${r.submittedAt === null ? '-预览' : ''}`;
    return `${r.officeName || ''}物资日报-${y}年${m}月${d}日${note}`;
  }
  const p = localParts(new Date(r.period.to), r.timeZone);
  return `${r.officeName || ''}物资日报-${p.year}年${p.month}月${p.day}日${String(p.hour).padStart(2, '0')}时`;
}

/** A user-chosen range: it must run forwards and must not end in the future. */
function rangePeriod(from: string, to: string, now: Date) {
  if (Date.parse(to) <= Date.parse(from)) fail('INVALID_INPUT', '结束时间必须晚于开始时间。');
  if (Date.parse(to) > now.getTime()) fail('FUTURE_TIME', '结束时间还没有到。');
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

const encode = (files: { fileName: string; bytes: Buffer }[]) => files.map((f) => ({ fileName: f.fileName, data: f.bytes.toString('base64') }));

/** The 15:00 daily report: preview, submit-and-lock, history, withdrawal, any range, Excel files. */
export const reportHandlers = {
  'reports.daily.status': query(noInput, ({ ledger }) => reportStatus(ledger.db, ledger.clock.now())),
  'reports.daily.preview': query(z.strictObject({ day: day.optional() }).optional(), ({ ledger }, input) => {
    const report = dayPreview(ledger.db, ledger.clock.now(), input?.day);
    return { ...report, fingerprint: reportFingerprint(report) };
  }),
  // Numbers and files first, on the read-only connection; then the report, its files and the lock in one
  // commit that confirms nothing moved meanwhile (drafted again, up to three times, if something did).
  'reports.daily.submit': job(
    z.strictObject({ day: day.optional(), reason: text(200).default(''), narrative, formats, templates, oneFile: z.boolean().optional(), seen: seen.optional() }),
    async (ctx, input) => {
      const { ledger } = ctx;
      const chosen = templatesFor(ledger.db, input.templates);
      // 填报人 left empty: whoever sends it.
      const told = { ...input.narrative, filledBy: input.narrative.filledBy || displayNameOf(ledger.db, ctx.userId) };
      for (let attempt = 0; attempt < 3; attempt++) {
        const report = draftReport(ledger.db, told, ledger.clock.now(), input.day, input.reason);
        if (input.seen) requireSeen(ledger.db, report, input.seen);
        requireReason(report, input.reason);
        const files = await filesOf(ledger.db, report, input.formats ?? defaultFormats(ledger.db), chosen, input.oneFile ?? true);
        try {
          const { id } = ctx.commit((tx) => {
            const recorded = recordReport(tx, report, told, ctx.userId, input.reason, files);
            if (recorded === null) throw MOVED;
            return { id: recorded };
          });
          return { id, day: report.day, kind: report.kind, partial: report.partial, period: report.period, periodText: report.periodText, files: files.map((f) => f.fileName) };
        } catch (err) {
          if (err !== MOVED) throw err;
        }
      }
      fail('DATABASE_BUSY', '报送期间台账一直在变动,本次未报送。请稍后再试。');
    },
  ),
  'reports.daily.list': query(z.undefined().or(z.strictObject({})), ({ ledger }) => listReports(ledger.db)),
  'reports.daily.get': query(z.strictObject({ id }), ({ ledger }, input) => getReport(ledger.db, input.id)),
  'reports.daily.withdraw': command(z.strictObject({ id, reason: text(200).refine((s) => s.length > 0, '请填写撤回原因') }), (tx, input, ctx) => {
    withdrawReport(tx, input.id, input.reason, ctx.userId);
    return getReport(tx.db, input.id);
  }),
  'reports.range': query(z.strictObject({ from: instant, to: instant }), ({ ledger }, input) =>
    computeReport(ledger.db, rangePeriod(input.from, input.to, ledger.clock.now()), false),
  ),
  'reports.export': job(
    z.strictObject({
      reportId: id.optional(), day: day.optional(), narrative: narrative.optional(), reason: text(200).optional(),
      from: instant.optional(), to: instant.optional(), formats, templates, oneFile: z.boolean().optional(),
    }),
    async ({ ledger, commit }, input) => {
      if (input.reportId) {
        const stored = storedFiles(ledger.db, input.reportId);
        if (stored.length) return { files: encode(stored) };
        // Files were not stored (the program stopped in between): make them once from the frozen numbers.
        const { report, state } = getReport(ledger.db, input.reportId);
        const files = await filesOf(ledger.db, report, defaultFormats(ledger.db), templatesFor(ledger.db), true);
        if (state === 'submitted') commit((tx) => storeFiles(tx, input.reportId!, files), { audited: false });
        return { files: encode(files) };
      }
      let report: DailyReport;
      if (input.day) {
        // The preview of a day not yet sent: its workbook says so in the title.
        report = dayPreview(ledger.db, ledger.clock.now(), input.day, input.narrative, input.reason);
      } else {
        if (!input.from || !input.to) fail('INVALID_INPUT', '请指定日报、日报日期,或开始和结束时间。');
        report = computeReport(ledger.db, rangePeriod(input.from, input.to, ledger.clock.now()), false);
      }
      const forms = templatesFor(ledger.db, input.templates);
      return { files: encode(await filesOf(ledger.db, report, input.formats ?? defaultFormats(ledger.db), forms, input.oneFile ?? true)) };
    },
  ),
};
