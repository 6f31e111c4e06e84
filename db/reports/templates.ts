import type { Database } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { fail } from '../errors';
import type { Tx } from '../open';
import { readSettings } from '../reference/settings';
import { all, first, qb, run } from '../sql';
import type { ReportTemplatesTable } from '../schema';
import { DEFAULT_FORMATS, FORMAT_IDS, FORMATS, type Format, type ReportFile } from '../../excel/daily/workbook';
import { fillTemplate, inspectTemplate } from '../../excel/template/fill';
import type { TemplateInfo } from '../../excel/template/scan';
import type { DailyReport } from './types';

export interface TemplateView {
  id: number;
  name: string;
  fileName: string;
  size: number;
  defaultDataset: string | null;
  exportByDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A stored template without its bytes, with their size. */
type TemplateRow = Omit<Selectable<ReportTemplatesTable>, 'bytes' | 'created_by'> & { size: number };

const view = (r: TemplateRow): TemplateView => ({
  id: r.id,
  name: r.name,
  fileName: r.file_name,
  size: r.size,
  defaultDataset: r.default_dataset,
  exportByDefault: r.export_by_default === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listTemplates(db: Database): TemplateView[] {
  const rows = all(
    db,
    qb.selectFrom('report_templates')
      .select((eb) => ['id', 'name', 'file_name', eb.fn<number>('length', ['bytes']).as('size'), 'default_dataset', 'export_by_default', 'created_at', 'updated_at'])
      .orderBy('id'),
  );
  return rows.map(view);
}

export function getTemplate(db: Database, id: number): TemplateView & { bytes: Buffer } {
  const row = first(db, qb.selectFrom('report_templates').selectAll().where('id', '=', id));
  if (!row) fail('NOT_FOUND', '报表模板不存在。');
  return { ...view({ ...row, size: row.bytes.length }), bytes: row.bytes };
}

/** The built-in formats the daily report exports unless told otherwise. */
export function defaultFormats(db: Database): Format[] {
  const raw = first(db, qb.selectFrom('settings').select('value').where('key', '=', 'report_default_formats'))?.value;
  const list = (raw ?? DEFAULT_FORMATS.join(',')).split(',').filter((f): f is Format => f in FORMATS);
  return list;
}

export function builtInFormats(db: Database) {
  const chosen = new Set(defaultFormats(db));
  return FORMAT_IDS.map((id) => ({ id, name: FORMATS[id].name, exportByDefault: chosen.has(id) }));
}

/** A form is stored only when it has no error: unknown placeholders are found now, not in a sent report. */
export async function checkedTemplate(bytes: Buffer, defaultDataset: string | null, fileName?: string): Promise<TemplateInfo> {
  const info = await inspectTemplate(bytes, defaultDataset, fileName);
  if (info.errors.length) fail('INVALID_INPUT', `模板有 ${info.errors.length} 处错误:${info.errors.slice(0, 5).join(';')}`);
  if (!info.tables.length && !info.singles.length) fail('INVALID_INPUT', '模板中没有找到任何占位符(如 {{填报单位}}、{{行.物资名称}})。');
  return info;
}

export function storeTemplate(tx: Tx, t: { name: string; fileName: string; bytes: Buffer; defaultDataset: string | null; exportByDefault: boolean }, userId: number): TemplateView {
  if (first(tx.db, qb.selectFrom('report_templates').select('id').where('name', '=', t.name))) fail('DUPLICATE', `已有名为“${t.name}”的模板。`);
  const now = tx.clock.now().toISOString();
  const { id } = run(
    tx.db,
    qb.insertInto('report_templates').values({
      name: t.name, file_name: t.fileName, bytes: t.bytes, default_dataset: t.defaultDataset,
      export_by_default: t.exportByDefault ? 1 : 0, created_by: userId, created_at: now, updated_at: now,
    }),
  );
  return listTemplates(tx.db).find((x) => x.id === id)!;
}

export function updateTemplate(tx: Tx, input: { id: number; name?: string; defaultDataset?: string | null; exportByDefault?: boolean }): TemplateView {
  getTemplate(tx.db, input.id);
  if (input.name !== undefined) {
    const other = first(tx.db, qb.selectFrom('report_templates').select('id').where('name', '=', input.name));
    if (other && other.id !== input.id) fail('DUPLICATE', `已有名为“${input.name}”的模板。`);
  }
  run(
    tx.db,
    qb.updateTable('report_templates').where('id', '=', input.id).set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.defaultDataset !== undefined ? { default_dataset: input.defaultDataset } : {}),
      ...(input.exportByDefault !== undefined ? { export_by_default: input.exportByDefault ? 1 : 0 } : {}),
      updated_at: tx.clock.now().toISOString(),
    }),
  );
  return listTemplates(tx.db).find((x) => x.id === input.id)!;
}

export function setDefaults(tx: Tx, formats: Format[], templateIds: number[]): void {
  run(
    tx.db,
    qb.insertInto('settings')
      .values({ key: 'report_default_formats', value: formats.join(',') })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') })),
  );
  const known = new Set(listTemplates(tx.db).map((t) => t.id));
  for (const id of templateIds) if (!known.has(id)) fail('NOT_FOUND', '报表模板不存在。');
  run(tx.db, qb.updateTable('report_templates').set({ export_by_default: 0 }));
  for (const id of templateIds) run(tx.db, qb.updateTable('report_templates').set({ export_by_default: 1 }).where('id', '=', id));
}

export function deleteTemplate(tx: Tx, id: number): { deleted: number } {
  getTemplate(tx.db, id);
  run(tx.db, qb.deleteFrom('report_templates').where('id', '=', id));
  return { deleted: id };
}

/** The templates exported by default, or the chosen ones. */
export function templatesFor(db: Database, ids?: number[]): (TemplateView & { bytes: Buffer })[] {
  const list = ids ?? all(db, qb.selectFrom('report_templates').select('id').where('export_by_default', '=', 1).orderBy('id')).map((r) => r.id);
  return list.map((id) => getTemplate(db, id));
}

export type FillableTemplate = Pick<TemplateView, 'name' | 'defaultDataset'> & { bytes: Buffer };

/** Fills each template with the report: one file per template, named after it. */
export async function templateFiles(db: Database, report: DailyReport, templates: FillableTemplate[], baseName: string, now: string): Promise<ReportFile[]> {
  const s = readSettings(db);
  const out: ReportFile[] = [];
  for (const t of templates) {
    const bytes = await fillTemplate(t.bytes, { report, officeAddress: s.officeAddress, officePhone: s.officePhone, now }, t.defaultDataset, t.name);
    out.push({ fileName: `${baseName}-${t.name}.xlsx`, bytes });
  }
  return out;
}
