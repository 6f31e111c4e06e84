import type { ApiOutput } from '../../api/client';

export type RoundGoods = ApiOutput<'rounds.get'>['goods'][number];

/**
 * The round's price list searched on this PC (a list is tens of lines, not thousands): the exact
 * name first, then pinyin initials, full pinyin, then the name or spec containing what was typed.
 */
export function rankGoods(goods: readonly RoundGoods[], typed: string): RoundGoods[] {
  const q = typed.trim().toLowerCase();
  if (!q) return [...goods];
  const rank = (g: RoundGoods) =>
    g.name.toLowerCase() === q ? 0
    : g.initials.startsWith(q) ? 1
    : g.pinyin.startsWith(q) ? 2
    : g.name.toLowerCase().includes(q) ? 3
    : g.initials.includes(q) || g.pinyin.includes(q) ? 4
    : g.spec.toLowerCase().includes(q) ? 5
    : -1;
  return goods.map((g, i) => ({ g, i, r: rank(g) })).filter((x) => x.r >= 0).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.g);
}

/** "大米 5kg(袋)". */
export const goodsLabel = (g: Pick<RoundGoods, 'name' | 'spec' | 'unit'>) => `${g.name}${g.spec ? ` ${g.spec}` : ''}(${g.unit})`;

export interface OrderLine {
  key: number;
  goodsId?: number;
  qty: string;
}

let nextKey = 1;
export const newOrderLine = (patch: Partial<OrderLine> = {}): OrderLine => ({ key: nextKey++, qty: '', ...patch });

/** A count of a good: a whole number 1–9999, as orders.record takes it. */
export const countOf = (qty: string): number | null => (/^\d{1,4}$/.test(qty.trim()) && Number(qty) >= 1 ? Number(qty) : null);

/** The lines to send: chosen goods only, the same good twice added up into one line (the ledger takes each good once). */
export function orderLines(lines: readonly OrderLine[]): { goodsId: number; quantity: number }[] {
  const byGoods = new Map<number, number>();
  for (const l of lines) if (l.goodsId !== undefined) byGoods.set(l.goodsId, (byGoods.get(l.goodsId) ?? 0) + (countOf(l.qty) ?? 0));
  return [...byGoods].map(([goodsId, quantity]) => ({ goodsId, quantity }));
}
