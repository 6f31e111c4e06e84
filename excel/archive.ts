import type { Database } from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { xmlSafe } from './xlsx/xml';

/** Columns never exported: password hashes and the office's signing key stay in the ledger file. */
const HIDDEN = new Set(['users.password_hash', 'office_keys.private_key']);

/**
 * Everything in one workbook for the office's own archive: every table a sheet, its column names as
 * the header, every row (streamed, so a long history does not fill memory).
 */
export async function archiveWorkbook(db: Database, title: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = title;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !HIDDEN.has(`${name}.${c}`));
    const sheet = book.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ header: c, key: c, width: Math.min(40, Math.max(10, c.length + 2)) }));
    sheet.getRow(1).font = { bold: true, name: '宋体' };
    const select = `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${name}" ORDER BY 1`;
    for (const row of db.prepare(select).raw().iterate() as Iterable<unknown[]>) {
      sheet.addRow(row.map((v) => (Buffer.isBuffer(v) ? `[文件 ${v.length} 字节]` : typeof v === 'string' ? xmlSafe(v) : v))).commit();
    }
    sheet.commit();
  }
  await book.commit();
  return Buffer.concat(chunks);
}
