import { fail } from '../db/errors';
import { readXlsx } from './read-xlsx';

/** One cell as the importer sees it: text, a number, a date, or nothing. */
export type CellValue = string | number | Date | null;

/** Reads the first worksheet of an .xlsx, or a .csv (UTF-8 with or without BOM, or GBK as Excel saves it). */
export async function readTable(fileName: string, bytes: Buffer): Promise<CellValue[][]> {
  if (/\.csv$/i.test(fileName)) return parseCsv(decodeText(bytes));
  if (!/\.xlsx$/i.test(fileName)) fail('INVALID_INPUT', '只能导入 .xlsx 或 .csv 文件(旧版 .xls 请先用 Excel 或 WPS 另存为 .xlsx)。');
  return readXlsx(fileName, bytes);
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
