import type { PackageValue } from './package';

/*
 * A package's long-form values gathered back into one set of figures per good, and kept that way
 * beside the package at import (a row per good instead of a value per measure), so the 汇总表 reads
 * thirty units' days without parsing their packages again.
 */

export const FIGURES = [
  'opening', 'received', 'receivedAllocation', 'receivedPurchase', 'receivedDonation', 'receivedOther',
  'issued', 'adjusted', 'lent', 'transferredOut', 'closing', 'dailyIssue',
] as const;
export type Figure = (typeof FIGURES)[number];
/** A figure's measure in a package (the long form's names: 本期入库 by source as received.allocation …). */
export const MEASURE_OF: Record<Figure, string> = {
  opening: 'opening', received: 'received', receivedAllocation: 'received.allocation', receivedPurchase: 'received.purchase',
  receivedDonation: 'received.donation', receivedOther: 'received.other', issued: 'issued', adjusted: 'adjusted', lent: 'lent',
  transferredOut: 'transferredOut', closing: 'closing', dailyIssue: 'dailyIssue',
};
const FIGURE_OF = new Map(FIGURES.map((f) => [MEASURE_OF[f], f]));
export type Figures = Record<Figure, number> & { coverDays: number | null };
export type Good = PackageValue['item'];
export interface GoodFigures { good: Good; figures: Figures }

/** A good as units name it: name, spec and unit of measure (what 物资对应 maps). */
export const goodKey = (g: Pick<Good, 'name' | 'spec' | 'unit'>) => `${g.name}\u0001${g.spec}\u0001${g.unit}`;

export const noFigures = (): Figures => ({ ...(Object.fromEntries(FIGURES.map((f) => [f, 0])) as Record<Figure, number>), coverDays: null });

export function goodsOf(values: PackageValue[]): GoodFigures[] {
  const goods = new Map<string, GoodFigures>();
  for (const v of values) {
    const k = `${v.item.code}\u0001${goodKey(v.item)}`;
    let g = goods.get(k);
    if (!g) goods.set(k, (g = { good: v.item, figures: noFigures() }));
    if (v.measure === 'coverDays') g.figures.coverDays = v.value;
    else if (FIGURE_OF.has(v.measure)) g.figures[FIGURE_OF.get(v.measure)!] = v.value;
  }
  return [...goods.values()];
}

type Packed = [code: string, name: string, spec: string, unit: string, category: string, ...figures: (number | null)[]];

export function packFigures(goods: GoodFigures[]): string {
  return JSON.stringify(goods.map(({ good: g, figures: f }): Packed => [g.code, g.name, g.spec, g.unit, g.category, ...FIGURES.map((k) => f[k]), f.coverDays]));
}

export function unpackFigures(text: string): GoodFigures[] {
  return (JSON.parse(text) as Packed[]).map(([code, name, spec, unit, category, ...n]) => {
    const figures = noFigures();
    FIGURES.forEach((k, i) => (figures[k] = n[i] as number));
    figures.coverDays = n[FIGURES.length] ?? null;
    return { good: { code, name, spec, unit, category }, figures };
  });
}
