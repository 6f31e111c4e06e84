import type { DailyReport } from '../../db/reports/types';
import type { Book } from '../xlsx/book';
import { columnLetter } from '../xlsx/sheet';
import { footerLine, frame, styleRow, type Column } from './style';

const MONEY = '#,##0.00';

/**
 * 生活物资保供情况日报: each 居民代购 round delivered on the report's day (served households, orders,
 * amount, paid, special-needs households, undelivered, unpaid) and the day's totals (live SUMs; a
 * household two rounds served counts once in 服务户数 and 特殊需求户数, so those two are values).
 */
export function supplySheet(wb: Book, report: DailyReport): void {
  const columns: Column[] = [
    { header: '序号', width: 6 }, { header: '批次', width: 16 }, { header: '供货单位', width: 18 }, { header: '小区', width: 20 },
    { header: '状态', width: 8 }, { header: '服务户数', width: 9 }, { header: '订单数', width: 8 }, { header: '金额(元)', width: 12 },
    { header: '已收款(元)', width: 12 }, { header: '特殊需求户数', width: 10 }, { header: '未送达户数', width: 10 }, { header: '未付款户数', width: 10 },
  ];
  const { ws, first } = frame(wb, '保供情况日报', report, `${report.officeName}生活物资保供情况日报`, columns);
  const n = columns.length;
  const numeric = new Set([6, 7, 8, 9, 10, 11, 12]);
  const rounds = report.supply?.rounds ?? [];
  rounds.forEach((r, k) => {
    const row = ws.getRow(first + k);
    row.values = [k + 1, r.number, r.supplier, r.compounds, r.state, r.households, r.orders, r.amount / 100, r.paid / 100, r.specialNeeds, r.undelivered, r.unpaid];
    row.getCell(8).numFmt = MONEY;
    row.getCell(9).numFmt = MONEY;
    styleRow(row, n, numeric);
  });
  const at = first + rounds.length;
  const total = ws.getRow(at);
  const t = report.supply?.totals;
  const sum = (col: number, value: number) => (rounds.length ? { formula: `SUM(${columnLetter(col)}${first}:${columnLetter(col)}${at - 1})`, result: value } : 0);
  total.values = [null, rounds.length ? '合计' : '本日无保供批次', null, null, null, t?.households ?? 0, sum(7, t?.orders ?? 0), sum(8, (t?.amount ?? 0) / 100),
    sum(9, (t?.paid ?? 0) / 100), t?.specialNeeds ?? 0, sum(11, t?.undelivered ?? 0), sum(12, t?.unpaid ?? 0)];
  total.getCell(8).numFmt = MONEY;
  total.getCell(9).numFmt = MONEY;
  styleRow(total, n, numeric, true);
  footerLine(ws, report, at + 2, n);
}
