import { PAPERS } from './papers';
import { rmbCapitals } from './money';
import { qrSvg } from './qr';
import type { Paper } from '../schema';

export interface SlipLine {
  name: string;
  spec: string;
  unit: string;
  quantity: string;
  batch: string;
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
  checkpoint: string;
  person: string;
  phone: string;
  operator: string;
  lines: SlipLine[];
  /** "1200 只、20 件": totals per unit. */
  totals: string;
  amount: number;
  voided: boolean;
  voidReason: string;
}

export interface SlipPrint {
  paper: Paper;
  copies: number;
  showPrices: boolean;
  /** 0 for a preview, 1 for the first print, 2+ for reprints (补打). */
  printNo: number;
  printedBy: string;
  printedAt: string;
}

const COPY_LABELS = ['第一联 存根', '第二联 领取人', '第三联 财务'];
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Pages of one slip for one copy: fixed rows, header repeated, 第 n 页 / 共 m 页. */
function sheets(slip: SlipView, opt: SlipPrint, copyLabel: string): string[] {
  const spec = PAPERS[opt.paper];
  const pages = Math.max(1, Math.ceil(slip.lines.length / spec.rows));
  const qr = qrSvg(slip.number, Math.min(spec.height * 0.16, 18));
  const out: string[] = [];
  for (let p = 0; p < pages; p++) {
    const rows = slip.lines.slice(p * spec.rows, (p + 1) * spec.rows);
    const body = Array.from({ length: spec.rows }, (_, i) => {
      const l = rows[i];
      if (!l) return `<tr class="blank"><td></td><td></td><td></td><td></td><td></td><td></td>${opt.showPrices ? '<td></td><td></td>' : ''}<td></td></tr>`;
      return `<tr><td class="c">${p * spec.rows + i + 1}</td><td>${esc(l.name)}</td><td>${esc(l.spec)}</td><td class="c">${esc(l.unit)}</td><td class="r">${esc(l.quantity)}</td><td>${esc(l.batch)}</td>${opt.showPrices ? `<td class="r">${yuan(l.unitPrice)}</td><td class="r">${yuan(l.amount)}</td>` : ''}<td>${esc(l.note)}</td></tr>`;
    }).join('');
    const last = p === pages - 1;
    const cols = opt.showPrices ? 9 : 7;
    const total = last
      ? `<tr class="total"><td colspan="2" class="c">合计</td><td colspan="${cols - 2}">${esc(slip.totals)}${opt.showPrices ? `  金额 ¥${yuan(slip.amount)}(大写:${rmbCapitals(slip.amount)})` : ''}</td></tr>`
      : `<tr class="total"><td colspan="${cols}" class="c">接下页</td></tr>`;
    out.push(`<section class="sheet">
  ${slip.voided ? `<div class="void">作废</div>` : ''}
  <header>
    <div class="qr">${qr}</div>
    <h1>${esc(slip.officeName)}${esc(slip.title)}</h1>
    <div class="meta"><span>单号:<b>${esc(slip.number)}</b></span><span>日期:${esc(slip.time)}</span><span>${esc(copyLabel)}</span><span>第 ${p + 1} 页 / 共 ${pages} 页</span>${opt.printNo > 1 ? `<span class="reprint">补打(第 ${opt.printNo} 次打印)</span>` : ''}</div>
    <div class="meta"><span>领用点位:${esc(slip.checkpoint)}</span><span>领取人:${esc(slip.person)}</span><span>联系电话:${esc(slip.phone)}</span></div>
  </header>
  <table>
    <colgroup><col class="n"/><col class="name"/><col class="spec"/><col class="unit"/><col class="qty"/><col class="batch"/>${opt.showPrices ? '<col class="price"/><col class="amount"/>' : ''}<col class="note"/></colgroup>
    <thead><tr><th>序号</th><th>物资名称</th><th>规格</th><th>单位</th><th>数量</th><th>批号/效期</th>${opt.showPrices ? '<th>单价</th><th>金额</th>' : ''}<th>备注</th></tr></thead>
    <tbody>${body}${total}</tbody>
  </table>
  <footer>
    <span>发放人:<i>${esc(slip.operator)}</i></span><span>领取人(签字):</span><span>审核人:</span>
  </footer>
  <div class="printed">${opt.printNo === 0 ? '预览' : `打印:${esc(opt.printedBy)} ${esc(opt.printedAt)}`}${slip.voided ? ` · 作废原因:${esc(slip.voidReason)}` : ''}</div>
</section>`);
  }
  return out;
}

/** The whole printable page for one or more slips: every copy, every page, print CSS sized to the paper. */
export function slipPageHtml(slips: SlipView[], opt: SlipPrint, autoPrint: boolean): string {
  const s = PAPERS[opt.paper];
  const [mt, mr, mb, ml] = s.margin;
  const labels = opt.copies === 1 ? ['一式三联:第一联 存根 · 第二联 领取人 · 第三联 财务'] : COPY_LABELS.slice(0, opt.copies);
  const body = slips.flatMap((slip) => labels.flatMap((label) => sheets(slip, opt, label))).join('\n');
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
th, td { border: 0.25mm solid #000; padding: 0 1mm; height: ${s.rowMm}mm; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
th { font-weight: bold; text-align: center; }
td.c { text-align: center; } td.r { text-align: right; }
tr.total td { font-weight: bold; }
col.n { width: 6%; } col.name { width: 21%; } col.spec { width: 13%; } col.unit { width: 6%; } col.qty { width: 9%; } col.batch { width: 23%; } col.note { width: auto; }
col.price { width: 8%; } col.amount { width: 10%; }
footer { display: flex; justify-content: space-between; margin-top: auto; padding-top: 1.2mm; }
footer span { min-width: 28%; } footer i { font-style: normal; }
.printed { font-size: ${s.fontPt * 0.75}pt; color: #444; text-align: right; margin-top: 0.5mm; }
.void { position: absolute; left: 0; right: 0; top: 30%; text-align: center; font-size: ${s.height * 0.4}mm; line-height: 1; color: rgba(200, 0, 0, 0.35); transform: rotate(-18deg); font-weight: bold; pointer-events: none; }
@media screen { body { background: #888; } .sheet { background: #fff; margin: 6mm auto; box-shadow: 0 0 2mm rgba(0,0,0,0.4); } }
</style>
${autoPrint ? '<script src="/print/auto-print.js"></script>' : ''}
</head><body>
${body}
</body></html>`;
}
