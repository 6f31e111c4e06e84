import ExcelJS from 'exceljs';
import type { Disclosure, DisclosureGoods } from '../../db/donations/disclosure';
import { toDisplayNumber } from '../../db/quantity';
import { DATE, DATE_TIME, excelWallTime, FONT, qtyFormatOf } from '../daily/style';
import { xmlSafe } from '../xlsx/xml';
import { useText } from './use-words';

/**
 * 捐赠物资接收及使用情况公示表 in the official style: merged title, 公示单位 and 统计时段, two-level
 * headers (接收物资 / 使用情况), one row per use of each donated batch with the donation's and the
 * goods' cells merged over their rows, 现存数量 as a live formula (接收 − 发放 + 退回 − 报损 + 盘点差异),
 * the signature line under it. A4 landscape, fit to width, headers repeated, frozen. Anonymous donors
 * are 匿名 already in the data; no contact is ever on it. Pure: the disclosure in, the file's bytes out.
 */
const COLUMNS: { header: string; group?: string; width: number }[] = [
  { header: '序号', width: 5 },
  { header: '捐赠方', width: 16 },
  { header: '捐赠收据号', width: 12 },
  { header: '接收日期', width: 11 },
  { header: '物资名称', group: '接收物资', width: 16 },
  { header: '规格型号', group: '接收物资', width: 11 },
  { header: '单位', group: '接收物资', width: 5 },
  { header: '批号/有效期', group: '接收物资', width: 16 },
  { header: '接收数量', group: '接收物资', width: 9 },
  { header: '去向', group: '使用情况', width: 24 },
  { header: '日期', group: '使用情况', width: 15 },
  { header: '发放数量', group: '使用情况', width: 9 },
  { header: '退回数量', group: '使用情况', width: 9 },
  { header: '报损数量', group: '使用情况', width: 9 },
  { header: '盘点差异', group: '使用情况', width: 9 },
  { header: '现存数量', width: 9 },
  { header: '单据号', width: 15 },
];
const N = COLUMNS.length;
const BODY: Partial<ExcelJS.Font> = { name: FONT, size: 10 };
const BOLD: Partial<ExcelJS.Font> = { name: FONT, size: 10, bold: true };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
const QTY_COLS = new Set([9, 12, 13, 14, 15, 16]);

export async function disclosureWorkbook(d: Disclosure, by: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '物资保障台账';
  const ws = wb.addWorksheet('捐赠公示', {
    views: [{ state: 'frozen', ySplit: 4, topLeftCell: 'A5', activeCell: 'A5' }],
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, printTitlesRow: '3:4',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  head(ws, d);
  let row = 5;
  d.donations.forEach((donation, k) => {
    const first = row;
    for (const g of donation.goods) row = goods(ws, row, g);
    if (row === first) row = empty(ws, row);
    merge(ws, first, row - 1, [1, 2, 3, 4]);
    const cells: [number, ExcelJS.CellValue][] = [[1, k + 1], [2, xmlSafe(donation.donor)], [3, donation.receiptNo ? xmlSafe(donation.receiptNo) : null], [4, excelWallTime(donation.time)]];
    for (const [col, value] of cells) ws.getCell(first, col).value = value;
    ws.getCell(first, 4).numFmt = DATE;
  });
  if (!d.donations.length) {
    ws.mergeCells(row, 1, row, N);
    ws.getCell(row, 1).value = '本期无捐赠物资';
    style(ws.getRow(row++));
  }
  ws.mergeCells(row + 1, 1, row + 1, N);
  const foot = ws.getCell(row + 1, 1);
  foot.value = xmlSafe(`经办人:${by}      审核人:      监督电话:${d.officePhone}      公示日期:${d.asOf.slice(0, 10)}      (匿名捐赠者按其意愿不公开姓名)`);
  foot.font = BODY;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function head(ws: ExcelJS.Worksheet, d: Disclosure): void {
  ws.mergeCells(1, 1, 1, N);
  const t = ws.getCell(1, 1);
  t.value = xmlSafe(`${d.officeName}捐赠物资接收及使用情况公示表`);
  t.font = { name: '黑体', size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, 8);
  ws.mergeCells(2, 9, 2, N);
  ws.getCell(2, 1).value = xmlSafe(`公示单位:${d.officeName}`);
  ws.getCell(2, 9).value = `统计时段:${d.periodText}      数据截至:${d.asOf}`;
  ws.getCell(2, 9).alignment = { horizontal: 'right' };
  ws.getRow(2).font = BODY;
  for (let i = 0; i < N; ) {
    const c = COLUMNS[i];
    if (c.group) {
      let j = i;
      while (j + 1 < N && COLUMNS[j + 1].group === c.group) j++;
      ws.mergeCells(3, i + 1, 3, j + 1);
      ws.getCell(3, i + 1).value = c.group;
      for (let k = i; k <= j; k++) ws.getCell(4, k + 1).value = COLUMNS[k].header;
      i = j + 1;
    } else {
      ws.mergeCells(3, i + 1, 4, i + 1);
      ws.getCell(3, i + 1).value = c.header;
      i++;
    }
  }
  for (const r of [3, 4]) {
    const row = ws.getRow(r);
    row.height = 20;
    for (let c = 1; c <= N; c++) {
      const cell = row.getCell(c);
      cell.font = BOLD;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
  }
}

/** One donated batch from `at`: a row per use (at least one), its own cells merged over them. Returns the next free row. */
function goods(ws: ExcelJS.Worksheet, at: number, g: DisclosureGoods): number {
  const q = (n: number) => toDisplayNumber(n, g.decimals);
  const count = Math.max(1, g.uses.length);
  const last = at + count - 1;
  g.uses.forEach((u, i) => {
    const r = at + i;
    ws.getCell(r, 10).value = xmlSafe(useText(u));
    ws.getCell(r, 11).value = excelWallTime(u.time);
    ws.getCell(r, 11).numFmt = DATE_TIME;
    const col = u.kind === 'issue' || u.kind === 'loan' || u.kind === 'transfer_out' ? 12 : u.kind === 'return' || u.kind === 'loan_return' ? 13 : u.kind === 'loss' ? 14 : 15;
    ws.getCell(r, col).value = q(col === 12 || col === 14 ? -u.delta : u.delta);
    ws.getCell(r, 17).value = u.number;
  });
  for (let r = at; r <= last; r++) style(ws.getRow(r));
  merge(ws, at, last, [5, 6, 7, 8, 9, 16]);
  const batch = [g.batchNo, g.expiryDate && `效期 ${g.expiryDate}`].filter(Boolean).join(' ');
  const cells: [number, ExcelJS.CellValue][] = [[5, xmlSafe(g.name)], [6, g.spec ? xmlSafe(g.spec) : null], [7, xmlSafe(g.unit)], [8, xmlSafe(batch)], [9, q(g.received)]];
  for (const [col, value] of cells) ws.getCell(at, col).value = value;
  const range = (c: string) => `SUM(${c}${at}:${c}${last})`;
  // A batch shared with another receipt (booked before donations kept their own batches) has more coming in than the donation: its figure stands alone.
  ws.getCell(at, 16).value = g.shared ? q(g.inStock) : { formula: `I${at}-${range('L')}+${range('M')}-${range('N')}+${range('O')}`, result: q(g.inStock) };
  if (g.shared) ws.getCell(at, 17).value = '本批次另有其他来源入库';
  return last + 1;
}

function empty(ws: ExcelJS.Worksheet, at: number): number {
  style(ws.getRow(at));
  return at + 1;
}

function merge(ws: ExcelJS.Worksheet, from: number, to: number, cols: number[]): void {
  if (to > from) for (const c of cols) ws.mergeCells(from, c, to, c);
}

function style(row: ExcelJS.Row): void {
  row.height = 18;
  for (let c = 1; c <= N; c++) {
    const cell = row.getCell(c);
    cell.font = BODY;
    cell.border = THIN;
    const numeric = QTY_COLS.has(c);
    cell.alignment = numeric ? { horizontal: 'right', vertical: 'middle' } : { vertical: 'middle', wrapText: c === 2 || c === 5 || c === 10 };
    if (numeric) cell.numFmt = qtyFormatOf(cell.value);
  }
}
