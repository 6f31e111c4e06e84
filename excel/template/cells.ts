import type ExcelJS from 'exceljs';

/** A cell of a merge other than its top-left one: exceljs answers the master's value there, and a write there goes to the master. */
export function isMergeSlave(cell: ExcelJS.Cell): boolean {
  return cell.isMerged && cell.master.address !== cell.address;
}

/**
 * Every formula of the workbook once: a merged cell's formula is met at its master only (visiting
 * the other cells of the merge would move or rewrite it once per cell).
 */
export function eachFormulaCell(wb: ExcelJS.Workbook, fn: (ws: ExcelJS.Worksheet, cell: ExcelJS.Cell, value: ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue) => void): void {
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (isMergeSlave(cell)) return;
        const v = cell.value;
        if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) fn(ws, cell, v as ExcelJS.CellFormulaValue);
      }),
    ),
  );
}
