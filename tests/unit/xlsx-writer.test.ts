import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { expect, test } from 'vitest';
import { Book } from '../../excel/xlsx/book';
import { crc32Combine } from '../../excel/xlsx/zip';

test('CRC-32 of joined pieces equals the CRC joined from the pieces', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ minLength: 1, maxLength: 3000 }), (a, b) => {
      expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
    }),
    { numRuns: 300 },
  );
});

test('the writer\'s workbook reads back the same in exceljs and openpyxl: texts, numbers, dates, formulas, styles, merges, many pieces', async () => {
  const wb = new Book();
  wb.creator = '物资保障台账';
  wb.created = new Date('2026-11-28T07:20:00Z');
  const ws = wb.addWorksheet("点位'汇总", { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { printTitlesRow: '1:1', paperSize: 9, orientation: 'landscape' } });
  ws.columns = [{ width: 6 }, { width: 20 }, { width: 12 }];
  const header = ws.getRow(1);
  header.values = ['序号', '名称 & <规格>', '数量'];
  header.font = { name: '宋体', size: 10, bold: true };
  const rows = 6000; // enough XML for several compressed pieces
  for (let r = 2; r <= rows + 1; r++) {
    const row = ws.getRow(r);
    row.values = [r - 1, r % 2 ? '  前后有空格  ' : `口罩${r}`, r % 7];
    row.getCell(3).numFmt = '#,##0.###';
    row.commit();
  }
  const total = ws.getRow(rows + 2);
  total.getCell(2).value = '合计';
  total.getCell(3).value = { formula: `SUM(C2:C${rows + 1})`, result: 17_997 };
  ws.getCell(rows + 3, 1).value = new Date(Date.UTC(2026, 10, 28, 9, 30));
  ws.getCell(rows + 3, 1).numFmt = 'yyyy-mm-dd hh:mm';
  ws.mergeCells(rows + 4, 1, rows + 4, 3);
  ws.getCell(rows + 4, 1).value = '填报人:王联络';
  const bytes = wb.write();

  const read = new ExcelJS.Workbook();
  await read.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = read.worksheets[0];
  expect(sheet.name).toBe("点位'汇总");
  expect(read.creator).toBe('物资保障台账');
  expect(sheet.getRow(1).values).toEqual([undefined, '序号', '名称 & <规格>', '数量']);
  expect(sheet.getCell('A1').font).toMatchObject({ name: '宋体', size: 10, bold: true });
  expect(sheet.getCell('B2').value).toBe(`口罩2`);
  expect(sheet.getCell('B3').value).toBe('  前后有空格  ');
  expect(sheet.getCell('C3').numFmt).toBe('#,##0.###');
  expect(sheet.getCell(`C${rows + 2}`).value).toEqual({ formula: `SUM(C2:C${rows + 1})`, result: 17_997 });
  expect(sheet.getCell(`A${rows + 3}`).value).toEqual(new Date(Date.UTC(2026, 10, 28, 9, 30)));
  expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
  expect(sheet.columns.map((c) => c.width)).toEqual([6, 20, 12]);

  const dir = mkdtempSync(join(tmpdir(), 'xlsx-writer-'));
  try {
    const file = join(dir, 'w.xlsx');
    writeFileSync(file, bytes);
    const script = [
      'import json,sys', 'from openpyxl import load_workbook',
      'ws = load_workbook(sys.argv[1]).worksheets[0]',
      'print(json.dumps({"rows": ws.max_row, "b3": ws["B3"].value, "c4": ws["C4"].value, "merged": [str(m) for m in ws.merged_cells.ranges],',
      '  "freeze": ws.freeze_panes, "titles": ws.print_title_rows, "orientation": ws.page_setup.orientation, "date": str(ws.cell(' + (rows + 3) + ', 1).value)}, ensure_ascii=False))',
    ].join('\n');
    expect(JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }))).toEqual({
      rows: rows + 4, b3: '  前后有空格  ', c4: 4, merged: [`A${rows + 4}:C${rows + 4}`], freeze: 'A2', titles: '$1:$1', orientation: 'landscape', date: '2026-11-28 09:30:00',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
