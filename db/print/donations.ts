import type { Disclosure } from '../donations/disclosure';
import { formatQuantity } from '../quantity';
import { useText } from '../../excel/donations/use-words';
import { sheetPageHtml, type SheetColumn, type SheetRow } from './sheet-pages';

/**
 * 捐赠物资接收及使用情况公示表 for posting on the notice board, on A4: each donation a band (捐赠方 —
 * 匿名 when so asked —, 捐赠收据号, when it came), each donated batch a bold row with what came in and
 * what is left, and under it every use: where it went, when, how much. No contact is printed. Pages
 * break between rows, never inside one; every page repeats the heading and ends with its signatures.
 */
export function disclosureHtml(d: Disclosure, printed: string, autoPrint = false): string {
  const columns: SheetColumn[] = [
    { header: '物资名称/规格', width: 19 },
    { header: '单位', width: 6, align: 'c' },
    { header: '批号/效期', width: 14 },
    { header: '接收数量', width: 9, align: 'r' },
    { header: '去向', width: 21 },
    { header: '日期', width: 14, align: 'c' },
    { header: '数量', width: 8, align: 'r' },
    { header: '现存数量', width: 9, align: 'r' },
  ];
  const rows: SheetRow[] = [];
  d.donations.forEach((donation, k) => {
    const receipt = donation.receiptNo ? `捐赠收据 ${donation.receiptNo}` : '';
    rows.push({ kind: 'band', cells: [[`${k + 1}. 捐赠方:${donation.donor}`, receipt, `接收:${donation.time}`, `入库单 ${donation.number}`].filter(Boolean).join('    ')] });
    for (const g of donation.goods) {
      const q = (n: number) => formatQuantity(n, g.decimals);
      const batch = [g.batchNo, g.expiryDate && `效期 ${g.expiryDate}`].filter(Boolean).join(' ');
      rows.push({ kind: 'total', cells: [[g.name, g.spec].filter(Boolean).join(' '), g.unit, batch, q(g.received), g.uses.length ? '' : '(尚未使用)', '', '', q(g.inStock)] });
      for (const u of g.uses) rows.push({ cells: ['', '', '', '', useText(u), u.time, q(Math.abs(u.delta)), ''] });
    }
  });
  if (!d.donations.length) rows.push({ kind: 'band', cells: ['本期无捐赠物资'] });
  return sheetPageHtml({
    name: '捐赠物资接收及使用情况公示表',
    title: `${d.officeName}捐赠物资接收及使用情况公示表`,
    meta: [[`公示单位:${d.officeName || '—'}`, `统计时段:${d.periodText}`, `数据截至:${d.asOf}`], [`监督电话:${d.officePhone || '—'}`, '匿名捐赠者按其意愿不公开姓名']],
    columns,
    rows,
    signs: ['经办人', '审核人', '公示日期'],
    printed,
    autoPrint,
  });
}
