import type { Book } from '../xlsx/book';
import { columnLetter } from '../xlsx/sheet';
import type { DailyReport, ReportItem } from '../../db/reports/types';
import { FONT, footerLine, frame, styleRow, type Column } from './style';
import { quantityTotal, sharedUnit, sumOf } from './totals';

const COLUMNS: Column[] = [
  { header: '序号', width: 6 },
  { header: '物资名称', width: 18 },
  { header: '规格型号', width: 17 },
  { header: '单位', width: 6 },
  { header: '上期结存', width: 10 },
  { header: '上级调拨', group: '本期入库', width: 9 },
  { header: '自行采购', group: '本期入库', width: 9 },
  { header: '社会捐赠', group: '本期入库', width: 9 },
  { header: '其他', group: '本期入库', width: 8 },
  { header: '小计', group: '本期入库', width: 9 },
  { header: '本期出库', width: 10 },
  { header: '报损/盘盈亏', width: 10 },
  { header: '借出', width: 8 },
  { header: '调出', width: 8 },
  { header: '本期结存', width: 10 },
  { header: '可保障天数', width: 9 },
  { header: '备注', width: 16 },
];
/**
 * The quantity columns (E…O), in the item's unit: what a subtotal or total adds up when its items
 * share a unit. 出库, 借出 and 调出 count what left the warehouse as positive; 报损/盘盈亏 is signed.
 */
const QUANTITIES: Record<number, (i: ReportItem) => number> = {
  5: (i) => i.opening, 6: (i) => i.receipts.allocation, 7: (i) => i.receipts.purchase, 8: (i) => i.receipts.donation,
  9: (i) => i.receipts.other, 10: (i) => i.received, 11: (i) => i.issued, 12: (i) => i.adjusted, 13: (i) => i.lent,
  14: (i) => i.transferredOut, 15: (i) => i.closing,
};
const NUMERIC = new Set([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
/** The closing column, in red when below the minimum. */
const CLOSING = new Set([15]);
/** With prices: 单价(元) and 结存金额(元); the amount is money and is summed whatever the units. */
const PRICE = 18;
const AMOUNT = 19;

/** 收发存日报表: items grouped by category with subtotals; closing and receipt subtotal are live formulas. */
export function balanceSheet(wb: Book, report: DailyReport): void {
  // Offices that keep prices also get the closing amount (单价 × 本期结存) as a live formula.
  const priced = report.items.some((i) => i.unitPrice > 0);
  const columns = priced ? [...COLUMNS, { header: '单价(元)', width: 9 }, { header: '结存金额(元)', width: 12 }] : COLUMNS;
  const { ws, first } = frame(wb, '收发存日报表', report, `${report.officeName}应急物资收发存日报表`, columns);
  let r = first;
  const n = columns.length;
  const numeric = priced ? new Set([...NUMERIC, PRICE, AMOUNT]) : NUMERIC;
  const groups = new Map<string, ReportItem[]>();
  for (const item of report.items) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
  /** A subtotal or the total over rows from…to: quantities only in one unit (shown in 单位), the amount always. */
  const totalRow = (label: string, items: ReportItem[], from: number, to: number) => {
    const row = ws.getRow(to + 1);
    row.getCell(2).value = label;
    row.getCell(4).value = sharedUnit(items) || null;
    const formula = (c: number) => `SUBTOTAL(9,${columnLetter(c)}${from}:${columnLetter(c)}${to})`;
    for (const [c, value] of Object.entries(QUANTITIES)) row.getCell(Number(c)).value = quantityTotal(items, formula(Number(c)), value);
    if (priced) row.getCell(AMOUNT).value = { formula: formula(AMOUNT), result: sumOf(items, (i) => i.closingAmount / 100) };
    styleRow(row, n, numeric, true);
  };
  let seq = 0;
  for (const [category, items] of groups) {
    const start = r;
    for (const i of items) {
      const row = ws.getRow(r);
      const notes = [i.belowMinimum && '低于最低库存', i.nearExpiry && '有近效期批次'].filter(Boolean).join(';');
      row.values = [++seq, i.name, i.spec, i.unit, i.opening, i.receipts.allocation, i.receipts.purchase, i.receipts.donation, i.receipts.other];
      row.getCell(10).value = { formula: `SUM(F${r}:I${r})`, result: i.received };
      row.getCell(11).value = i.issued;
      row.getCell(12).value = i.adjusted;
      row.getCell(13).value = i.lent;
      row.getCell(14).value = i.transferredOut;
      row.getCell(15).value = { formula: `E${r}+J${r}-K${r}+L${r}-M${r}-N${r}`, result: i.closing };
      row.getCell(16).value = i.coverDays ?? '—';
      row.getCell(17).value = notes;
      if (priced) {
        row.getCell(PRICE).value = i.unitPrice / 100;
        row.getCell(AMOUNT).value = { formula: `O${r}*R${r}`, result: i.closingAmount / 100 };
        [PRICE, AMOUNT].forEach((c) => (row.getCell(c).numFmt = '#,##0.00'));
      }
      row.getCell(16).numFmt = '0.0';
      styleRow(row, n, numeric, false, i.belowMinimum ? CLOSING : undefined);
      r++;
    }
    totalRow(`${category} 小计`, items, start, r - 1);
    r++;
  }
  // SUBTOTAL leaves out the subtotal rows in its range.
  totalRow('合计', report.items, first, r - 1);
  r += 1;
  for (const [label, text] of [['工作开展情况', report.narrative.work], ['存在问题', report.narrative.problems], ['下步打算', report.narrative.plans]] as const) {
    ws.mergeCells(r, 1, r, 2);
    ws.mergeCells(r, 3, r, n);
    ws.getCell(r, 1).value = label;
    ws.getCell(r, 3).value = text || '无';
    for (let c = 1; c <= n; c++) {
      const cell = ws.getCell(r, c);
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
      cell.font = { name: FONT, size: 10, bold: c === 1 };
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: c === 1 ? 'center' : 'left' };
    }
    ws.getRow(r).height = Math.max(30, 15 * Math.ceil((text.length || 1) / 80));
    r++;
  }
  footerLine(ws, report, r + 1, n);
}
