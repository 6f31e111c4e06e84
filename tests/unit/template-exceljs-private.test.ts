import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import {
  clearHeight, conditionalFormatsOf, EXCELJS_VERSION, insertRowsInNames, loadXlsx, mergeAt, mergesOf, validationsOf,
} from '../../excel/template/exceljs-private';

/**
 * One test per undeclared exceljs field the form filler uses (excel/template/exceljs-private.ts):
 * an exceljs upgrade that renames or reshapes one fails here, by name. Each is checked on a
 * workbook read back from bytes, the way forms arrive.
 */
async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await loadXlsx(back, Buffer.from(await wb.xlsx.writeBuffer()));
  return back;
}

test('exceljs is the version the adapter was written for, as package.json pins it', () => {
  const installed = JSON.parse(readFileSync(require.resolve('exceljs/package.json'), 'utf8')).version;
  const pinned = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).dependencies.exceljs;
  expect([installed, pinned]).toEqual([EXCELJS_VERSION, EXCELJS_VERSION]);
});

test('worksheet._merges: every merge as its box, and by its master address', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.mergeCells('A1:C2');
  ws.mergeCells('D5:D9');
  const back = (await roundTrip(wb)).getWorksheet('表')!;
  expect(mergesOf(back)).toEqual([{ top: 1, left: 1, bottom: 2, right: 3 }, { top: 5, left: 4, bottom: 9, right: 4 }]);
  expect([mergeAt(back, 'D5'), mergeAt(back, 'B1'), mergeAt(back, 'E1')]).toEqual([{ top: 5, left: 4, bottom: 9, right: 4 }, undefined, undefined]);
});

test('worksheet.dataValidations.model: validations by address, moved by rewriting their keys', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表').getCell('B3').dataValidation = { type: 'list', allowBlank: true, formulae: ['"待审核,已审核"'] };
  const back = await roundTrip(wb);
  const ws = back.getWorksheet('表')!;
  const validations = validationsOf(ws);
  expect(Object.keys(validations.model)).toEqual(['B3']);
  validations.model = { B7: validations.model.B3 };
  const moved = (await roundTrip(back)).getWorksheet('表')!;
  expect([moved.getCell('B3').dataValidation, moved.getCell('B7').dataValidation]).toEqual([undefined, { type: 'list', allowBlank: true, formulae: ['"待审核,已审核"'] }]);
});

test('worksheet.conditionalFormattings: each with its ref, moved by rewriting it', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表').addConditionalFormatting({ ref: 'H5:H9', rules: [{ type: 'cellIs', operator: 'lessThan', formulae: ['10'], priority: 1, style: {} }] });
  const back = await roundTrip(wb);
  const [cf] = conditionalFormatsOf(back.getWorksheet('表')!);
  expect(cf.ref).toBe('H5:H9');
  cf.ref = 'H5:H29';
  expect(conditionalFormatsOf((await roundTrip(back)).getWorksheet('表')!).map((c) => c.ref)).toEqual(['H5:H29']);
});

test('workbook.definedNames.spliceRows: a sheet\'s named cells move down with inserted rows, other sheets\' stay', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表');
  wb.addWorksheet('封面');
  wb.definedNames.add("'表'!$E$6", '合计');
  wb.definedNames.add("'封面'!$B$6", '封面合计');
  const back = await roundTrip(wb);
  insertRowsInNames(back, '表', 5, 10);
  expect([back.definedNames.getRanges('合计').ranges, back.definedNames.getRanges('封面合计').ranges]).toEqual([["'表'!$E$16"], ["'封面'!$B$6"]]);
});

test('row.height set to undefined: the row goes back to the sheet\'s default height', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.getRow(3).height = 30;
  ws.getCell('A3').value = '合计';
  const back = await roundTrip(wb);
  const row = back.getWorksheet('表')!.getRow(3);
  expect(row.height).toBe(30);
  clearHeight(row);
  expect((await roundTrip(back)).getWorksheet('表')!.getRow(3).height).toBe(undefined);
});
