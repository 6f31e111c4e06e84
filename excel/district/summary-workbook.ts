import ExcelJS from 'exceljs';
import type { Summary } from '../../db/district/consolidate';
import { FONT, qtyFormatOf } from '../daily/style';
import { xmlSafe } from '../xlsx/xml';

/**
 * 应急物资汇总表 of a consolidating unit: per good, a row for each unit that reported it and a bold
 * 合计 row whose quantities are live SUM formulas over those rows; A4 landscape, fit to width, the
 * headers repeated on every page. A second sheet 报送情况 lists who reported (and when) and who did not,
 * with the contact to chase. Pure: the consolidation in, the file's bytes out.
 */

export interface SummaryFacts {
  officeName: string;
  /** Office-local "2026-12-03 16:05". */
  printedAt: string;
  by: string;
  zoneTime: (iso: string) => string;
}

const HEADERS = ['序号', '物资名称', '规格型号', '单位', '报送单位', '上期结存', '本期入库', '本期出库', '报损/盘盈亏', '借出', '调出', '本期结存', '日均出库', '可保障天数'];
const WIDTHS = [6, 18, 14, 6, 22, 10, 10, 10, 10, 8, 8, 10, 9, 10];
const FIGURE_COLUMNS = ['opening', 'received', 'issued', 'adjusted', 'lent', 'transferredOut', 'closing', 'dailyIssue'] as const;
const FIRST_FIGURE = 6;
const BODY: Partial<ExcelJS.Font> = { name: FONT, size: 10 };
const BOLD: Partial<ExcelJS.Font> = { name: FONT, size: 10, bold: true };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };

export async function summaryWorkbook(s: Summary, facts: SummaryFacts): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '物资保障台账';
  const unitNames = new Map(s.reported.map((u) => [u.unitId, u.name]));
  const ws = sheet(wb, '汇总表', `${facts.officeName}应急物资汇总表`, 4);
  ws.getCell(2, 1).value = xmlSafe(`汇总单位:${facts.officeName}      日报日期:${s.day}      报送单位 ${s.reported.length} 个${s.missing.length ? `,未报 ${s.missing.length} 个:${s.missing.map((m) => m.name).join('、')}` : ''}`);
  let r = 4;
  s.rows.forEach((row, n) => {
    const from = r;
    for (const u of row.units) {
      const line = ws.getRow(r);
      line.getCell(5).value = xmlSafe(unitNames.get(u.unitId) ?? '');
      FIGURE_COLUMNS.forEach((k, i) => (line.getCell(FIRST_FIGURE + i).value = u[k]));
      line.getCell(14).value = u.coverDays ?? '—';
      r++;
    }
    const total = ws.getRow(r);
    total.getCell(5).value = '合计';
    FIGURE_COLUMNS.forEach((k, i) => {
      const col = ws.getColumn(FIRST_FIGURE + i).letter;
      total.getCell(FIRST_FIGURE + i).value = { formula: `SUM(${col}${from}:${col}${r - 1})`, result: row.total[k] };
    });
    total.getCell(14).value = row.total.coverDays ?? '—';
    total.font = BOLD;
    // The good's own cells span its unit rows and its total.
    const goodCells: [number, string | number][] = [[1, n + 1], [2, xmlSafe(row.itemId === null ? `${row.name}(未对应)` : row.name)], [3, xmlSafe(row.spec)], [4, xmlSafe(row.unit)]];
    for (const [c, v] of goodCells) {
      if (r > from) ws.mergeCells(from, c, r, c);
      ws.getCell(from, c).value = v;
      ws.getCell(from, c).alignment = { vertical: 'middle', horizontal: c === 2 ? 'left' : 'center', wrapText: true };
    }
    for (let k = from; k <= r; k++) styleRow(ws.getRow(k), k === r);
    r++;
  });
  ws.getCell(r + 1, 1).value = xmlSafe(`制表:${facts.by}      制表时间:${facts.printedAt}`);
  ws.getRow(r + 1).font = BODY;

  const who = sheet(wb, '报送情况', `${facts.officeName}下级单位报送情况`, 4, ['序号', '单位', '区划代码', '报送情况', '报送时间', '联系人', '联系电话'], [6, 24, 16, 10, 18, 10, 16]);
  who.getCell(2, 1).value = `日报日期:${s.day}`;
  let w = 4;
  let n = 0;
  const kind = { daily: '已报', supplement: '补报', correction: '更正' } as Record<string, string>;
  for (const u of s.reported) writeRow(who, w++, [++n, u.name, u.code, kind[u.kind] ?? u.kind, facts.zoneTime(u.submittedAt), '', '']);
  for (const m of s.missing) writeRow(who, w++, [++n, m.name, m.code, '未报', '', m.contact, m.phone]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheet(wb: ExcelJS.Workbook, name: string, title: string, firstRow: number, headers = HEADERS, widths = WIDTHS): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: firstRow - 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, printTitlesRow: `${firstRow - 1}:${firstRow - 1}`, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  ws.columns = widths.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, headers.length);
  ws.mergeCells(2, 1, 2, headers.length);
  const t = ws.getCell(1, 1);
  t.value = xmlSafe(title);
  t.font = { name: '黑体', size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.getRow(2).font = BODY;
  const head = ws.getRow(firstRow - 1);
  headers.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = BOLD;
    c.border = THIN;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  head.height = 22;
  return ws;
}

function styleRow(row: ExcelJS.Row, bold: boolean): void {
  for (let c = 1; c <= HEADERS.length; c++) {
    const cell = row.getCell(c);
    cell.border = THIN;
    cell.font = bold ? BOLD : BODY;
    if (c >= FIRST_FIGURE) {
      cell.numFmt = qtyFormatOf(cell.value);
      cell.alignment = { horizontal: 'right', vertical: 'middle' };
    }
  }
}

function writeRow(ws: ExcelJS.Worksheet, r: number, values: (string | number)[]): void {
  const row = ws.getRow(r);
  values.forEach((v, i) => {
    const c = row.getCell(i + 1);
    c.value = v === '' ? null : typeof v === 'string' ? xmlSafe(v) : v;
    c.font = BODY;
    c.border = THIN;
  });
}
