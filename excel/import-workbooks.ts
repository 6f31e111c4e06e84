import ExcelJS from 'exceljs';
import type { CellValue } from './read-table';
import { xmlSafe } from './xlsx/xml';

const BORDER = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } } as const;

function sheet(wb: ExcelJS.Workbook, name: string, title: string, headers: string[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { name: '黑体', size: 12, bold: true };
  const header = ws.addRow(headers);
  header.font = { name: '宋体', size: 11, bold: true };
  header.eachCell((c) => (c.border = BORDER));
  headers.forEach((h, i) => (ws.getColumn(i + 1).width = Math.max(10, h.length * 2 + 4)));
  return ws;
}

/** An empty import workbook: the importer's columns and one example row to write over. */
export async function importTemplateWorkbook(headers: string[], example: (string | number)[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '物资保障台账';
  const ws = sheet(wb, '物资导入', '物资及期初库存导入表(第 3 行为示例,请改写或删除;日期写作 2027-06-30,包装写作 盒=50只;箱=40盒)', headers);
  ws.addRow(example).eachCell((c) => (c.border = BORDER));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows an import refused, as the user wrote them, with a 错误原因 column to fix them by. */
export async function badRowsWorkbook(headers: string[], rows: { row: number; cells: CellValue[]; errors: string[] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '物资保障台账';
  const ws = sheet(wb, '错误行', `未导入的行(共 ${rows.length} 行),请按“错误原因”修改后重新导入`, ['行号', ...headers, '错误原因']);
  for (const r of rows) {
    const cells = headers.map((_, i) => {
      const v = r.cells[i] ?? null;
      return typeof v === 'string' ? xmlSafe(v) : v;
    });
    const row = ws.addRow([r.row, ...cells, xmlSafe(r.errors.join(';'))]);
    row.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
    row.getCell(headers.length + 2).font = { color: { argb: 'FFC00000' } };
  }
  ws.getColumn(headers.length + 2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
