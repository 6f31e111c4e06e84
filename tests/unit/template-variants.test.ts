import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DailyReport } from '../../db/reports/types';
import { fillTemplate } from '../../excel/template/fill';
import { readForms, reportWith, soffice, VARIANTS, writeForms, type SheetFacts, type Variant } from '../fixtures/template-variants/forms';

/**
 * Superiors' forms as openpyxl, LibreOffice and Excel write them (issue #18), each filled with
 * 0, 1, 20 and 500 rows and read back by openpyxl: print titles, fit to page, formulas with their
 * cached results, and the look of the filled rows.
 */
const SIZES = [0, 1, 20, 500];
const dir = mkdtempSync(join(tmpdir(), 'template-variants-'));
let forms: Record<Variant, Buffer>;
const reports = new Map<number, DailyReport>();
let facts: Record<string, Record<string, SheetFacts>>;
const failures = new Map<string, string>();
const filled = (v: Variant, n: number) => join(dir, 'out', `${v}-${n}.xlsx`);
const context = (report: DailyReport) => ({ report, officeAddress: '云杉路 1 号', officePhone: '0571-1234 5678', now: '2026-11-28T06:00:00.000Z' });

beforeAll(async () => {
  forms = await writeForms(dir);
  mkdirSync(join(dir, 'out'));
  for (const n of SIZES) {
    const report = reportWith(n);
    reports.set(n, report);
    for (const v of VARIANTS) {
      // A form that cannot be filled fails its own tests, not the whole file.
      try {
        writeFileSync(filled(v, n), await fillTemplate(forms[v], context(report)));
      } catch (err) {
        failures.set(filled(v, n), (err as Error).message);
      }
    }
  }
  facts = readForms(SIZES.flatMap((n) => VARIANTS.map((v) => filled(v, n))).filter((p) => !failures.has(p)));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sheet(v: Variant, n: number, name = '物资日报'): SheetFacts {
  expect(failures.get(filled(v, n))).toBe(undefined);
  return facts[filled(v, n)][name];
}
const total = (n: number, pick: (i: DailyReport['items'][number]) => number) => reports.get(n)!.items.reduce((s, i) => s + pick(i), 0);
const names = (n: number) => Array.from({ length: n }, (_v, i) => `物资${i + 1}`);

test('the forms are spelled as their writers spell them', () => {
  const raw = readForms(VARIANTS.map((v) => join(dir, v === 'libreoffice' ? 'lo/openpyxl.xlsx' : `${v}.xlsx`)));
  const of = (v: Variant) => raw[join(dir, v === 'libreoffice' ? 'lo/openpyxl.xlsx' : `${v}.xlsx`)]['物资日报'];
  expect([of('openpyxl').titles, of('openpyxl').page_setup_pr]).toEqual(["'物资日报'!3:4,'物资日报'!A:B", '<pageSetUpPr fitToPage="1"/>']);
  expect([of('libreoffice').titles, of('libreoffice').page_setup_pr]).toEqual(['物资日报!3:4,物资日报!A:B', '<pageSetUpPr fitToPage="true"/>']);
  expect([of('excel').titles, of('excel').page_setup_pr]).toEqual(["'物资日报'!$A:$B,'物资日报'!$3:$4", '<pageSetUpPr fitToPage="1"/>']);
  expect([of('merged-total').titles, of('fixed-rows').titles]).toEqual(["'物资日报'!4:5", "'物资日报'!3:3"]);
});

test.each(SIZES.flatMap((n) => (['openpyxl', 'libreoffice', 'excel'] as const).map((v) => [v, n] as const)))('%s form, %i rows: titles repeat, fit to width, totals cover the table', (v, n) => {
  const x = sheet(v, n);
  const rows = Math.max(n, 1);
  const sum = 5 + rows;
  expect([x.titles, x.title_rows, x.title_cols]).toEqual(["'物资日报'!$A:$B,'物资日报'!$3:$4", '$3:$4', '$A:$B']);
  expect([x.page_setup_pr, x.fit]).toEqual(['<pageSetUpPr fitToPage="1"/>', [true, 1, 0]]);
  expect(x.formulas).toEqual({ [`E${sum}`]: `=SUM(E5:E${sum - 1})`, [`F${sum}`]: `=SUM(F5:F${sum - 1})`, [`G${sum}`]: `=SUM(G5:G${sum - 1})` });
  expect(x.cached).toEqual({ [`E${sum}`]: total(n, (i) => i.received), [`F${sum}`]: total(n, (i) => i.issued), [`G${sum}`]: total(n, (i) => i.closing) });
  expect(x.b.slice(4, 4 + n)).toEqual(names(n));
  expect(x.b[sum - 1]).toBe(null);
  expect(new Set(x.e_style.slice(4, 4 + rows))).toEqual(new Set(['宋体|#,##0|right|thin|thin']));
});

test.each(SIZES)('merged total, %i rows: its formula moves once, and the cover sheet shows the total', (n) => {
  const rows = Math.max(n, 1);
  const at = 6 + rows;
  const x = sheet('merged-total', n);
  const received = total(n, (i) => i.received);
  expect(received).toBe(n === 0 ? 0 : n * 1000 + (37 * n * (n - 1)) / 2);
  expect([x.titles, x.page_setup_pr]).toEqual(["'物资日报'!$4:$5", '<pageSetUpPr fitToPage="1"/>']);
  expect([x.formulas, x.cached]).toEqual([{ [`C${at}`]: `=SUM(C6:G${at - 1})` }, { [`C${at}`]: received }]);
  expect(x.merged).toEqual(['A4:A5', 'B4:B5', 'C4:G4', 'C5:G5', ...Array.from({ length: rows + 1 }, (_v, k) => `C${6 + k}:G${6 + k}`)].sort());
  const cover = sheet('merged-total', n, '封面');
  expect([cover.formulas, cover.cached]).toEqual([{ B3: `='物资日报'!C${at}`, B4: `=SUM('物资日报'!C${at}:G${at})` }, { B3: received, B4: received }]);
});

test.each(SIZES)('20 pre-bordered blank rows, %i rows: filled rows look like the sample row, inside the form\'s own frame', (n) => {
  const x = sheet('fixed-rows', n);
  // Sample row 4 and 20 blank rows (5–24, the last closing the frame): more than 21 rows grow the table.
  const sum = Math.max(25, 4 + n);
  expect([x.titles, x.page_setup_pr, x.fit]).toEqual(["'物资日报'!$3:$3", '<pageSetUpPr fitToPage="1"/>', [true, 1, 0]]);
  expect(x.formulas).toEqual({ [`E${sum}`]: `=SUM(E4:E${sum - 1})`, [`F${sum}`]: `=SUM(F4:F${sum - 1})`, [`G${sum}`]: `=SUM(G4:G${sum - 1})` });
  expect(x.cached[`E${sum}`]).toBe(total(n, (i) => i.received));
  expect(x.b.slice(3, 3 + n)).toEqual(names(n));
  const filledRows = Math.max(n, 1);
  const e = x.e_style.slice(3, sum - 1);
  const a = x.a_style.slice(3, sum - 1);
  const frame = (s: string, last: boolean) => (last ? s.replace(/thin$/, 'medium') : s);
  expect(e).toEqual(Array.from({ length: sum - 4 }, (_v, k) => frame(k < filledRows ? '宋体|#,##0|right|thin|thin' : 'Calibri|General|None|thin|thin', k === sum - 5)));
  expect(a).toEqual(Array.from({ length: sum - 4 }, (_v, k) => frame(k < filledRows ? '宋体|General|center|thin|thin' : 'Calibri|General|None|thin|thin', k === sum - 5)));
});

test('LibreOffice prints the filled LibreOffice form with its headings on every page, one page wide', () => {
  const pdf = join(dir, 'pdf');
  mkdirSync(pdf);
  soffice(dir, ['--convert-to', 'pdf', '--outdir', pdf, filled('libreoffice', 500)]);
  const file = join(pdf, 'libreoffice-500.pdf');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  // 500 rows at about 40 a landscape page, none of them pushed to a second page across.
  expect(pages).toBeGreaterThanOrEqual(8);
  expect(pages).toBeLessThanOrEqual(16);
  for (let p = 1; p <= pages; p++) {
    const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', file, '-'], { encoding: 'utf8' });
    expect([p, ...['序号', '物资名称', '本期入库', '本期结存', '备注'].map((h) => text.includes(h))]).toEqual([p, true, true, true, true, true]);
  }
  const shots = resolve(__dirname, '..', '..', 'test-results', 'template-variants');
  mkdirSync(shots, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, join(shots, 'libreoffice-500')]);
}, 60_000);
