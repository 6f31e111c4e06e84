import type { Book } from '../xlsx/book';
import type { CellValue } from '../xlsx/sheet';
import { lineState, type DailyReport } from '../../db/reports/types';
import { DATE, DATE_TIME, excelWallTime, footerLine, frame, styleRow, type Column } from './style';
import { quantityTotal } from './totals';

const SOURCE_TYPES: Record<string, string> = { allocation: '上级调拨', purchase: '自行采购', donation: '社会捐赠', other: '其他' };

/**
 * A list sheet: rows, a 合计 row summing the quantity column as a live formula (when the lines share
 * one unit; '—' when they mix them), the signature line. Each row's values are made as it is written
 * (`values`), so a 100k-line list is never held twice. `quantity` is a line's figure as it counts.
 */
function listSheet<T extends { unit: string }>(
  wb: Book, report: DailyReport, name: string, title: string, columns: Column[],
  rows: readonly T[], values: (r: T, i: number) => CellValue[], sumColumn: number, quantity: (r: T) => number, formats: Record<number, string>,
): void {
  const { ws, first } = frame(wb, name, report, title, columns);
  const n = columns.length;
  const numeric = new Set([sumColumn]);
  rows.forEach((r, k) => {
    const row = ws.getRow(first + k);
    row.values = values(r, k);
    for (const [c, fmt] of Object.entries(formats)) row.getCell(Number(c)).numFmt = fmt;
    styleRow(row, n, numeric);
    // With the streaming writer this writes the row out and frees it; otherwise it does nothing.
    row.commit();
  });
  const r = first + rows.length;
  const total = ws.getRow(r);
  total.getCell(2).value = '合计';
  const L = String.fromCharCode(64 + sumColumn);
  total.getCell(sumColumn).value = rows.length ? quantityTotal(rows, `SUM(${L}${first}:${L}${r - 1})`, quantity) : 0;
  styleRow(total, n, numeric, true);
  footerLine(ws, report, r + 2, n);
}

/** 物资发放明细表: every slip and return line of the period, signed as it counts to 本期出库. Voided slips are listed and marked, not counted. */
export function slipsSheet(wb: Book, report: DailyReport): void {
  listSheet(wb, report, '物资发放明细表', `${report.officeName}物资发放明细表`, [
    { header: '序号', width: 6 }, { header: '发放时间', width: 17 }, { header: '单号', width: 16 }, { header: '领用点位', width: 18 },
    { header: '领取人', width: 10 }, { header: '物资名称', width: 18 }, { header: '规格型号', width: 14 }, { header: '单位', width: 6 },
    { header: '数量', width: 10 }, { header: '批号', width: 12 }, { header: '发放人', width: 10 }, { header: '状态', width: 20 },
  ], report.slips, (s, i) => [i + 1, excelWallTime(s.time), s.number, s.checkpoint, s.person, s.item, s.spec, s.unit, s.voided ? 0 : s.quantity, s.batch, s.issuer, lineState(s)],
  9, (s) => (s.voided ? 0 : s.quantity), { 2: DATE_TIME });
}

/** 入库明细表: every receipt line of the period. */
export function receiptsSheet(wb: Book, report: DailyReport): void {
  listSheet(wb, report, '入库明细表', `${report.officeName}物资入库明细表`, [
    { header: '序号', width: 6 }, { header: '入库时间', width: 17 }, { header: '单号', width: 16 }, { header: '来源单位', width: 18 },
    { header: '来源类型', width: 10 }, { header: '物资名称', width: 18 }, { header: '规格型号', width: 14 }, { header: '单位', width: 6 },
    { header: '数量', width: 10 }, { header: '批号', width: 12 }, { header: '有效期至', width: 12 }, { header: '状态', width: 20 },
  ], report.receipts, (s, i) => [i + 1, excelWallTime(s.time), s.number, s.source, SOURCE_TYPES[s.sourceType], s.item, s.spec, s.unit, s.voided ? 0 : s.quantity, s.batch, s.expiry ? excelWallTime(s.expiry) : '', lineState(s)],
  9, (s) => (s.voided ? 0 : s.quantity), { 2: DATE_TIME, 11: DATE });
}

/** 库存明细表: stock at the cutoff by batch, with expiry. */
export function batchesSheet(wb: Book, report: DailyReport): void {
  listSheet(wb, report, '库存明细表', `${report.officeName}物资库存明细表(按批次)`, [
    { header: '序号', width: 6 }, { header: '类别', width: 12 }, { header: '物资名称', width: 18 }, { header: '规格型号', width: 14 },
    { header: '单位', width: 6 }, { header: '批号', width: 12 }, { header: '生产日期', width: 12 }, { header: '有效期至', width: 12 },
    { header: '结存数量', width: 10 }, { header: '状态', width: 10 },
  ], report.batches, (b, i) => [i + 1, b.category, b.item, b.spec, b.unit, b.batch, b.production ? excelWallTime(b.production) : '', b.expiry ? excelWallTime(b.expiry) : '', b.quantity, b.expired ? '已过期' : b.nearExpiry ? '近效期' : ''],
  9, (b) => b.quantity, { 7: DATE, 8: DATE });
}
