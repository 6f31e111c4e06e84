import type { Book } from '../xlsx/book';
import { columnLetter } from '../xlsx/sheet';
import type { DailyReport } from '../../db/reports/types';
import { footerLine, frame, styleRow, type Column } from './style';

/** 点位领用汇总表: checkpoints × items (net issues of the period); item totals are live SUMs. */
export function checkpointSheet(wb: Book, report: DailyReport): void {
  const used = report.items.filter((i) => report.checkpoints.some((c) => c.quantities[i.itemId] !== undefined));
  const columns: Column[] = [
    { header: '序号', width: 6 },
    { header: '领用点位', width: 20 },
    ...used.map((i) => ({ header: `${i.name}(${i.unit})`, group: i.category, width: Math.max(10, Math.min(18, i.name.length * 2 + 4)) })),
  ];
  const { ws, first } = frame(wb, '点位领用汇总表', report, `${report.officeName}各点位物资领用汇总表`, columns);
  const n = columns.length;
  const numeric = new Set(used.map((_, k) => k + 3));
  report.checkpoints.forEach((c, k) => {
    const row = ws.getRow(first + k);
    row.values = [k + 1, c.name, ...used.map((i) => c.quantities[i.itemId] ?? 0)];
    styleRow(row, n, numeric);
  });
  const r = first + report.checkpoints.length;
  const total = ws.getRow(r);
  total.getCell(2).value = '合计';
  used.forEach((i, k) => {
    const L = columnLetter(k + 3);
    const result = report.checkpoints.reduce((s, c) => s + Math.round((c.quantities[i.itemId] ?? 0) * 1000), 0) / 1000;
    total.getCell(k + 3).value = report.checkpoints.length ? { formula: `SUM(${L}${first}:${L}${r - 1})`, result } : 0;
  });
  styleRow(total, n, numeric, true);
  footerLine(ws, report, r + 2, Math.max(n, 2));
}
