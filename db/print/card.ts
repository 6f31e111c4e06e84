import { formatQuantity } from '../quantity';
import type { CardView } from './card-view';
import { sheetPageHtml, type SheetColumn, type SheetRow } from './sheet-pages';

/**
 * The printed 台账 of one item over one period, on A4: 期初结存, every movement with its running
 * 结存, reversals in red ink, 本期合计 and 期末结存; a page that continues ends with 过次页 and the next
 * begins with 承前页 (the period's totals so far and the balance), as an account book is kept.
 */
export function cardPageHtml(view: CardView, printed: { by: string; at: string }, autoPrint = false): string {
  const d = view.item.decimals;
  const q = (n: number | null) => (n === null ? '' : formatQuantity(n, d));
  const batches = view.item.tracksBatches;
  // Within one year the year goes in the column head, so the date and time fit one line.
  const years = new Set([view.openingTime, ...view.lines.map((l) => l.time)].filter(Boolean).map((t) => t.slice(0, 4)));
  const oneYear = years.size === 1 ? [...years][0] : null;
  const when = (t: string) => (oneYear ? t.slice(5) : t);
  const columns: SheetColumn[] = [
    { header: oneYear ? `日期(${oneYear}年)` : '日期', width: 14, align: 'c' },
    { header: '单号', width: 17 },
    { header: '摘要', width: batches ? 21 : 31 },
    ...(batches ? [{ header: '批号/效期', width: 15 }] : []),
    { header: `收入(${view.item.unit})`, width: batches ? 8 : 10, align: 'r' as const },
    { header: `发出(${view.item.unit})`, width: batches ? 8 : 10, align: 'r' as const },
    { header: `结存(${view.item.unit})`, width: batches ? 9 : 10, align: 'r' as const },
    { header: '经办人', width: 8, align: 'c' },
  ];
  const row = (time: string, number: string, summary: string, batch: string, received: string, issued: string, balance: string, operator: string, kind?: SheetRow['kind']): SheetRow => ({
    cells: [time, number, summary, ...(batches ? [batch] : []), received, issued, balance, operator],
    ...(kind ? { kind } : {}),
  });

  // Period totals so far and the balance after each row: what 过次页 and 承前页 carry.
  const sofar: { received: number; issued: number; balance: number }[] = [{ received: 0, issued: 0, balance: view.opening }];
  const rows: SheetRow[] = [row(view.openingTime ? when(view.openingTime) : '', '', '期初结存', '', '', '', q(view.opening), '', 'total')];
  for (const l of view.lines) {
    const before = sofar[sofar.length - 1];
    sofar.push({ received: before.received + (l.received ?? 0), issued: before.issued + (l.issued ?? 0), balance: l.balance });
    const batch = [l.batchNo, l.expiry && `效期 ${l.expiry}`].filter(Boolean).join(' ');
    rows.push(row(when(l.time), l.number, l.summary, batch, q(l.received), q(l.issued), q(l.balance), l.operator, l.reversal ? 'red' : undefined));
  }
  const totals = { received: view.totalIn, issued: view.totalOut, balance: view.closing };
  sofar.push(totals, totals);
  rows.push(row('', '', '本期合计', '', q(view.totalIn), q(view.totalOut), '', '', 'total'));
  rows.push(row('', '', '期末结存', '', '', '', q(view.closing), '', 'total'));

  const carried = (i: number, label: string) => row('', '', label, '', q(sofar[i].received), q(sofar[i].issued), q(sofar[i].balance), '', 'carry');
  const i = view.item;
  return sheetPageHtml({
    name: `台账-${i.name}`,
    title: `${view.officeName}物资台账`,
    meta: [
      [`物资名称:${i.name}`, `规格型号:${i.spec || '—'}`, `计量单位:${i.unit}`, `物资编码:${i.code || '—'}`, `类别:${i.categoryName}`],
      [`单位:${view.officeName || '—'}`, `库房:${view.storeName}`, `期间:${view.periodText}`],
    ],
    columns,
    rows,
    carry: (last) => ({ bottom: carried(last, '过次页'), top: carried(last, '承前页') }),
    signs: ['保管员', '负责人', '日期'],
    printed: `打印:${printed.by} ${printed.at}`,
    autoPrint,
  });
}
