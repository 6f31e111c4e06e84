import type ExcelJS from 'exceljs';
import { shiftFormula, shiftRange, shiftRangeList, shiftRef, shiftRow, type Shift } from './refs';

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
type Merges = Record<string, { model: Box }>;
type Media = { range?: { tl?: { nativeRow: number }; br?: { nativeRow: number } } }[];

/** Shared formulas become ordinary ones, so that every formula can be moved on its own. */
export function unshareFormulas(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { sharedFormula?: string; result?: unknown } | null;
        if (v && typeof v === 'object' && 'sharedFormula' in v && v.sharedFormula) {
          cell.value = { formula: cell.formula, result: v.result } as ExcelJS.CellFormulaValue;
        }
      }),
    ),
  );
}

/**
 * Inserts `count` empty rows before row `at` of `ws`, doing deliberately what exceljs's spliceRows
 * does not: merged cells, formulas (on every sheet), print area and titles, data validations,
 * conditional formats, images and defined names all move down; ranges that reach the table block's
 * last row (`blockEnd`, a SUM over the table) grow to cover the new rows.
 */
export function insertRows(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, at: number, count: number, blockEnd: number): void {
  const s: Shift = { at, count, blockEnd };
  const merges = Object.values((ws as unknown as { _merges: Merges })._merges).map((m) => ({ ...m.model }));
  const moved: Box[] = [];
  for (const m of merges) {
    const [top, bottom] = shiftRange(m.top, m.bottom, s);
    if (top === m.top && bottom === m.bottom) continue;
    ws.unMergeCells(m.top, m.left, m.bottom, m.right);
    moved.push({ ...m, top, bottom });
  }
  const columns = Math.max(ws.columnCount, 1);
  for (let r = ws.rowCount; r >= at; r--) {
    const from = ws.getRow(r);
    const to = ws.getRow(r + count);
    to.height = from.height;
    to.hidden = from.hidden;
    for (let c = 1; c <= columns; c++) {
      const src = from.getCell(c);
      const dst = to.getCell(c);
      dst.value = src.value;
      dst.style = src.style;
      src.value = null;
      src.style = {};
    }
    from.height = undefined as unknown as number;
    from.hidden = false;
  }
  for (const m of moved) ws.mergeCells(m.top, m.left, m.bottom, m.right);

  wb.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as ExcelJS.CellFormulaValue | null;
        if (v && typeof v === 'object' && 'formula' in v && v.formula) {
          cell.value = { ...v, formula: shiftFormula(v.formula, ws.name, sheet === ws, s) };
        }
      }),
    ),
  );

  const setup = ws.pageSetup;
  if (setup.printArea) setup.printArea = setup.printArea.split('&&').map((a) => shiftRangeList(a.replace(/\$/g, ''), s)).join('&&');
  if (setup.printTitlesRow) setup.printTitlesRow = shiftRef(setup.printTitlesRow.replace(/\$/g, ''), s);

  const validations = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations;
  validations.model = Object.fromEntries(
    Object.entries(validations.model).filter(([, v]) => v !== undefined).map(([address, v]) => [shiftRangeList(address, s), v]),
  );
  for (const cf of (ws as unknown as { conditionalFormattings?: { ref: string }[] }).conditionalFormattings ?? []) cf.ref = shiftRangeList(cf.ref, s);
  for (const m of (ws as unknown as { _media: Media })._media) {
    // Anchors count rows from 0.
    if (m.range?.tl) m.range.tl.nativeRow = shiftRow(m.range.tl.nativeRow + 1, s) - 1;
    if (m.range?.br) m.range.br.nativeRow = shiftRow(m.range.br.nativeRow + 1, s) - 1;
  }
  (wb.definedNames as unknown as { spliceRows(sheet: string, start: number, n: number, inserts: number): void }).spliceRows(ws.name, at, 0, count);
}
