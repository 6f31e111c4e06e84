import type { DailyReport } from '../../db/reports/types';
import type { Book } from '../xlsx/book';
import type { Row, Sheet } from '../xlsx/sheet';
import type { Alignment, Borders, Font, Style } from '../xlsx/styles';

/** 宋体 exists on every Chinese Windows; elsewhere it maps to the system's CJK serif. */
export const FONT = '宋体';
export const THIN: Borders = {
  top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' },
};
/**
 * Quantities: whole numbers without a decimal point (Excel shows "20." for `#,##0.###`), a weighed
 * 1.5 公斤 with its decimals; zero as "-". The format goes by the value written (a total by its result).
 */
export const QTY_FORMAT = '#,##0;-#,##0;"-"';
export const QTY_DECIMAL_FORMAT = '#,##0.0##;-#,##0.0##;"-"';
export function qtyFormatOf(value: unknown): string {
  const n = value !== null && typeof value === 'object' && 'result' in value ? (value as { result: unknown }).result : value;
  return typeof n === 'number' && !Number.isInteger(n) ? QTY_DECIMAL_FORMAT : QTY_FORMAT;
}
export const DATE_TIME = 'yyyy-mm-dd hh:mm';
export const DATE = 'yyyy-mm-dd';

export interface Column {
  header: string;
  /** Second header row, under a merged group header (two-level headers). */
  group?: string;
  width: number;
}

/**
 * The official frame: merged title, subtitle with 填报单位 and 统计时段, one or two header rows,
 * frozen below the headers, A4 landscape fit to width, headers repeated on every page,
 * 第 &P 页 共 &N 页 in the page footer. Returns the sheet and its first data row.
 */
export function frame(wb: Book, name: string, report: DailyReport, title: string, columns: Column[]): { ws: Sheet; first: number } {
  const n = columns.length;
  const twoLevel = columns.some((c) => c.group);
  const top = 3;
  const bottom = twoLevel ? 4 : 3;
  // View, page setup and footer go in at creation: the streaming writer writes them out first.
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: bottom, topLeftCell: `A${bottom + 1}`, activeCell: `A${bottom + 1}` }],
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      horizontalCentered: true, printTitlesRow: `${top}:${bottom}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, n);
  const t = ws.getCell(1, 1);
  t.value = `${title}${titleNote(report)}`;
  t.font = { name: '黑体', size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const half = Math.max(1, Math.floor(n / 2));
  ws.mergeCells(2, 1, 2, half);
  ws.mergeCells(2, half + 1, 2, n);
  ws.getCell(2, 1).value = `填报单位:${report.officeName}${report.day ? `      日报日期:${dayText(report.day)}` : ''}`;
  ws.getCell(2, half + 1).value = `统计时段:${report.periodText}${report.day && report.partial ? '(提前报送)' : ''}`;
  ws.getCell(2, half + 1).alignment = { horizontal: 'right' };
  ws.getRow(2).font = { name: FONT, size: 10 };
  for (let i = 0; i < n; ) {
    const c = columns[i];
    if (c.group) {
      let j = i;
      while (j + 1 < n && columns[j + 1].group === c.group) j++;
      ws.mergeCells(top, i + 1, top, j + 1);
      ws.getCell(top, i + 1).value = c.group;
      for (let k = i; k <= j; k++) ws.getCell(bottom, k + 1).value = columns[k].header;
      i = j + 1;
    } else {
      if (twoLevel) ws.mergeCells(top, i + 1, bottom, i + 1);
      ws.getCell(top, i + 1).value = c.header;
      i++;
    }
  }
  for (let r = top; r <= bottom; r++) {
    const row = ws.getRow(r);
    row.height = 20;
    for (let c = 1; c <= n; c++) {
      const cell = row.getCell(c);
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
  }
  return { ws, first: bottom + 1 };
}

/** Body cell style: borders, font, numbers right-aligned with the quantity format. */
const BODY_FONT: Font = { name: FONT, size: 10 };
const BOLD_FONT: Font = { name: FONT, size: 10, bold: true };
const NUMBER_ALIGN: Alignment = { horizontal: 'right', vertical: 'middle' };
const TEXT_ALIGN: Alignment = { vertical: 'middle', shrinkToFit: true };

const RED_FONT: Font = { name: FONT, size: 10, bold: true, color: { argb: 'FFC00000' } };
const FONTS = { body: BODY_FONT, bold: BOLD_FONT, red: RED_FONT };
/** Frozen styles by font, then numeric or not, then number format ('' for none). */
const STYLES = { body: [new Map<string, Style>(), new Map<string, Style>()], bold: [new Map<string, Style>(), new Map<string, Style>()], red: [new Map<string, Style>(), new Map<string, Style>()] };

/**
 * Body cell style: borders, font, numbers right-aligned with the quantity format (or the number
 * format already set on the cell). One frozen style object per kind of cell, assigned whole: the
 * writer's style table knows a shared object at once instead of comparing its content per cell
 * (and being frozen, no later `cell.numFmt = …` can change every cell sharing it).
 */
export function styleRow(row: Row, n: number, numeric: Set<number>, bold = false, red?: Set<number>): void {
  row.height = 18;
  for (let c = 1; c <= n; c++) {
    const cell = row.getCell(c);
    const isNumber = numeric.has(c);
    const own = cell.numFmt !== 'General' ? cell.numFmt : undefined;
    const numFmt = (isNumber ? (own ?? qtyFormatOf(cell.value)) : own) ?? '';
    const font = red?.has(c) ? 'red' : bold ? 'bold' : 'body';
    const styles = STYLES[font][isNumber ? 1 : 0];
    let style = styles.get(numFmt);
    if (!style) {
      style = Object.freeze({ border: THIN, font: FONTS[font], alignment: isNumber ? NUMBER_ALIGN : TEXT_ALIGN, ...(numFmt ? { numFmt } : {}) });
      styles.set(numFmt, style);
    }
    cell.style = style;
  }
}

const KIND_NOTE = { daily: '', supplement: '补报', correction: '更正' } as const;

/**
 * What the title says besides the form's name: a 补报 or 更正 says so, and a day's report not (yet)
 * sent says 预览 · 未报送 on every sheet, so that a preview never passes for the report.
 */
function titleNote(report: DailyReport): string {
  const notes = [report.kind && report.kind !== 'daily' ? KIND_NOTE[report.kind] : '', report.day && report.submittedAt === null ? '预览 · 未报送' : ''].filter(Boolean);
  return notes.length ? `(${notes.join(' · ')})` : '';
}

const dayText = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`;

/** The signature line under a table: 填报人 / 审核人 / 联系电话 / 报送时间 (and a 补报's or 更正's reason). */
export function footerLine(ws: Sheet, report: DailyReport, row: number, n: number): void {
  ws.mergeCells(row, 1, row, n);
  const sent = report.submittedAt ? excelLocal(report.submittedAt, report.timeZone) : null;
  const sentText = sent ? `${sent.getUTCFullYear()}-${pad(sent.getUTCMonth() + 1)}-${pad(sent.getUTCDate())} ${pad(sent.getUTCHours())}:${pad(sent.getUTCMinutes())}` : '(未报送)';
  const cell = ws.getCell(row, 1);
  const chain = report.audit ? `      审计链:第 ${report.audit.count} 条 ${report.audit.hash.slice(0, 16)}` : '';
  const reason = report.reason ? `      ${KIND_NOTE[report.kind ?? 'daily']}原因:${report.reason}` : '';
  cell.value = `填报人:${report.narrative.filledBy}      审核人:${report.narrative.reviewedBy}      联系电话:${report.narrative.phone}      报送时间:${sentText}${reason}${chain}`;
  cell.font = { name: FONT, size: 10 };
  ws.getRow(row).height = 22;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Excel has no time zones: a date cell shows the stored wall time. Office-local wall time of an
 * instant, as a Date whose UTC fields are that wall time.
 */
export function excelLocal(iso: string, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(iso)).map((p) => [p.type, Number(p.value)]),
  );
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute));
}

/** "2026-11-28 09:30" (already office-local) → a Date for a date cell. Lists repeat the same minute: the last one is kept. */
let lastWallTime: { text: string; date: Date } | undefined;
export function excelWallTime(text: string): Date {
  if (lastWallTime?.text === text) return lastWallTime.date;
  const date = wallTime(text);
  lastWallTime = { text, date };
  return date;
}

function wallTime(text: string): Date {
  const [d, t = '00:00'] = text.split(' ');
  const [y, m, day] = d.split('-').map(Number);
  const [h, mi] = t.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, day, h, mi));
}
