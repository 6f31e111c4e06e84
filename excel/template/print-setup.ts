import type ExcelJS from 'exceljs';
import { readParts } from './zip-read';

/**
 * The print settings exceljs 4.4.0 reads only in Excel's own spelling, read again from the form's
 * XML: print titles written as openpyxl and LibreOffice write them (`'物资日报'!3:4`,
 * `物资日报!3:4,物资日报!A:B`: exceljs keeps only `$3:$4`) and the booleans LibreOffice writes as
 * "true"/"false" (`<pageSetUpPr fitToPage="true"/>`: exceljs takes only "1"), which lost a form's
 * repeated headings and its fit to one page wide. exceljs writes them back in Excel's spelling.
 */
export function restorePrintSetup(wb: ExcelJS.Workbook, bytes: Buffer): void {
  const parts = readParts(bytes, (name) => name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels' || name.startsWith('xl/worksheets/'));
  const book = parts.get('xl/workbook.xml');
  if (!book) return;
  const targets = new Map(elements(parts.get('xl/_rels/workbook.xml.rels') ?? '', 'Relationship').map(({ attrs }) => [attrs.Id, attrs.Target ?? ''] as const));
  const sheets = elements(book, 'sheet').map(({ attrs }) => {
    const rel = Object.entries(attrs).find(([k]) => /:id$/.test(k))?.[1] ?? '';
    const target = (targets.get(rel) ?? '').replace(/^\/?(xl\/)?/i, '');
    return { name: attrs.name ?? '', part: `xl/${target}`.toLowerCase() };
  });
  for (const { attrs, text } of elements(book, 'definedName')) {
    if (attrs.name !== '_xlnm.Print_Titles' || attrs.localSheetId === undefined) continue;
    const ws = wb.getWorksheet(sheets[Number(attrs.localSheetId)]?.name ?? '');
    if (!ws) continue;
    const titles = parsePrintTitles(text);
    Object.assign(ws.pageSetup, { printTitlesRow: titles.rows, printTitlesColumn: titles.columns });
  }
  for (const { name, part } of sheets) {
    const ws = wb.getWorksheet(name);
    const xml = parts.get(part);
    if (!ws || !xml) continue;
    const setup = ws.pageSetup as Record<string, unknown>;
    const flags: [string, string, string][] = [
      ['pageSetUpPr', 'fitToPage', 'fitToPage'],
      ['printOptions', 'horizontalCentered', 'horizontalCentered'],
      ['printOptions', 'verticalCentered', 'verticalCentered'],
      ['printOptions', 'gridLines', 'showGridLines'],
      ['printOptions', 'headings', 'showRowColHeaders'],
      ['pageSetup', 'blackAndWhite', 'blackAndWhite'],
      ['pageSetup', 'draft', 'draft'],
    ];
    for (const [tag, attr, key] of flags) {
      const value = elements(xml, tag, false)[0]?.attrs[attr];
      if (value !== undefined) setup[key] = value === '1' || value === 'true';
    }
  }
}

export interface PrintTitles {
  /** `3:4`, as exceljs keeps them. */
  rows?: string;
  /** `A:B`. */
  columns?: string;
}

const MAX_COLUMN = /^(?:XFD|IV)$/;
const MAX_ROW = /^(?:1048576|65536)$/;

/**
 * Any spelling of a sheet's print titles Excel accepts: with or without the sheet (quoted or
 * not) and `$`, rows (`$3:$4`), columns (`$A:$B`) or both joined by a comma, and the whole-row or
 * whole-column ranges older files hold (`$A$3:$IV$4`).
 */
export function parsePrintTitles(text: string): PrintTitles {
  const out: PrintTitles = {};
  for (const part of text.match(/(?:'(?:[^']|'')*'|[^,])+/g) ?? []) {
    const ref = part.trim().replace(/^(?:'(?:[^']|'')*'|[^'!]*)!/, '').replace(/\$/g, '').toUpperCase();
    const rows = /^(\d+):(\d+)$/.exec(ref);
    const columns = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(ref);
    const cells = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/.exec(ref);
    if (rows) out.rows = span(Number(rows[1]), Number(rows[2]));
    else if (columns) out.columns = column(columns[1]) <= column(columns[2]) ? `${columns[1]}:${columns[2]}` : `${columns[2]}:${columns[1]}`;
    else if (cells && cells[1] === 'A' && MAX_COLUMN.test(cells[3])) out.rows = span(Number(cells[2]), Number(cells[4]));
    else if (cells && cells[2] === '1' && MAX_ROW.test(cells[4])) out.columns = `${cells[1]}:${cells[3]}`;
  }
  return out;
}

const span = (a: number, b: number) => `${Math.min(a, b)}:${Math.max(a, b)}`;
const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Elements named `tag` (any namespace prefix) with their attributes and, unless `withText` is false, their text. */
function elements(xml: string, tag: string, withText = true): { attrs: Record<string, string>; text: string }[] {
  const open = String.raw`<(?:[\w.-]+:)?${tag}\b([^>]*?)`;
  const re = withText ? new RegExp(String.raw`${open}(?:/>|>([\s\S]*?)</(?:[\w.-]+:)?${tag}>)`, 'g') : new RegExp(String.raw`${open}/?>`, 'g');
  return [...xml.matchAll(re)].map((m) => ({ attrs: attributes(m[1]), text: decode(m[2] ?? '') }));
}

function attributes(source: string): Record<string, string> {
  return Object.fromEntries([...source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((m) => [m[1], decode(m[2] ?? m[3])]));
}

function decode(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(?:#x([\da-f]+)|#(\d+)|(\w+));/gi, (whole, hex: string, dec: string, name: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (named[name] ?? whole),
  );
}
