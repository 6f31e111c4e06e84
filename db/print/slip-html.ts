import { PAPERS } from './papers';
import { rmbCapitals } from './money';
import { qrSvg } from './qr';
import { CELL_PAD_MM, CELL_SIDE_MM, fitCell, LINE_EM, SMALL_STEP } from './slip-cells';
import type { Paper } from '../schema';

export interface SlipLine {
  name: string;
  spec: string;
  unit: string;
  /** As issued, with the base unit (2盒(100只)). */
  quantity: string;
  batch: string;
  expiry: string;
  note: string;
  /** Fen per base unit and line amount in fen, when prices are shown. */
  unitPrice: number;
  amount: number;
}

export interface SlipView {
  title: string;
  officeName: string;
  number: string;
  time: string;
  /** The head's second line: 领用点位/领取人/联系电话, or a transfer's 接收单位… */
  parties: { label: string; value: string }[];
  /** Who signs: the operator's role first (printed with the name), then two blanks. */
  signs: readonly [string, string, string];
  operator: string;
  lines: SlipLine[];
  /** "1200 只、20 件": totals per unit. */
  totals: string;
  amount: number;
  voided: boolean;
  voidReason: string;
  /** 0 for a preview, 1 for the first print, 2+ for reprints (补打). */
  printNo: number;
}

export interface SlipPrint {
  paper: Paper;
  copies: number;
  showPrices: boolean;
  printedBy: string;
  printedAt: string;
}

/** The copies: the second goes to whoever signs second (领取人, 借用人, 调入保管员, 接收单位…). */
const copyLabels = (slip: SlipView) => ['第一联 存根', `第二联 ${slip.signs[1].replace(/签字$/, '')}`, '第三联 财务'];
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Column widths in % of the table, without and with prices. */
const COLS: Record<'plain' | 'priced', Record<string, number>> = {
  plain: { n: 5, name: 20, spec: 15, unit: 6, qty: 11, batch: 21, note: 22 },
  priced: { n: 5, name: 17, spec: 13, unit: 5, qty: 10, batch: 17, price: 8, amount: 10, note: 15 },
};

interface Row { cells: string; slots: number }

/** One line as table cells, each fitted to its column, and the ruled rows it takes. */
function lineRow(l: SlipLine, no: number, opt: SlipPrint): Row {
  const spec = PAPERS[opt.paper];
  const cols = COLS[opt.showPrices ? 'priced' : 'plain'];
  const tableMm = spec.width - spec.margin[1] - spec.margin[3];
  let height = 0;
  const cell = (col: string, text: string, cls = '', html = esc(text)) => {
    const fit = fitCell(text, (cols[col] / 100) * tableMm, spec.fontPt);
    height = Math.max(height, fit.heightMm);
    const classes = [cls, fit.small ? 's' : ''].filter(Boolean).join(' ');
    return `<td${classes ? ` class="${classes}"` : ''}>${html}</td>`;
  };
  // 批号 / 效期 on one line when they fit, else the expiry on a line of its own (a date never splits).
  const batch = [l.batch, l.expiry].filter(Boolean);
  const oneLine = !fitCell(batch.join(' / '), (cols.batch / 100) * tableMm, spec.fontPt).small;
  const batchHtml = batch.map((x, i) => (i === 1 ? `<span class="nw">${esc(x)}</span>` : esc(x))).join(oneLine ? ' / ' : '<br/>');
  const cells = [
    `<td class="c">${no}</td>`,
    cell('name', l.name),
    cell('spec', l.spec),
    cell('unit', l.unit, 'c'),
    cell('qty', l.quantity, 'r'),
    cell('batch', batch.join(oneLine ? ' / ' : '\n'), '', batchHtml),
    ...(opt.showPrices ? [`<td class="r">${yuan(l.unitPrice)}</td>`, `<td class="r">${yuan(l.amount)}</td>`] : []),
    cell('note', l.note),
  ].join('');
  return { cells, slots: Math.max(1, Math.ceil((height - 0.05) / spec.rowMm)) };
}

/** The lines cut into pages of `rows` ruled rows each; a line that takes several rows stays whole. */
function paginate(rows: Row[], perPage: number): Row[][] {
  const pages: Row[][] = [[]];
  let used = 0;
  for (const row of rows) {
    if (used + row.slots > perPage && pages[pages.length - 1].length > 0) {
      pages.push([]);
      used = 0;
    }
    pages[pages.length - 1].push(row);
    used += row.slots;
  }
  return pages;
}

/** Sign here: a ruled blank and a date blank after each role. */
function signatures(signs: SlipView['signs'], operator: string): string {
  const sign = (label: string, who = '') => `<span class="sign">${esc(label)}<i class="line">${esc(who)}</i>日期<i class="line date"></i></span>`;
  return `<div class="signs">${sign(signs[0], operator)}${sign(signs[1])}${sign(signs[2])}</div>`;
}

/** Pages of one slip for one copy: fixed rows, header repeated, 第 n 页 / 共 m 页 in the footer. */
function sheets(slip: SlipView, opt: SlipPrint, copyLabel: string): string[] {
  const spec = PAPERS[opt.paper];
  const rows = slip.lines.map((l, i) => lineRow(l, i + 1, opt));
  const pages = paginate(rows, spec.rows);
  const qr = qrSvg(slip.number, Math.min(spec.height * 0.16, 18));
  const cols = opt.showPrices ? 9 : 7;
  const colgroup = Object.entries(COLS[opt.showPrices ? 'priced' : 'plain']).map(([, w]) => `<col style="width:${w}%"/>`).join('');
  return pages.map((page, p) => {
    const used = page.reduce((sum, r) => sum + r.slots, 0);
    const body = page.map((r) => `<tr${r.slots > 1 ? ` style="height:${(r.slots * spec.rowMm).toFixed(1)}mm"` : ''}>${r.cells}</tr>`).join('')
      + `<tr class="blank">${'<td></td>'.repeat(cols)}</tr>`.repeat(Math.max(0, spec.rows - used));
    const last = p === pages.length - 1;
    const total = last
      ? `<tr class="total"><td colspan="2" class="c">合计</td><td colspan="${cols - 2}">${esc(slip.totals)}${opt.showPrices ? `  金额 ¥${yuan(slip.amount)}(大写:${rmbCapitals(slip.amount)})` : ''}</td></tr>`
      : `<tr class="total"><td colspan="${cols}" class="c">接下页</td></tr>`;
    return `<section class="sheet">
  ${slip.voided ? `<div class="void">作废</div>` : ''}
  <header>
    <div class="qr">${qr}</div>
    <h1>${esc(slip.officeName)}${esc(slip.title)}</h1>
    <div class="meta"><span>单号:<b>${esc(slip.number)}</b></span><span>日期:${esc(slip.time)}</span><span>${esc(copyLabel)}</span>${slip.printNo > 1 ? `<span class="reprint">补打(第 ${slip.printNo} 次打印)</span>` : ''}</div>
    <div class="meta">${slip.parties.map((x) => `<span>${esc(x.label)}:${esc(x.value)}</span>`).join('')}</div>
  </header>
  <table>
    <colgroup>${colgroup}</colgroup>
    <thead><tr><th>序号</th><th>物资名称</th><th>规格</th><th>单位</th><th>数量</th><th>批号/效期</th>${opt.showPrices ? '<th>单价</th><th>金额</th>' : ''}<th>备注</th></tr></thead>
    <tbody>${body}${total}</tbody>
  </table>
  <footer>
    ${signatures(slip.signs, slip.operator)}
    <div class="bottom"><span class="printed">${slip.printNo === 0 ? '预览' : `打印:${esc(opt.printedBy)} ${esc(opt.printedAt)}`}${slip.voided ? ` · 作废原因:${esc(slip.voidReason)}` : ''}</span><span class="page">第 ${p + 1} 页 / 共 ${pages.length} 页</span></div>
  </footer>
</section>`;
  });
}

/**
 * How the page behaves in a browser: `auto` prints itself on load (a print already recorded);
 * `confirm` shows an on-screen 打印 button that records the print by POST first (opening the page is
 * not a print); `none` is a plain page (previews, the desktop shell).
 */
export type PageMode = 'none' | 'auto' | { confirm: 'slip' | 'slips' };

const toolbar = (what: 'slip' | 'slips') => `<div class="toolbar"><button type="button" data-print="${what}">打印</button><span>打开本页不算打印;点"打印"才记录一次打印,之后再打印标"补打"。</span></div>`;

/** The whole printable page for one or more slips: every copy, every page, print CSS sized to the paper. */
export function slipPageHtml(slips: SlipView[], opt: SlipPrint, mode: PageMode = 'none'): string {
  const s = PAPERS[opt.paper];
  const [mt, mr, mb, ml] = s.margin;
  const labels = (slip: SlipView) => (opt.copies === 1 ? [`一式三联:${copyLabels(slip).join(' · ')}`] : copyLabels(slip).slice(0, opt.copies));
  const body = slips.flatMap((slip) => labels(slip).flatMap((label) => sheets(slip, opt, label))).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"/><title>${esc(slips.map((x) => x.number).join(' '))}</title>
<style>
@page { size: ${s.width}mm ${s.height}mm; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "SimSun", "宋体", "Microsoft YaHei", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: ${s.fontPt}pt; }
.sheet { position: relative; width: ${s.width}mm; height: ${s.height}mm; padding: ${mt}mm ${mr}mm ${mb}mm ${ml}mm; overflow: hidden; page-break-after: always; break-after: page; display: flex; flex-direction: column; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
header { position: relative; }
h1 { margin: 0 0 0.8mm; text-align: center; font-size: ${s.fontPt * 1.5}pt; letter-spacing: 0.15em; font-family: "SimHei", "黑体", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.qr { position: absolute; right: 0; top: 0; line-height: 0; }
.meta { display: flex; gap: 5mm; flex-wrap: wrap; margin: 0.6mm 0; padding-right: 20mm; }
.reprint { color: #c00; font-weight: bold; border: 0.3mm solid #c00; padding: 0 1mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 0.8mm; }
th, td { border: 0.25mm solid #000; padding: ${CELL_PAD_MM / 2}mm ${CELL_SIDE_MM}mm; height: ${s.rowMm}mm; line-height: ${LINE_EM}; white-space: normal; overflow-wrap: anywhere; vertical-align: middle; }
td.s { font-size: ${SMALL_STEP}em; } .nw { white-space: nowrap; }
th { font-weight: bold; text-align: center; white-space: nowrap; }
td.c { text-align: center; } td.r { text-align: right; }
tr.total td { font-weight: bold; }
footer { margin-top: auto; padding-top: 1mm; }
.signs { display: flex; gap: 4mm; }
.sign { flex: 1; display: flex; align-items: flex-end; white-space: nowrap; height: ${s.fontPt * 0.9}mm; }
.line { flex: 1; min-width: 10mm; border-bottom: 0.25mm solid #000; margin: 0 1.5mm 0 0.5mm; font-style: normal; text-align: center; line-height: 1.1; }
.line.date { flex: 0 0 ${Math.round(s.fontPt * 1.6)}mm; margin-right: 0; }
.bottom { display: flex; justify-content: space-between; gap: 4mm; margin-top: 0.6mm; font-size: ${s.fontPt * 0.75}pt; color: #444; }
.void { position: absolute; left: 0; right: 0; top: 30%; text-align: center; font-size: ${s.height * 0.4}mm; line-height: 1; color: rgba(200, 0, 0, 0.35); transform: rotate(-18deg); font-weight: bold; pointer-events: none; }
.toolbar { position: sticky; top: 0; z-index: 1; display: flex; gap: 4mm; align-items: center; padding: 2mm 4mm; background: #f5f5f5; border-bottom: 1px solid #ccc; font: 14px sans-serif; }
.toolbar button { font: bold 15px sans-serif; padding: 4px 24px; cursor: pointer; }
@media print { .toolbar { display: none; } }
@media screen { body { background: #888; } .sheet { background: #fff; margin: 6mm auto; box-shadow: 0 0 2mm rgba(0,0,0,0.4); } }
</style>
${mode === 'auto' ? '<script src="/print/auto-print.js"></script>' : typeof mode === 'object' ? '<script src="/print/print-page.js"></script>' : ''}
</head><body>
${typeof mode === 'object' ? toolbar(mode.confirm) : ''}
${body}
</body></html>`;
}
