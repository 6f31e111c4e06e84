import { z } from 'zod';
import { readTable } from '../../excel/read-table';
import { catalogWorkbook } from '../../excel/catalog-workbook';
import { badRowsWorkbook, importTemplateWorkbook } from '../../excel/import-workbooks';
import { fail } from '../errors';
import { commitImport } from '../import/commit';
import { FIELD_LABELS, findHeaderRow, guessMapping, IMPORT_FIELDS, normalizeHeader, TEMPLATE_EXAMPLE, TEMPLATE_FIELDS, type Mapping } from '../import/mapping';
import { planImport } from '../import/plan';
import { listItems } from '../reference/items';
import { id, instant, text } from '../reference/common';
import { job, query } from './handler';
import { businessDate } from '../time';
import { readSettings } from '../reference/settings';

const fileInput = {
  fileName: text(200).refine((s) => s.length > 0, '请选择文件'),
  /** The file's bytes, base64. */
  data: z.string().max(24 * 1024 * 1024),
  /** Field → 0-based column; omitted fields are guessed from the headers. */
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(500)).optional(),
  /** The source of a receipt for the rows of goods that have moved already; without it those rows are left out. */
  restockSourceId: id.optional(),
};

async function load(input: { fileName: string; data: string; mapping?: Mapping; restockSourceId?: number }) {
  const bytes = Buffer.from(input.data, 'base64');
  if (bytes.length === 0) fail('INVALID_INPUT', '文件是空的。');
  const table = await readTable(input.fileName, bytes);
  const headerRow = findHeaderRow(table);
  const headers = (table[headerRow] ?? []).map((h) => normalizeHeader(h) || '');
  const mapping = input.mapping ?? guessMapping(table[headerRow] ?? []);
  if (mapping.name === undefined) fail('INVALID_INPUT', '没有找到“物资名称”列,请在映射中指定。');
  return { table, headerRow, headers, mapping };
}

/** Opening-stock import (preview, then all-or-nothing commit) and the catalog export. */
export const catalogIoHandlers = {
  'catalog.importPreview': query(z.strictObject(fileInput), async ({ ledger }, input) => {
    const { table, headerRow, headers, mapping } = await load(input);
    const plan = planImport(ledger.db, table, headerRow, mapping, input.restockSourceId);
    return {
      headerRow: headerRow + 1,
      headers,
      mapping,
      fields: IMPORT_FIELDS.map((f) => ({ field: f, label: FIELD_LABELS[f] })),
      rows: plan.rows.map((r) => ({ row: r.row, values: r.values, errors: r.errors, notice: r.notice })),
      skipped: plan.skipped,
      newItems: [...plan.items.values()].filter((i) => i.existingId === null).length,
      newCategories: plan.newCategories,
      errorCount: plan.errorCount,
      /** Rows of goods that have moved: a receipt from restockSourceId, or left out without it. */
      restockRows: plan.rows.filter((r) => r.restock).length,
    };
  }),
  'catalog.importErrors': query(z.strictObject(fileInput), async ({ ledger }, input) => {
    const { table, headerRow, mapping } = await load(input);
    const bad = planImport(ledger.db, table, headerRow, mapping, input.restockSourceId).rows.filter((r) => r.errors.length);
    if (bad.length === 0) fail('INVALID_INPUT', '表格中没有错误行。');
    const headers = (table[headerRow] ?? []).map((h) => (h === null ? '' : h instanceof Date ? h.toISOString().slice(0, 10) : String(h)));
    const bytes = await badRowsWorkbook(headers, bad.map((r) => ({ row: r.row, cells: table[r.row - 1] ?? [], errors: r.errors })));
    return { fileName: `${input.fileName.replace(/\.[^.]*$/, '')}-错误行.xlsx`, data: bytes.toString('base64') };
  }),
  'catalog.importTemplate': query(z.undefined().or(z.strictObject({})), async () => {
    const bytes = await importTemplateWorkbook(TEMPLATE_FIELDS.map((f) => FIELD_LABELS[f]), TEMPLATE_FIELDS.map((f) => TEMPLATE_EXAMPLE[f]));
    return { fileName: '物资导入模板.xlsx', data: bytes.toString('base64') };
  }),
  'catalog.importCommit': job(z.strictObject({ ...fileInput, time: instant.optional() }), async (ctx, input) => {
    const { table, headerRow, mapping } = await load(input);
    return ctx.commit((tx) => commitImport(tx, planImport(tx.db, table, headerRow, mapping, input.restockSourceId), ctx.userId, input.time));
  }),
  'catalog.export': query(z.undefined().or(z.strictObject({})), async ({ ledger }) => {
    const settings = readSettings(ledger.db);
    const items = listItems(ledger.db, { includeInactive: true, limit: 20000 });
    const bytes = await catalogWorkbook(items, settings.officeName);
    return { fileName: `物资目录-${businessDate(ledger.clock.now(), settings.timeZone)}.xlsx`, data: bytes.toString('base64') };
  }),
};
