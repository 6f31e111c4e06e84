import ExcelJS from 'exceljs';
import { fail } from '../db/errors';

/** One cell as the importer sees it: text, a number, a date, or nothing. */
export type CellValue = string | number | Date | null;

/** Reads the first worksheet of an .xlsx, or a .csv (UTF-8 with or without BOM, or GBK as Excel saves it). */
export async function readTable(fileName: string, bytes: Buffer): Promise<CellValue[][]> {
  if (/\.csv$/i.test(fileName)) return parseCsv(decodeText(bytes));
  if (!/\.xlsx$/i.test(fileName)) fail('INVALID_INPUT', '只能导入 .xlsx 或 .csv 文件(旧版 .xls 请先用 Excel 或 WPS 另存为 .xlsx)。');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    fail('INVALID_INPUT', `无法读取“${fileName}”:文件已损坏或不是 Excel 工作簿。`);
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) fail('INVALID_INPUT', `“${fileName}”中没有数据。`);
  // Only the cells that hold something are visited: a sheet's declared range can reach XFD1048576
  // (one stray cell there makes 17 billion empty ones), and a plain loop over it froze the server.
  const found: { row: number; col: number; value: CellValue }[] = [];
  let width = 0;
  let height = 0;
  sheet.eachRow((row, rowNumber) => {
    row.eachCell((cell, col) => {
      const value = cellValue(cell.value);
      if (value === null) return;
      if (rowNumber > MAX_ROWS || col > MAX_COLUMNS) {
        fail('INVALID_INPUT', `工作表“${sheet.name}”的 ${cell.address} 单元格有内容,超出可导入的范围(最多 ${MAX_ROWS} 行、${MAX_COLUMNS} 列)。请删除多余的内容后再导入。`);
      }
      found.push({ row: rowNumber, col, value });
      width = Math.max(width, col);
      height = Math.max(height, rowNumber);
    });
  });
  const rows: CellValue[][] = Array.from({ length: height }, () => new Array<CellValue>(width).fill(null));
  for (const f of found) rows[f.row - 1][f.col - 1] = f.value;
  return rows;
}

/** What an import reads at most: a catalogue of 20,000 rows, and the 500 columns a mapping can name. */
export const MAX_ROWS = 20_000;
export const MAX_COLUMNS = 500;

function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim() || null;
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim() || null;
    if ('error' in v) return null;
  }
  return String(v);
}

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): CellValue[][] {
  const rows: CellValue[][] = [];
  let row: CellValue[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    const t = field.trim();
    row.push(t === '' ? null : t);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}
