import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import { fileSafe } from '../file-name';
import { readSettings } from '../reference/settings';
import { getReport } from '../reports/daily';
import type { DailyReport, ReportItem } from '../reports/types';
import { openSigned, signedFile } from './signed';

/*
 * 数据包 (.slpkg): a submitted daily report as signed JSON beside its Excel files, for the district to
 * merge. The report's numbers travel in long form, one value per unit × period × item × measure (as a
 * DHIS2 data value set), with the audit chain's head; the office's Ed25519 signature covers all of it,
 * over its canonical JSON (keys sorted). Made from the frozen report, so it is the same file each time.
 */

export const PACKAGE_FORMAT = 'supply-ledger/daily-report';
export const PACKAGE_SCHEMA = 1;

export interface PackageValue {
  item: { code: string; name: string; spec: string; unit: string; category: string };
  measure: string;
  value: number;
}

export interface ReportPackage {
  format: typeof PACKAGE_FORMAT;
  schema: number;
  unit: { code: string; name: string; superior: string };
  day: string;
  period: { from: string | null; to: string; text: string };
  kind: 'daily' | 'supplement' | 'correction';
  reason: string | null;
  submittedAt: string;
  values: PackageValue[];
  audit: { count: number; hash: string } | null;
  /** A consolidated report (汇总): the units whose packages it sums, so the level above can see them. */
  consolidates?: { code: string; name: string; kind: string; submittedAt: string }[];
  publicKey: string;
  signature?: string;
}

/** The measures of an item, in the package's order; a null (no days of cover when nothing was issued) is left out. */
export const MEASURES: [string, (i: ReportItem) => number | null][] = [
  ['opening', (i) => i.opening],
  ['received', (i) => i.received],
  ['received.allocation', (i) => i.receipts.allocation],
  ['received.purchase', (i) => i.receipts.purchase],
  ['received.donation', (i) => i.receipts.donation],
  ['received.other', (i) => i.receipts.other],
  ['issued', (i) => i.issued],
  ['adjusted', (i) => i.adjusted],
  ['lent', (i) => i.lent],
  ['transferredOut', (i) => i.transferredOut],
  ['closing', (i) => i.closing],
  ['dailyIssue', (i) => i.dailyIssue],
  ['coverDays', (i) => i.coverDays],
];

export function reportPackage(db: Database, reportId: number): { fileName: string; bytes: Buffer } {
  const { state, report } = getReport(db, reportId);
  if (state !== 'submitted') fail('INVALID_INPUT', '已撤回的日报不生成数据包。');
  const settings = readSettings(db);
  const body = packageBody(report, settings.unitCode, settings.superiorName);
  const fileName = fileSafe(`${report.officeName}-日报-${report.day}${report.kind && report.kind !== 'daily' ? `-${report.kind === 'supplement' ? '补报' : '更正'}` : ''}.slpkg`);
  return { fileName, bytes: Buffer.from(signedFile(db, body), 'utf8') };
}

function packageBody(report: DailyReport, unitCode: string, superior: string): Omit<ReportPackage, 'publicKey' | 'signature'> {
  if (!report.day || !report.submittedAt) fail('INVALID_INPUT', '只有报送过的日报才生成数据包。');
  return {
    format: PACKAGE_FORMAT, schema: PACKAGE_SCHEMA,
    unit: { code: unitCode, name: report.officeName, superior },
    day: report.day, period: { from: report.period.from, to: report.period.to, text: report.periodText },
    kind: report.kind ?? 'daily', reason: report.reason ?? null, submittedAt: report.submittedAt,
    values: report.items.flatMap((i) => MEASURES.flatMap(([measure, of]) => {
      const value = of(i);
      return value === null ? [] : [{ item: { code: i.code, name: i.name, spec: i.spec, unit: i.unit, category: i.category }, measure, value }];
    })),
    audit: report.audit ?? null,
  };
}

export type Verified = { ok: true; package: ReportPackage; fingerprint: string } | { ok: false; reason: string };

/** A package as the district reads it: its form, its schema, and its signature by the key it carries. */
export function verifyPackage(file: Buffer | string): Verified {
  const o = openSigned<ReportPackage>(typeof file === 'string' ? file : file.toString('utf8'), PACKAGE_FORMAT, PACKAGE_SCHEMA, '数据包', '日报数据包');
  return o.ok ? { ok: true, package: o.body, fingerprint: o.fingerprint } : o;
}
