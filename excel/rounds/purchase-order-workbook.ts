import ExcelJS from 'exceljs';
import type { ConsolidatedLine, Consolidation } from '../../db/rounds/consolidate';
import { FONT } from '../daily/style';
import { xmlSafe } from '../xlsx/xml';

/**
 * 居民生活物资采购单 as a workbook to send to the supplier by WeChat: a merged title, the round's
 * facts, 序号 · 商品名称 · 规格 · 单位 · 单价(元) · 数量 · 金额(元) · 订购户数 · 套餐内容, 金额 and 合计
 * as live formulas (合计 of money only), 社区统计组长 / 联系电话 / 报送时间 under it; a second sheet per building for the
 * 楼长. A4 portrait, fit to width, headers repeated. Pure: the consolidation in, the file's bytes out.
 */

export interface PurchaseOrderFacts {
  officeName: string;
  /** Office-local "2026-12-03 14:30". */
  cutoff: string;
  printedAt: string;
  by: string;
}

const HEADERS = ['序号', '商品名称', '规格', '单位', '单价(元)', '数量', '金额(元)', '订购户数', '套餐内容'];
const WIDTHS = [6, 22, 14, 6, 10, 8, 12, 9, 30];
const BODY: Partial<ExcelJS.Font> = { name: FONT, size: 10 };
const BOLD: Partial<ExcelJS.Font> = { name: FONT, size: 10, bold: true };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
const MONEY = '#,##0.00';

export async function purchaseOrderWorkbook(c: Consolidation, facts: PurchaseOrderFacts): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '物资保障台账';
  const r = c.round;
  const head = `批次:${r.number}    供货单位:${r.supplierName}    配送日期:${r.day}    截单时间:${facts.cutoff}    小区:${r.compounds.join('、')}`;
  const order = sheet(wb, '采购单', `${facts.officeName}居民生活物资采购单`, head);
  const end = table(order, order.rowCount + 1, c.lines);
  total(order, end, c.lines, `订购户数 ${c.households} 户`);
  footer(order, facts);

  const perBuilding = sheet(wb, '分楼栋汇总', `${facts.officeName}居民生活物资分楼栋汇总`, head);
  for (const b of c.buildings) {
    const at = perBuilding.rowCount + 2;
    perBuilding.mergeCells(at, 1, at, HEADERS.length);
    const label = perBuilding.getCell(at, 1);
    label.value = xmlSafe(`${b.compound} ${b.building} 栋    ${b.households} 户    ${money(b.amount)} 元`);
    label.font = BOLD;
    const last = table(perBuilding, at + 1, b.lines);
    total(perBuilding, last, b.lines, `${b.households} 户`);
  }
  footer(perBuilding, facts);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const money = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

function sheet(wb: ExcelJS.Workbook, name: string, title: string, subtitle: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }],
    pageSetup: {
      paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, printTitlesRow: '1:3',
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, HEADERS.length);
  const t = ws.getCell(1, 1);
  t.value = xmlSafe(title);
  t.font = { name: '黑体', size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, HEADERS.length);
  ws.getCell(2, 1).value = xmlSafe(subtitle);
  ws.getCell(2, 1).font = BODY;
  ws.getCell(2, 1).alignment = { vertical: 'middle', wrapText: true };
  ws.getRow(2).height = 30;
  const header = ws.getRow(3);
  header.values = HEADERS;
  header.eachCell((cell) => {
    cell.font = BOLD;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  return ws;
}

/** The lines from row `at`; 金额 = ROUND(单价 × 数量, 2) as a formula with its value cached. Returns the last row. */
function table(ws: ExcelJS.Worksheet, at: number, lines: ConsolidatedLine[]): number {
  lines.forEach((l, i) => {
    const row = ws.getRow(at + i);
    const n = at + i;
    row.values = [i + 1, xmlSafe(l.name), l.spec ? xmlSafe(l.spec) : null, xmlSafe(l.unit), l.price / 100, l.quantity,
      { formula: `ROUND(E${n}*F${n},2)`, result: l.amount / 100 }, l.households, l.contents ? xmlSafe(l.contents) : null];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = BODY;
      cell.border = THIN;
      cell.alignment = col >= 5 && col <= 8 ? { horizontal: 'right', vertical: 'middle' } : { vertical: 'middle', wrapText: col === 2 || col === 9 };
      if (col === 5 || col === 7) cell.numFmt = MONEY;
    });
  });
  return at + lines.length - 1;
}

/**
 * 合计 under the lines: the money as a live SUM, its value cached for readers that do not calculate.
 * 数量 is left blank: 3 袋 and 2 份 do not add up to anything the supplier could load.
 */
function total(ws: ExcelJS.Worksheet, last: number, lines: ConsolidatedLine[], households: string): void {
  const n = last + 1;
  const first = last - lines.length + 1;
  const row = ws.getRow(n);
  const amount = lines.reduce((a, l) => a + l.amount, 0);
  row.values = ['合计', null, null, null, null, null, lines.length ? { formula: `SUM(G${first}:G${last})`, result: amount / 100 } : 0, null, households];
  ws.mergeCells(n, 1, n, 4);
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cell.font = BOLD;
    cell.border = THIN;
    cell.alignment = col === 1 ? { horizontal: 'center' } : col >= 5 && col <= 8 ? { horizontal: 'right' } : {};
    if (col === 7) cell.numFmt = MONEY;
  });
}

function footer(ws: ExcelJS.Worksheet, facts: PurchaseOrderFacts): void {
  const at = ws.rowCount + 2;
  ws.mergeCells(at, 1, at, HEADERS.length);
  ws.getCell(at, 1).value = xmlSafe(`社区统计组长:${facts.by}        联系电话:              报送时间:${facts.printedAt}`);
  ws.getCell(at, 1).font = BODY;
}
