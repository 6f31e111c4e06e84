import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fillTemplate, inspectTemplate } from '../../excel/template/fill';
import { parsePrintTitles } from '../../excel/template/print-setup';
import { readForms, reportWith } from '../fixtures/template-variants/forms';

test.each([
  ["'物资日报'!$3:$4", { rows: '3:4' }],
  ['物资日报!$3:$4', { rows: '3:4' }],
  ["'物资日报'!3:4", { rows: '3:4' }],
  ['$3:$4', { rows: '3:4' }],
  ['3:3', { rows: '3:3' }],
  ["'物资日报'!$4:$3", { rows: '3:4' }],
  ['物资日报!3:4,物资日报!A:B', { rows: '3:4', columns: 'A:B' }],
  ["'物资日报'!$A:$B,'物资日报'!$3:$4", { rows: '3:4', columns: 'A:B' }],
  ["'It''s, 表'!$A:$A,'It''s, 表'!$5:$5", { rows: '5:5', columns: 'A:A' }],
  ["'表'!$AA:$b", { columns: 'B:AA' }],
  ['Sheet1!$A$3:$IV$4', { rows: '3:4' }],
  ['Sheet1!$A$1:$B$1048576', { columns: 'A:B' }],
  ["'表'!$C$5:$D$9", {}],
  ['#REF!', {}],
])('print titles %s are read as %o', (text, expected) => {
  expect(parsePrintTitles(text)).toEqual(expected);
});

test('titles written by openpyxl below a growing table move down with it; title columns stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'template-titles-'));
  try {
    const form = join(dir, 'form.xlsx');
    const script = [
      'import sys',
      'from openpyxl import Workbook',
      'wb = Workbook(); ws = wb.active; ws.title = "表"',
      'ws["A1"] = "{{填报单位}}"; ws["A3"] = "序号"; ws["B3"] = "物资名称"',
      'ws["A4"] = "{{#表 收发存}}{{行.序号}}"; ws["B4"] = "{{行.物资名称}}"; ws["A5"] = "合计"',
      'ws["A8"] = "说明"; ws["A9"] = "本表由系统填写"',
      'ws.print_title_rows = "8:9"; ws.print_title_cols = "A:A"',
      'wb.save(sys.argv[1])',
    ].join('\n');
    execFileSync('/usr/bin/python3', ['-c', script, form]);
    expect((await inspectTemplate(readFileSync(form))).tables).toEqual([{ sheet: '表', row: 4, dataset: '收发存', fields: ['序号', '物资名称'] }]);
    const out = join(dir, 'filled.xlsx');
    writeFileSync(out, await fillTemplate(readFileSync(form), { report: reportWith(3), officeAddress: '', officePhone: '', now: '2026-11-28T06:00:00.000Z' }));
    const x = readForms([form, out]);
    expect(x[form]['表'].titles).toBe("'表'!8:9,'表'!A:A");
    expect([x[out]['表'].titles, x[out]['表'].title_rows, x[out]['表'].title_cols]).toEqual(["'表'!$A:$A,'表'!$10:$11", '$10:$11', '$A:$A']);
    expect(x[out]['表'].b.slice(3, 6)).toEqual(['物资1', '物资2', '物资3']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
