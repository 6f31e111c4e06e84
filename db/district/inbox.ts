import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import type { Tx } from '../open';
import { readSettings } from '../reference/settings';
import { text } from '../reference/common';
import { all, first, qb, run } from '../sql';
import { officeDayOf } from '../reports/days';
import { monthDayTime } from '../time';
import { importAck, isAck } from './ack-import';
import { goodsOf, packFigures, unpackFigures, type GoodFigures } from './figures';
import { verifyPackage, type ReportPackage } from './package';
import { keyMismatch, subUnitByCode } from './units';

/*
 * 下级报送: a package file checked and kept. Each file gets its own answer (imported, replacing an
 * earlier one, a duplicate, or refused with the reason), so a folder of thirty is imported in one go
 * and a bad file stops nothing but itself. A resubmission replaces the unit's package of that day;
 * the earlier one is kept, marked replaced, never deleted.
 */

export const packageImportInput = z.strictObject({ fileName: text(200), data: z.string().max(24 * 1024 * 1024) });

export type ImportOutcome =
  | { outcome: 'imported' | 'replaced'; fileName: string; id: number; unit: { code: string; name: string }; day: string; kind: ReportPackage['kind'] | 'ack'; message: string }
  | { outcome: 'duplicate' | 'refused'; fileName: string; message: string };

const KIND_WORDS: Record<ReportPackage['kind'], string> = { daily: '日报', supplement: '补报', correction: '更正' };

export function importPackage(tx: Tx, input: z.infer<typeof packageImportInput>, userId: number): ImportOutcome {
  const { fileName } = input;
  const refused = (message: string): ImportOutcome => ({ outcome: 'refused', fileName, message });
  const bytes = Buffer.from(input.data, 'base64');
  const body = bytes.toString('utf8');
  if (isAck(body)) return importAck(tx, fileName, body, userId);
  if (body.slice(0, 400).includes('"format":"supply-ledger/allocation"')) return refused('这是调拨单:由接收的下级单位在“入库 › 从调拨单入库”中打开,不在这里导入。');
  const verified = verifyPackage(body);
  if (!verified.ok) return refused(verified.reason);
  const pkg = verified.package;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const same = first(tx.db, qb.selectFrom('unit_packages').select(['file_name', 'imported_at']).where('sha256', '=', sha256));
  const settings = readSettings(tx.db);
  const zone = settings.timeZone;
  if (same) return { outcome: 'duplicate', fileName, message: `已于 ${monthDayTime(new Date(same.imported_at), zone)} 导入过(文件“${same.file_name}”内容相同),未重复导入。` };

  if (!pkg.unit?.code) return refused(`数据包没有区划代码:请“${pkg.unit?.name ?? ''}”在“设置 › 单位信息”中填写区划代码后重新导出数据包。`);
  const unit = subUnitByCode(tx.db, pkg.unit.code);
  if (!unit) return refused(`“${pkg.unit.name}”(区划代码 ${pkg.unit.code})不是已登记的下级单位:请先在“下级单位”中登记它,密钥指纹须由该单位管理员电话读出后填写(数据包自带的指纹 ${verified.fingerprint} 只供核对,不能照抄)。`);
  if (!unit.active) return refused(`下级单位“${unit.name}”已停用,不接收它的报送。`);
  const wrongKey = keyMismatch(unit, verified.fingerprint, '数据包');
  if (wrongKey) return refused(wrongKey);
  if (!wellFormed(pkg)) return refused('数据包内容不完整或格式不对(日期、报送时间、类别或数据):请该单位用本程序重新导出。');
  // After the units' deadline a unit's report is the next day's (15时后的数据计入第二日), as its own app counts it.
  const due = officeDayOf(tx.clock.now(), { cutoffTime: settings.unitDeadline, timeZone: zone });
  if (pkg.day > due) return refused(`日报日期 ${pkg.day} 晚于当前可报送的日报日(${due}):请该单位核对电脑的日期。`);

  const current = first(tx.db, qb.selectFrom('unit_packages').select(['id', 'submitted_at', 'kind']).where('unit_id', '=', unit.id).where('day', '=', pkg.day).where('replaced_by', 'is', null));
  if (current && current.submitted_at >= pkg.submittedAt) {
    return refused(`“${unit.name}”${pkg.day} 已有 ${monthDayTime(new Date(current.submitted_at), zone)} 报送的${KIND_WORDS[current.kind]};这个数据包(${monthDayTime(new Date(pkg.submittedAt), zone)} 报送)比它早,未导入。`);
  }
  const now = tx.clock.now().toISOString();
  // One current package per unit and day (a partial unique index): the one replaced steps aside first,
  // pointing at itself until the new one has its id.
  if (current) run(tx.db, qb.updateTable('unit_packages').set({ replaced_by: current.id }).where('id', '=', current.id));
  const { id: newId } = run(tx.db, qb.insertInto('unit_packages').values({
    unit_id: unit.id, day: pkg.day, kind: pkg.kind, submitted_at: pkg.submittedAt, sha256, file_name: fileName,
    body, figures: packFigures(goodsOf(pkg.values)), imported_at: now, imported_by: userId, replaced_by: null,
  }));
  if (current) run(tx.db, qb.updateTable('unit_packages').set({ replaced_by: newId }).where('id', '=', current.id));
  const base = { fileName, id: newId, unit: { code: unit.code, name: unit.name }, day: pkg.day, kind: pkg.kind };
  if (!current) return { ...base, outcome: 'imported', message: `已导入“${unit.name}”${pkg.day} 的${KIND_WORDS[pkg.kind]}(${pkg.values.length} 个数值)。` };
  return { ...base, outcome: 'replaced', message: `已导入“${unit.name}”${pkg.day} 的${KIND_WORDS[pkg.kind]}(${pkg.values.length} 个数值),替换了 ${monthDayTime(new Date(current.submitted_at), zone)} 报送的版本。` };
}

/** What the import relies on, checked before anything is kept: a signed package of another program's making may lack it. */
function wellFormed(p: ReportPackage): boolean {
  const text = (v: unknown) => typeof v === 'string';
  return /^\d{4}-\d{2}-\d{2}$/.test(p.day ?? '') && text(p.submittedAt) && !Number.isNaN(Date.parse(p.submittedAt)) && typeof p.kind === 'string' && Object.hasOwn(KIND_WORDS, p.kind)
    && Array.isArray(p.values) && p.values.every((v) => v && v.item && text(v.item.code) && text(v.item.name) && text(v.item.spec) && text(v.item.unit) && text(v.item.category)
      && text(v.measure) && typeof v.value === 'number' && Number.isFinite(v.value));
}

export interface StoredPackage {
  id: number;
  unitId: number;
  day: string;
  kind: ReportPackage['kind'];
  submittedAt: string;
  goods: GoodFigures[];
}

/** The current package of each unit for a day (resubmissions have replaced the ones before). */
export function currentPackages(db: Database, day: string): StoredPackage[] {
  return all(db, qb.selectFrom('unit_packages').select(['id', 'unit_id', 'day', 'kind', 'submitted_at', 'figures'])
    .where('day', '=', day).where('replaced_by', 'is', null).orderBy('unit_id'))
    .map((r) => ({ id: r.id, unitId: r.unit_id, day: r.day, kind: r.kind, submittedAt: r.submitted_at, goods: unpackFigures(r.figures) }));
}

/** Every package imported for a unit and day range, newest first, with what replaced what (the 报送记录 of the district). */
export function packageHistory(db: Database, from: string, to: string) {
  return all(db, qb.selectFrom('unit_packages as p').innerJoin('sub_units as u', 'u.id', 'p.unit_id').innerJoin('users as by', 'by.id', 'p.imported_by')
    .select(['p.id', 'p.day', 'p.kind', 'p.submitted_at as submittedAt', 'p.imported_at as importedAt', 'p.file_name as fileName', 'p.replaced_by as replacedBy', 'u.code', 'u.name', 'by.display_name as importedBy'])
    .where('p.day', '>=', from).where('p.day', '<=', to).orderBy('p.imported_at', 'desc').orderBy('p.id', 'desc'));
}
