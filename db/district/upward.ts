import type { Database } from 'better-sqlite3';
import { auditHead } from '../audit';
import { fail } from '../errors';
import { fileSafe } from '../file-name';
import type { Tx } from '../open';
import { readSettings } from '../reference/settings';
import { cutoffOf } from '../reports/days';
import { all, first, qb, run } from '../sql';
import { consolidate } from './consolidate';
import { FIGURES, MEASURE_OF } from './figures';
import { signedFile } from './signed';
import { PACKAGE_FORMAT, PACKAGE_SCHEMA, type PackageValue, type ReportPackage } from './package';

/*
 * 上报汇总: the consolidated figures of a day, sent upward as the district's own package, in the same
 * format as a unit's (so the level above merges it like any other: village → township → county),
 * naming the units it sums. Sent again after a late unit reports, it is a 更正 of the one before.
 */

export interface SentConsolidation {
  id: number;
  day: string;
  kind: ReportPackage['kind'];
  submittedAt: string;
  units: number;
  goods: number;
  submittedBy: string;
}

export function submitConsolidation(tx: Tx, day: string, userId: number): SentConsolidation {
  const settings = readSettings(tx.db);
  const summary = consolidate(tx.db, day);
  if (!summary.reported.length) fail('INVALID_INPUT', `${day} 还没有下级单位的报送,无可汇总。`);
  if (!settings.unitCode) fail('INVALID_INPUT', '本单位还没有区划代码:请管理员在“设置 › 单位信息”中填写,上级按它识别本单位。');
  const earlier = first(tx.db, qb.selectFrom('consolidations').select((eb) => eb.fn.countAll<number>().as('n')).where('day', '=', day))!.n;
  const submittedAt = tx.clock.now().toISOString();
  const values: PackageValue[] = summary.rows.flatMap((r) => {
    const item = { code: r.code, name: r.name, spec: r.spec, unit: r.unit, category: r.category };
    const figures = FIGURES.map((f) => ({ item, measure: MEASURE_OF[f], value: r.total[f] }));
    return r.total.coverDays === null ? figures : [...figures, { item, measure: 'coverDays', value: r.total.coverDays }];
  });
  const body: Omit<ReportPackage, 'signature' | 'publicKey'> = {
    format: PACKAGE_FORMAT, schema: PACKAGE_SCHEMA,
    unit: { code: settings.unitCode, name: settings.officeName, superior: settings.superiorName },
    day, period: { from: null, to: cutoffOf(day, settings).toISOString(), text: `${day} 汇总(${summary.reported.length} 个单位)` },
    kind: earlier ? 'correction' : 'daily', reason: earlier ? '下级单位补报或更正后重新汇总' : null, submittedAt,
    values, audit: auditHead(tx.db),
    consolidates: summary.reported.map((u) => ({ code: u.code, name: u.name, kind: u.kind, submittedAt: u.submittedAt })),
  };
  const { id } = run(tx.db, qb.insertInto('consolidations').values({ day, body: signedFile(tx.db, body), submitted_at: submittedAt, submitted_by: userId }));
  return sentConsolidations(tx.db, day).find((c) => c.id === id)!;
}

export function sentConsolidations(db: Database, day: string): SentConsolidation[] {
  return all(db, qb.selectFrom('consolidations as c').innerJoin('users as u', 'u.id', 'c.submitted_by')
    .select(['c.id', 'c.day', 'c.body', 'c.submitted_at', 'u.display_name']).where('c.day', '=', day).orderBy('c.id', 'desc'))
    .map((r) => {
      const p = JSON.parse(r.body) as ReportPackage;
      return { id: r.id, day: r.day, kind: p.kind, submittedAt: r.submitted_at, units: p.consolidates?.length ?? 0, goods: new Set(p.values.map((v) => `${v.item.name}|${v.item.spec}|${v.item.unit}`)).size, submittedBy: r.display_name };
    });
}

/** The package file of a consolidation sent: the same bytes each time it is exported again. */
export function consolidationPackage(db: Database, consolidationId: number): { fileName: string; bytes: Buffer } {
  const row = first(db, qb.selectFrom('consolidations').select(['day', 'body']).where('id', '=', consolidationId));
  if (!row) fail('NOT_FOUND', `汇总报送 ${consolidationId} 不存在。`);
  const p = JSON.parse(row.body) as ReportPackage;
  return { fileName: fileSafe(`${p.unit.name}-汇总-${row.day}${p.kind === 'correction' ? '-更正' : ''}.slpkg`), bytes: Buffer.from(row.body, 'utf8') };
}
