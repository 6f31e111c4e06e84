import ExcelJS from 'exceljs';
import { LedgerError } from '../../db/errors';
import { screenForm } from '../read-xlsx';
import { isMergeSlave } from './cells';
import { loadXlsx, mergesOf } from './exceljs-private';
import { restorePrintSetup } from './print-setup';
import { insertRows, unshareFormulas } from './rows';
import { slideRows } from './refs';
import { recalculate } from './evaluate';
import { cellText, eachTextCell, scanTemplate, TOKEN, type TemplateInfo, type TemplateTable } from './scan';
import { findDataset, findField, findSingle, type FieldValue, type FillContext } from './vocabulary';
import { xmlSafe } from '../xlsx/xml';

/**
 * A form is first screened in a worker (its size, time and memory bounded there), so that what is
 * then parsed and filled here, on the server's own thread, is known to be a page-sized form.
 */
export async function loadWorkbook(bytes: Buffer, fileName = '该文件'): Promise<ExcelJS.Workbook> {
  await screenForm(fileName, bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await loadXlsx(wb, bytes);
  } catch {
    throw new LedgerError('INVALID_INPUT', `无法读取“${fileName}”:请上传 Excel 2007 及以上版本的 .xlsx 文件(.xls 请先另存为 .xlsx)。`);
  }
  restorePrintSetup(wb, bytes);
  return wb;
}

export async function inspectTemplate(bytes: Buffer, defaultDataset?: string | null, fileName?: string): Promise<TemplateInfo> {
  return scanTemplate(await loadWorkbook(bytes, fileName), defaultDataset);
}

/**
 * Fills the superior's own form with a report: each table row repeated per data row (into the
 * form's pre-formatted blank rows first, then inserting rows that keep the template row's look, with
 * merges, formulas, print area and the rest moved below), then every single value. Every filled row
 * takes the template row's font, number format and alignment; a pre-bordered row keeps its borders.
 * The rest of the workbook is left as the form had it.
 */
export async function fillTemplate(bytes: Buffer, ctx: FillContext, defaultDataset?: string | null, fileName?: string): Promise<Buffer> {
  const wb = await loadWorkbook(bytes, fileName);
  const info = scanTemplate(wb, defaultDataset);
  if (info.errors.length) throw new LedgerError('INVALID_INPUT', `模板有 ${info.errors.length} 处错误:${info.errors.slice(0, 5).join(';')}`);
  unshareFormulas(wb);
  for (const ws of wb.worksheets) {
    const tables = info.tables.filter((t) => t.sheet === ws.name).sort((a, b) => b.row - a.row);
    for (const table of tables) fillTable(wb, ws, table, ctx);
    eachTextCell(ws, (cell, text) => {
      cell.value = render(text, (inner) => findSingle(inner)?.value(ctx), cell);
    });
    const hf = (ws.headerFooter ?? {}) as Record<string, string | undefined>;
    for (const key of Object.keys(hf)) {
      if (typeof hf[key] === 'string') hf[key] = hf[key]!.replace(TOKEN, (whole, inner: string) => {
        const single = findSingle(inner);
        return single ? text(single.value(ctx)) : whole;
      });
    }
  }
  recalculate(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function fillTable(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, table: TemplateTable, ctx: FillContext): void {
  const dataset = findDataset(table.dataset)!;
  const rows = dataset.rows(ctx);
  const r = table.row;
  const columns = Math.max(ws.columnCount, 1);
  const template = ws.getRow(r);
  const cells = Array.from({ length: columns }, (_v, k) => {
    const cell = template.getCell(k + 1);
    const slave = isMergeSlave(cell);
    return { value: slave ? null : cell.value, style: cell.style, text: slave ? null : cellText(cell) };
  });
  const height = template.height;
  const merges = rowMerges(ws, r);
  const capacity = 1 + blankRowsBelow(ws, r, columns);
  // More rows than the form has: new ones go in before its last blank row, which keeps closing the frame.
  const extra = Math.max(rows.length - capacity, 0);
  const insertAt = capacity > 1 ? r + capacity - 1 : r + 1;
  if (extra) insertRows(wb, ws, insertAt, extra, capacity > 1 ? insertAt : r);
  const getters = new Map<string, (row: unknown, i: number, c: FillContext) => FieldValue>();
  for (const f of table.fields) getters.set(f, findField(dataset, f, ctx)!);
  const resolve = (data: unknown, i: number) => (inner: string): FieldValue | undefined => {
    if (/^#/.test(inner)) return '';
    const field = /^(?:行|row)\.(.+)$/.exec(inner);
    return field ? (data === undefined ? null : getters.get(field[1].trim())!(data, i, ctx)) : undefined;
  };
  const count = Math.max(rows.length, 1);
  for (let i = 0; i < count; i++) {
    const target = ws.getRow(r + i);
    const inserted = r + i >= insertAt && r + i < insertAt + extra;
    if (inserted) {
      if (height) target.height = height;
      for (const [left, right] of merges) ws.mergeCells(r + i, left, r + i, right);
    }
    cells.forEach((c, k) => {
      const dst = target.getCell(k + 1);
      // The sample row's font, number format and alignment; a pre-bordered blank row keeps its own borders.
      const border = i === 0 || inserted ? c.style.border : dst.style.border;
      const style: Partial<ExcelJS.Style> = { ...c.style, border };
      if (!border) delete style.border;
      dst.style = style;
      if (c.text !== null) dst.value = render(c.text, resolve(rows[i], i), dst);
      else if (i > 0 && c.value && typeof c.value === 'object' && 'formula' in c.value) {
        dst.value = { formula: slideRows((c.value as ExcelJS.CellFormulaValue).formula, i) } as ExcelJS.CellFormulaValue;
      } else if (i > 0 && c.value !== null && c.value !== undefined) dst.value = c.value;
    });
  }
}

/**
 * Replaces the placeholders `resolve` knows. A cell that is one placeholder and nothing else takes
 * the value's own type (a number stays a number, a date a date); inside text, values are formatted.
 */
function render(source: string, resolve: (inner: string) => FieldValue | undefined, cell: ExcelJS.Cell): ExcelJS.CellValue {
  const tokens = [...source.matchAll(TOKEN)];
  const meaningful = tokens.filter((t) => !t[1].startsWith('#'));
  const rest = source.replace(TOKEN, '').trim();
  if (meaningful.length === 1 && rest === '') {
    const v = resolve(meaningful[0][1]);
    if (v !== undefined) {
      if (v instanceof Date && !cell.numFmt) cell.numFmt = hasTime(v) ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd';
      return v === '' ? null : typeof v === 'string' ? xmlSafe(v) : v;
    }
  }
  const out = source.replace(TOKEN, (whole, inner: string) => {
    const v = resolve(inner);
    return v === undefined ? whole : text(v);
  });
  return out === '' ? null : xmlSafe(out);
}

const pad = (n: number) => String(n).padStart(2, '0');
const hasTime = (d: Date) => d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0;

function text(v: FieldValue): string {
  if (v === null) return '';
  if (v instanceof Date) {
    const day = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    return hasTime(v) ? `${day} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}` : day;
  }
  return String(v);
}

/** Merges lying wholly in row `r` (a name cell spanning two columns): repeated on each new row. */
function rowMerges(ws: ExcelJS.Worksheet, r: number): [number, number][] {
  return mergesOf(ws).filter((m) => m.top === r && m.bottom === r).map((m) => [m.left, m.right]);
}

/** Pre-formatted blank rows under the template row (a fixed-size table): empty, but bordered. */
function blankRowsBelow(ws: ExcelJS.Worksheet, r: number, columns: number): number {
  let k = 0;
  for (let row = r + 1; row <= ws.rowCount; row++, k++) {
    const cells = Array.from({ length: columns }, (_v, c) => ws.getRow(row).getCell(c + 1));
    const empty = cells.every((c) => c.value === null || c.value === undefined || c.value === '');
    const bordered = cells.some((c) => c.border && Object.values(c.border).some((b) => b && (b as { style?: string }).style));
    if (!empty || !bordered) break;
  }
  return k;
}
