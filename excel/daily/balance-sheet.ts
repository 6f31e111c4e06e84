import type { Book } from '../xlsx/book';
import { columnLetter } from '../xlsx/sheet';
import type { DailyReport, ReportItem } from '../../db/reports/types';
import { FONT, footerLine, frame, styleRow, type Column } from './style';

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
  { header: '借出/调出', width: 10 },
  { header: '本期结存', width: 10 },
  { header: '可保障天数', width: 9 },
  { header: '备注', width: 16 },
];
const NUMERIC = new Set([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
/** Columns summed in subtotal and total rows. */
const SUMMED = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

/** The closing column, in red when below the minimum. */
const CLOSING = new Set([14]);

/** 收发存日报表: items grouped by category with subtotals; closing and receipt subtotal are live formulas. */
export function balanceSheet(wb: Book, report: DailyReport): void {
  // Offices that keep prices also get the closing amount (单价 × 本期结存) as a live formula.
  const priced = report.items.some((i) => i.unitPrice > 0);
  const columns = priced ? [...COLUMNS, { header: '单价(元)', width: 9 }, { header: '结存金额(元)', width: 12 }] : COLUMNS;
  const { ws, first } = frame(wb, '收发存日报表', report, `${report.officeName}应急物资收发存日报表`, columns);
  let r = first;
  const n = columns.length;
  const numeric = priced ? new Set([...NUMERIC, 17, 18]) : NUMERIC;
  const summed = priced ? [...SUMMED, 18] : SUMMED;
  const groups = new Map<string, ReportItem[]>();
  for (const item of report.items) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
  const subtotalRows: number[] = [];
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
      row.getCell(13).value = i.lentOrTransferred;
      row.getCell(14).value = { formula: `E${r}+J${r}-K${r}+L${r}+M${r}`, result: i.closing };
      row.getCell(15).value = i.coverDays ?? '—';
      row.getCell(16).value = notes;
      if (priced) {
        row.getCell(17).value = i.unitPrice / 100;
        row.getCell(18).value = { formula: `N${r}*Q${r}`, result: i.closingAmount / 100 };
      }
      if (priced) [17, 18].forEach((c) => (row.getCell(c).numFmt = '#,##0.00'));
      row.getCell(15).numFmt = '0.0';
      styleRow(row, n, numeric, false, i.belowMinimum ? CLOSING : undefined);
      r++;
    }
    const sub = ws.getRow(r);
    sub.getCell(2).value = `${category} 小计`;
    for (const c of summed) {
      const L = columnLetter(c);
      sub.getCell(c).value = { formula: `SUBTOTAL(9,${L}${start}:${L}${r - 1})`, result: sumOf(items, c) };
    }
    styleRow(sub, n, numeric, true);
    subtotalRows.push(r);
    r++;
  }
  const total = ws.getRow(r);
  total.getCell(2).value = '合计';
  for (const c of summed) {
    const L = columnLetter(c);
    total.getCell(c).value = { formula: `SUBTOTAL(9,${L}${first}:${L}${r - 1})`, result: sumOf(report.items, c) };
  }
  styleRow(total, n, numeric, true);
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

function sumOf(items: ReportItem[], column: number): number {
  const pick: Record<number, (i: ReportItem) => number> = {
    18: (i) => i.closingAmount / 100,
    5: (i) => i.opening, 6: (i) => i.receipts.allocation, 7: (i) => i.receipts.purchase, 8: (i) => i.receipts.donation,
    9: (i) => i.receipts.other, 10: (i) => i.received, 11: (i) => i.issued, 12: (i) => i.adjusted, 13: (i) => i.lentOrTransferred, 14: (i) => i.closing,
  };
  // Sum in thousandths: the figures have at most three decimals.
  return items.reduce((s, i) => s + Math.round(pick[column](i) * 1000), 0) / 1000;
}
