import { CELL_PAD_MM, CELL_SIDE_MM, fitCell, LINE_EM, linesNeeded, SMALL_STEP } from './slip-cells';

/**
 * A long ruled table printed on A4 (the 台账, the 盘点表): the same cells as the slips, which never
 * cut (text that does not fit is set a step smaller and wraps, and its row grows), cut into pages
 * by the height each row needs, so no sheet overflows its paper. Every page repeats the heading
 * and the column heads, may carry a row either side of a break (过次页 / 承前页, a category's 续),
 * and ends with its signature lines and 第 n 页 / 共 m 页.
 */

export interface SheetColumn {
  header: string;
  /** Share of the table's width, %. */
  width: number;
  align?: 'c' | 'r';
}

export interface SheetRow {
  /** One text per column; a band has one, spanning them all. */
  cells: string[];
  /** A tear row: a dashed line across the page, its text centred on it (沿虚线撕开 between buildings). */
  kind?: 'band' | 'total' | 'red' | 'carry' | 'tear';
}

export interface SheetDoc {
  /** Document title (the browser tab, a PDF's name). */
  name: string;
  /** The heading: office name and form title. */
  title: string;
  /** Lines under the heading, each a few "label:value" pieces. */
  meta: string[][];
  columns: SheetColumn[];
  rows: SheetRow[];
  /** The rows a break adds: at the bottom of the page before, at the top of the page after. */
  carry?(lastBefore: number, firstAfter: number): { bottom?: SheetRow; top?: SheetRow };
  /** Who signs each page (盘点人, 监盘人 …): a label and a ruled blank each. */
  signs: string[];
  /** The footer's left corner: who printed it and when. */
  printed: string;
  autoPrint?: boolean;
}

/** A4 portrait; the wider left margin leaves room to bind the sheets (装订线). */
const PAPER = { width: 210, height: 297, margin: [12, 12, 12, 18] as const, fontPt: 10, rowMm: 7 };
const PT_MM = 25.4 / 72;
/** Heading, column heads and footer are estimated generously; what is left over stays white above the signatures. */
const SLACK_MM = 6;
const FOOTER_MM = 16;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const tableMm = PAPER.width - PAPER.margin[1] - PAPER.margin[3];
const em = PAPER.fontPt * PT_MM;

interface Laid { html: string; heightMm: number }

function layRow(row: SheetRow, columns: SheetColumn[]): Laid {
  const cls = (extra: string[]) => (extra.filter(Boolean).length ? ` class="${extra.filter(Boolean).join(' ')}"` : '');
  const rowCls = row.kind && row.kind !== 'band' ? ` class="${row.kind}"` : '';
  if (row.kind === 'tear') {
    return { heightMm: PAPER.rowMm, html: `<tr class="tear" style="height:${PAPER.rowMm}mm"><td colspan="${columns.length}">${esc(row.cells[0] ?? '')}</td></tr>` };
  }
  if (row.kind === 'band') {
    const fit = fitCell(row.cells[0] ?? '', tableMm, PAPER.fontPt);
    const h = Math.max(PAPER.rowMm, fit.heightMm);
    return { heightMm: h, html: `<tr class="band" style="height:${h.toFixed(1)}mm"><td colspan="${columns.length}"${cls([fit.small ? 's' : ''])}>${esc(row.cells[0] ?? '')}</td></tr>` };
  }
  let h = PAPER.rowMm;
  const cells = columns.map((c, i) => {
    const text = row.cells[i] ?? '';
    const fit = fitCell(text, (c.width / 100) * tableMm, PAPER.fontPt);
    h = Math.max(h, fit.heightMm);
    return `<td${cls([c.align ?? '', fit.small ? 's' : ''])}>${esc(text)}</td>`;
  });
  return { heightMm: h, html: `<tr${rowCls} style="height:${h.toFixed(1)}mm">${cells.join('')}</tr>` };
}

/** Height of the heading: the title line and each meta line as it wraps across the page. */
function headingMm(doc: SheetDoc): number {
  const title = PAPER.fontPt * 1.6 * PT_MM * 1.3 + 1.5;
  const meta = doc.meta.reduce((sum, pieces) => sum + linesNeeded(pieces.join('\u3000\u3000'), (tableMm * 0.94) / em) * LINE_EM * em + 1.6, 0);
  return title + meta;
}

function theadMm(columns: SheetColumn[]): number {
  // Column heads are set a step smaller (th in the CSS below), so that 物资编码 and 实盘数量 stay on one line.
  return columns.reduce((h, c) => Math.max(h, fitCell(c.header, (c.width / 100) * tableMm, PAPER.fontPt * SMALL_STEP).heightMm), PAPER.rowMm);
}

/** Row indexes per page; a band is never left alone at the foot of a page. */
function paginate(heights: number[], rows: SheetRow[], budgetMm: number, carryMm: number): number[][] {
  const pages: number[][] = [];
  let page: number[] = [];
  let used = 0;
  heights.forEach((h, i) => {
    const need = h + (rows[i].kind === 'band' && i + 1 < rows.length ? heights[i + 1] : 0);
    if (page.length > 0 && used + need + carryMm > budgetMm) {
      pages.push(page);
      page = [];
      used = carryMm;
    }
    page.push(i);
    used += h;
  });
  pages.push(page);
  return pages;
}

export function sheetPages(doc: SheetDoc): string[] {
  const laid = doc.rows.map((r) => layRow(r, doc.columns));
  const budget = PAPER.height - PAPER.margin[0] - PAPER.margin[2] - headingMm(doc) - theadMm(doc.columns) - FOOTER_MM - SLACK_MM;
  const pages = paginate(laid.map((l) => l.heightMm), doc.rows, budget, doc.carry ? PAPER.rowMm : 0);
  const colgroup = doc.columns.map((c) => `<col style="width:${c.width}%"/>`).join('');
  const thead = `<tr>${doc.columns.map((c) => `<th>${esc(c.header)}</th>`).join('')}</tr>`;
  const heading = `<h1>${esc(doc.title)}</h1>${doc.meta.map((pieces) => `<div class="meta">${pieces.map((p) => `<span>${esc(p)}</span>`).join('')}</div>`).join('')}`;
  const signs = `<div class="signs">${doc.signs.map((s) => `<span class="sign">${esc(s)}<i class="line"></i></span>`).join('')}</div>`;
  return pages.map((page, p) => {
    const next = pages[p + 1];
    const prev = pages[p - 1];
    const bottom = next && doc.carry ? doc.carry(page[page.length - 1], next[0]).bottom : undefined;
    const top = prev && doc.carry ? doc.carry(prev[prev.length - 1], page[0]).top : undefined;
    const body = [top && layRow(top, doc.columns).html, ...page.map((i) => laid[i].html), bottom && layRow(bottom, doc.columns).html].filter(Boolean).join('');
    return `<section class="sheet">
  <header>${heading}</header>
  <table><colgroup>${colgroup}</colgroup><thead>${thead}</thead><tbody>${body}</tbody></table>
  <footer>${signs}<div class="bottom"><span class="printed">${esc(doc.printed)}</span><span class="page">第 ${p + 1} 页 / 共 ${pages.length} 页</span></div></footer>
</section>`;
  });
}

/** The whole printable page: every sheet, print CSS sized to A4. */
export function sheetPageHtml(doc: SheetDoc): string {
  const [mt, mr, mb, ml] = PAPER.margin;
  const f = PAPER.fontPt;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"/><title>${esc(doc.name)}</title>
<style>
@page { size: ${PAPER.width}mm ${PAPER.height}mm; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "SimSun", "宋体", "Microsoft YaHei", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: ${f}pt; }
.sheet { position: relative; width: ${PAPER.width}mm; height: ${PAPER.height}mm; padding: ${mt}mm ${mr}mm ${mb}mm ${ml}mm; overflow: hidden; page-break-after: always; break-after: page; display: flex; flex-direction: column; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
h1 { margin: 0 0 1.5mm; text-align: center; font-size: ${f * 1.6}pt; line-height: 1.3; letter-spacing: 0.15em; font-family: "SimHei", "黑体", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.meta { display: flex; flex-wrap: wrap; column-gap: 6mm; margin: 0 0 1.6mm; line-height: ${LINE_EM}; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.25mm solid #000; padding: ${CELL_PAD_MM / 2}mm ${CELL_SIDE_MM}mm; height: ${PAPER.rowMm}mm; line-height: ${LINE_EM}; white-space: normal; overflow-wrap: anywhere; vertical-align: middle; }
th { font-weight: bold; text-align: center; background: #f2f2f2; font-size: ${SMALL_STEP}em; }
td.s { font-size: ${SMALL_STEP}em; } td.c { text-align: center; } td.r { text-align: right; }
tr.total td, tr.band td { font-weight: bold; } tr.band td { background: #f7f7f7; }
tr.carry td { font-style: italic; } tr.red td { color: #c00; }
tr.tear td { border: none; border-top: 0.4mm dashed #000; border-bottom: 0.25mm solid #000; text-align: center; font-size: ${SMALL_STEP}em; color: #333; }
footer { margin-top: auto; padding-top: 2mm; }
.signs { display: flex; gap: 6mm; }
.sign { flex: 1; display: flex; align-items: flex-end; white-space: nowrap; height: ${f * 0.9}mm; }
.line { flex: 1; min-width: 12mm; border-bottom: 0.25mm solid #000; margin-left: 1mm; }
.bottom { display: flex; justify-content: space-between; gap: 4mm; margin-top: 1.2mm; font-size: ${f * 0.75}pt; color: #444; }
@media screen { body { background: #888; } .sheet { background: #fff; margin: 6mm auto; box-shadow: 0 0 2mm rgba(0,0,0,0.4); } }
</style>
${doc.autoPrint ? '<script src="/print/auto-print.js"></script>' : ''}
</head><body>
${sheetPages(doc).join('\n')}
</body></html>`;
}
