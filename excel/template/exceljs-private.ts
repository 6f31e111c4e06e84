import type ExcelJS from 'exceljs';

/**
 * Everything the form filler reads or writes of exceljs that its typings do not declare, in one
 * place. Written against this version (package.json pins it); tests/unit/template-exceljs-private.test.ts
 * checks each field below by name, so an upgrade that renames or reshapes one fails that test, not
 * a filled form in an office.
 */
export const EXCELJS_VERSION = '4.4.0';

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `worksheet._merges`: master address → a Range whose `model` is the merged box. */
export function mergesOf(ws: ExcelJS.Worksheet): Box[] {
  const merges = (ws as unknown as { _merges: Record<string, { model: Box }> })._merges;
  return Object.values(merges).map(({ model: { top, left, bottom, right } }) => ({ top, left, bottom, right }));
}

/** The merge whose master (top-left) cell is `address`, if any: `_merges` is keyed by that address. */
export function mergeAt(ws: ExcelJS.Worksheet, address: string): Box | undefined {
  const merge = (ws as unknown as { _merges: Record<string, { model: Box } | undefined> })._merges[address];
  return merge && { top: merge.model.top, left: merge.model.left, bottom: merge.model.bottom, right: merge.model.right };
}

/** `worksheet.dataValidations.model`: address or range list → validation (undefined once removed). */
export function validationsOf(ws: ExcelJS.Worksheet): { model: Record<string, unknown> } {
  return (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations;
}

/** `worksheet.conditionalFormattings`: each with its `ref`, a space-separated range list. */
export function conditionalFormatsOf(ws: ExcelJS.Worksheet): { ref: string }[] {
  return (ws as unknown as { conditionalFormattings?: { ref: string }[] }).conditionalFormattings ?? [];
}

/** `workbook.definedNames.spliceRows`: moves the named ranges of `sheet` down by `count` rows from `at`. */
export function insertRowsInNames(wb: ExcelJS.Workbook, sheet: string, at: number, count: number): void {
  (wb.definedNames as unknown as { spliceRows(sheet: string, start: number, n: number, inserts: number): void }).spliceRows(sheet, at, 0, count);
}

/** A row back to the sheet's default height: exceljs types `height` as a number, but undefined is how it says "none". */
export function clearHeight(row: ExcelJS.Row): void {
  row.height = undefined as unknown as number;
}

/** `xlsx.load` takes a Node Buffer at run time; its typings ask for an ArrayBuffer-like `Buffer` of their own. */
export async function loadXlsx(wb: ExcelJS.Workbook, bytes: Buffer): Promise<void> {
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
}
