import type ExcelJS from 'exceljs';
import { eachFormulaCell } from './cells';
import { clearHeight, conditionalFormatsOf, insertRowsInNames, mergesOf, validationsOf, type Box } from './exceljs-private';
import { shiftFormula, shiftRange, shiftRangeList, shiftRef, shiftRow, type Shift } from './refs';

/** Shared formulas become ordinary ones, so that every formula can be moved on its own. */
export function unshareFormulas(wb: ExcelJS.Workbook): void {
  eachFormulaCell(wb, (_ws, cell, v) => {
    if ('sharedFormula' in v && v.sharedFormula) cell.value = { formula: cell.formula, result: v.result } as ExcelJS.CellFormulaValue;
  });
}

/**
 * Inserts `count` empty rows before row `at` of `ws`, doing deliberately what exceljs's spliceRows
 * does not: merged cells, formulas (on every sheet), print area and titles, data validations,
 * conditional formats, images and defined names all move down; ranges that reach the table block's
 * last row (`blockEnd`, a SUM over the table) grow to cover the new rows. A merge within one row
 * (a name cell spanning two columns in the table row) never grows: it is one row's, repeated per row.
 */
export function insertRows(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, at: number, count: number, blockEnd: number): void {
  const s: Shift = { at, count, blockEnd };
  const moved: Box[] = [];
  for (const m of mergesOf(ws)) {
    const [top, bottom] = m.top === m.bottom ? [shiftRow(m.top, s), shiftRow(m.bottom, s)] : shiftRange(m.top, m.bottom, s);
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
    clearHeight(from);
    from.hidden = false;
  }
  for (const m of moved) ws.mergeCells(m.top, m.left, m.bottom, m.right);

  eachFormulaCell(wb, (sheet, cell, v) => {
    if ('formula' in v && v.formula) cell.value = { ...v, formula: shiftFormula(v.formula, ws.name, sheet === ws, s) };
  });

  const setup = ws.pageSetup;
  if (setup.printArea) setup.printArea = setup.printArea.split('&&').map((a) => shiftRangeList(a.replace(/\$/g, ''), s)).join('&&');
  if (setup.printTitlesRow) setup.printTitlesRow = shiftRef(setup.printTitlesRow.replace(/\$/g, ''), s);

  const validations = validationsOf(ws);
  validations.model = Object.fromEntries(
    Object.entries(validations.model).filter(([, v]) => v !== undefined).map(([address, v]) => [shiftRangeList(address, s), v]),
  );
  for (const cf of conditionalFormatsOf(ws)) cf.ref = shiftRangeList(cf.ref, s);
  for (const { range } of ws.getImages()) {
    // Anchors count rows from 0; a one-cell anchor has no bottom right.
    if (range?.tl) range.tl.nativeRow = shiftRow(range.tl.nativeRow + 1, s) - 1;
    if (range?.br) range.br.nativeRow = shiftRow(range.br.nativeRow + 1, s) - 1;
  }
  insertRowsInNames(wb, ws.name, at, count);
}
