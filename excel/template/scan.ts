import type ExcelJS from 'exceljs';
import { isMergeSlave } from './cells';
import { mergeAt } from './exceljs-private';
import { DATASETS, findDataset, findField, findSingle } from './vocabulary';

/** `{{…}}`, with any spaces inside the braces. */
export const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const MARKER = /^#\s*(?:表|table)\s+(.+)$/;
const ROW_FIELD = /^(?:行|row)\.(.+)$/;

export interface TemplateTable {
  sheet: string;
  /** The template row, repeated once per data row. */
  row: number;
  /** Canonical (Chinese) name of the data set. */
  dataset: string;
  fields: string[];
}

export interface TemplateInfo {
  sheets: string[];
  /** Single values found, as written. */
  singles: string[];
  tables: TemplateTable[];
  /** Every problem, with its sheet and cell: a template with errors is refused when loaded. */
  errors: string[];
}

/** The text a cell shows, for plain strings and rich text; null for numbers, dates and formulas. */
export function cellText(cell: ExcelJS.Cell): string | null {
  const v = cell.value;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return null;
}

/** Master cells only: the other cells of a merge report the master's value. */
export function eachTextCell(ws: ExcelJS.Worksheet, fn: (cell: ExcelJS.Cell, text: string) => void): void {
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (isMergeSlave(cell)) return;
      const text = cellText(cell);
      if (text !== null && text.includes('{')) fn(cell, text);
    }),
  );
}

/**
 * Finds every placeholder of a form: single values, table rows and their data set (`{{#表 收发存}}`
 * in the row, or `defaultDataset`), and lists every unknown name or malformed brace as an error.
 */
export function scanTemplate(wb: ExcelJS.Workbook, defaultDataset?: string | null): TemplateInfo {
  const info: TemplateInfo = { sheets: [], singles: [], tables: [], errors: [] };
  const fallback = defaultDataset ? findDataset(defaultDataset) : undefined;
  if (defaultDataset && !fallback) info.errors.push(`默认数据集“${defaultDataset}”不存在(可用:${DATASETS.map((d) => d.names[0]).join('、')})`);
  wb.eachSheet((ws) => {
    info.sheets.push(ws.name);
    const rows = new Map<number, { markers: string[]; fields: { field: string; at: string }[] }>();
    eachTextCell(ws, (cell, text) => {
      const at = `${ws.name}!${cell.address}`;
      const stripped = text.replace(TOKEN, '');
      if (stripped.includes('{{') || stripped.includes('}}')) info.errors.push(`${at}:占位符的大括号不成对:“${text.slice(0, 40)}”`);
      for (const [, inner] of text.matchAll(TOKEN)) {
        const row = rows.get(Number(cell.row)) ?? { markers: [], fields: [] };
        const marker = MARKER.exec(inner);
        const field = ROW_FIELD.exec(inner);
        if (marker) {
          row.markers.push(marker[1].trim());
          rows.set(Number(cell.row), row);
        } else if (field) {
          if (cell.isMerged && cell.master.address === cell.address && mergeSpansRows(ws, cell)) {
            info.errors.push(`${at}:表格行中的合并单元格不能跨行`);
          }
          row.fields.push({ field: field[1].trim(), at });
          rows.set(Number(cell.row), row);
        } else if (inner.startsWith('#')) {
          info.errors.push(`${at}:无法识别的表格标记 {{${inner}}},应写作 {{#表 收发存}}`);
        } else if (!findSingle(inner)) {
          info.errors.push(`${at}:未知的占位符 {{${inner}}}`);
        } else if (!info.singles.includes(inner)) {
          info.singles.push(inner);
        }
      }
    });
    for (const [rowNo, row] of [...rows].sort((a, b) => a[0] - b[0])) {
      const where = `${ws.name}!第 ${rowNo} 行`;
      if (row.markers.length > 1) info.errors.push(`${where}:一行只能有一个 {{#表 …}} 标记`);
      if (!row.fields.length) {
        info.errors.push(`${where}:有 {{#表 ${row.markers[0]}}} 标记,但没有 {{行.字段}} 占位符`);
        continue;
      }
      const dataset = row.markers.length ? findDataset(row.markers[0]) : fallback;
      if (!dataset) {
        info.errors.push(
          row.markers.length
            ? `${where}:未知的数据集“${row.markers[0]}”(可用:${DATASETS.map((d) => d.names[0]).join('、')})`
            : `${where}:表格行没有指定数据集:请在行首单元格写 {{#表 收发存}} 等,或为模板设置默认数据集`,
        );
        continue;
      }
      for (const f of row.fields) {
        if (!findField(dataset, f.field, null)) info.errors.push(`${f.at}:数据集“${dataset.names[0]}”没有字段“${f.field}”`);
      }
      info.tables.push({ sheet: ws.name, row: rowNo, dataset: dataset.names[0], fields: row.fields.map((f) => f.field) });
    }
  });
  return info;
}

function mergeSpansRows(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell): boolean {
  const m = mergeAt(ws, cell.address);
  return !!m && m.bottom > m.top;
}
