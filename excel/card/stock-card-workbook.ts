import ExcelJS from 'exceljs';
import type { CardLine, CardView } from '../../db/print/card-view';
import { excelWallTime, FONT } from '../daily/style';
import { xmlSafe } from '../xlsx/xml';

/**
 * 物资台账 as a workbook, in the form a township clerk keeps by hand: merged title, the item's
 * facts and the period under it, 日期 · 单号 · 摘要 (· 批号 · 有效期) · 收入 · 发出 · 结存 · 经办人,
 * 期初结存 first, 本期合计 (live formulas) and 期末结存 last, 保管员 / 负责人 to sign. Reversals in red
 * ink (negative, in the original's column). Pure: the card's view in, the file's bytes out.
 */

const HEADER_ROW = 4;
const BODY: Partial<ExcelJS.Font> = { name: FONT, size: 10 };
const BOLD: Partial<ExcelJS.Font> = { name: FONT, size: 10, bold: true };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
const RED: Partial<ExcelJS.Font> = { name: FONT, size: 10, color: { argb: 'FFC00000' } };

interface Col { header: string; width: number; key: 'time' | 'number' | 'summary' | 'batch' | 'expiry' | 'in' | 'out' | 'balance' | 'operator' }

function columnsOf(view: CardView): Col[] {
  const u = view.item.unit;
  return [
    { key: 'time', header: '日期', width: 18 },
    { key: 'number', header: '单号', width: 18 },
    { key: 'summary', header: '摘要', width: 42 },
    ...(view.item.tracksBatches ? [{ key: 'batch', header: '批号', width: 18 } as Col, { key: 'expiry', header: '有效期', width: 12 } as Col] : []),
    { key: 'in', header: `收入(${u})`, width: 12 },
    { key: 'out', header: `发出(${u})`, width: 12 },
    { key: 'balance', header: `结存(${u})`, width: 13 },
    { key: 'operator', header: '经办人', width: 10 },
  ];
}

/** The quantity format of an item: whole numbers, or its decimal places always shown (2.500 公斤). */
const quantityFormat = (decimals: number) => (decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`);
const letter = (n: number) => String.fromCharCode(64 + n);
const dateOf = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Lines a wrapped text takes in a column `width` characters wide (a CJK character is two): a row's
 * height is written out, since a reader that does not re-measure rows (LibreOffice) would otherwise
 * lay a long 摘要 over the next row.
 */
function linesIn(text: string, width: number): number {
  const units = [...text].reduce((sum, ch) => sum + ((ch.codePointAt(0) ?? 0) > 0x2e7f ? 2 : 1.1), 0);
  return Math.max(1, Math.ceil(units / Math.max(1, width - 1.5)));
}

export async function stockCardWorkbook(view: CardView): Promise<Buffer> {
  const cols = columnsOf(view);
  const n = cols.length;
  const at = (key: Col['key']) => cols.findIndex((c) => c.key === key) + 1;
  const [IN, OUT, BAL] = [at('in'), at('out'), at('balance')];
  const scale = 10 ** view.item.decimals;
  const qty = (scaled: number) => scaled / scale;
  const qtyFormat = quantityFormat(view.item.decimals);

  const wb = new ExcelJS.Workbook();
  wb.creator = '物资保障台账';
  const ws = wb.addWorksheet(xmlSafe(`${view.item.code || view.item.name}台账`.slice(0, 31).replace(/[\\/?*[\]:]/g, '_')), {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9, orientation: view.item.tracksBatches ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      horizontalCentered: true, printTitlesRow: `1:${HEADER_ROW}`,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  ws.columns = cols.map((c) => ({ width: c.width }));

  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = xmlSafe(`${view.officeName}物资台账`);
  title.font = { name: '黑体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const item = view.item;
  ws.mergeCells(2, 1, 2, n);
  ws.getCell(2, 1).value = xmlSafe(`物资名称:${item.name}    规格型号:${item.spec || '—'}    计量单位:${item.unit}    物资编码:${item.code || '—'}    类别:${item.categoryName}`);
  ws.getCell(2, 1).alignment = { vertical: 'middle', wrapText: true };
  const half = Math.max(1, Math.floor(n / 2));
  ws.mergeCells(3, 1, 3, half);
  ws.mergeCells(3, half + 1, 3, n);
  ws.getCell(3, 1).value = xmlSafe(`单位:${view.officeName}    库房:${view.storeName}`);
  ws.getCell(3, half + 1).value = `期间:${view.periodText}`;
  ws.getCell(3, half + 1).alignment = { horizontal: 'right' };
  for (const r of [2, 3]) ws.getRow(r).font = BODY;
  const head = ws.getRow(HEADER_ROW);
  head.values = cols.map((c) => c.header);
  head.height = 20;
  head.eachCell((cell) => {
    cell.font = BOLD;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });

  const style = (row: ExcelJS.Row, font: Partial<ExcelJS.Font>) => {
    for (let c = 1; c <= n; c++) {
      const cell = row.getCell(c);
      const number = c === IN || c === OUT || c === BAL;
      cell.border = THIN;
      cell.font = font;
      cell.alignment = number ? { horizontal: 'right', vertical: 'middle' } : { vertical: 'middle', wrapText: c === at('summary') || c === at('batch') };
      if (number) cell.numFmt = qtyFormat;
    }
  };
  const put = (values: Partial<Record<Col['key'], ExcelJS.CellValue>>, font = BODY) => {
    const row = ws.addRow(cols.map((c) => values[c.key] ?? null));
    style(row, font);
    const lines = Math.max(...cols.map((c) => (c.key === 'summary' || c.key === 'batch' ? linesIn(String(values[c.key] ?? ''), c.width) : 1)));
    row.height = Math.max(18, lines * 13.5 + 3);
    const time = row.getCell(at('time'));
    if (time.value instanceof Date) time.numFmt = 'yyyy-mm-dd hh:mm';
    if (item.tracksBatches && row.getCell(at('expiry')).value instanceof Date) row.getCell(at('expiry')).numFmt = 'yyyy-mm-dd';
    return row;
  };

  const openingRow = put({ time: view.openingTime ? excelWallTime(view.openingTime) : null, summary: '期初结存', balance: qty(view.opening) }, BOLD);
  const line = (l: CardLine) => put({
    time: excelWallTime(l.time), number: l.number, summary: xmlSafe(l.summary), batch: xmlSafe(l.batchNo),
    expiry: l.expiry ? dateOf(l.expiry) : null, in: l.received === null ? null : qty(l.received), out: l.issued === null ? null : qty(l.issued),
    balance: qty(l.balance), operator: xmlSafe(l.operator),
  }, l.reversal ? RED : BODY);
  for (const l of view.lines) line(l);
  const first = openingRow.number + 1;
  const last = openingRow.number + view.lines.length;
  const sum = (c: number, result: number) => (view.lines.length ? { formula: `SUM(${letter(c)}${first}:${letter(c)}${last})`, result: qty(result) } : 0);
  const totals = put({ summary: '本期合计', in: sum(IN, view.totalIn), out: sum(OUT, view.totalOut) }, BOLD);
  put({
    summary: '期末结存',
    balance: { formula: `${letter(BAL)}${openingRow.number}+${letter(IN)}${totals.number}-${letter(OUT)}${totals.number}`, result: qty(view.closing) },
  }, BOLD);

  const signRow = ws.rowCount + 2;
  ws.mergeCells(signRow, 1, signRow, n);
  ws.getCell(signRow, 1).value = xmlSafe(`保管员(签字):              负责人(签字):              制表时间:${view.madeAt}`);
  ws.getCell(signRow, 1).font = BODY;
  ws.getRow(signRow).height = 24;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
