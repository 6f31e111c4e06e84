import type { DisclosureUse } from '../../db/donations/disclosure';

/** How the 公示表 names each use of donated goods (the Excel file and the printed sheet say the same). */
export const USE_WORDS: Record<DisclosureUse['kind'], string> = {
  issue: '发放',
  return: '退回',
  loan: '借用',
  loan_return: '归还',
  loss: '报损',
  stocktake: '盘点',
  transfer_out: '调出',
  receipt: '他源入库',
};

/** 去向: "发放 · 东湖小区核酸采样点", "报损(破损)". */
export function useText(u: DisclosureUse): string {
  const word = u.kind === 'stocktake' ? (u.delta > 0 ? '盘盈' : '盘亏') : USE_WORDS[u.kind];
  return [word, u.place].filter(Boolean).join(' · ') + (u.reason ? `(${u.reason})` : '');
}
