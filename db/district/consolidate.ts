import type { Database } from 'better-sqlite3';
import { currentPackages } from './inbox';
import { FIGURES, goodKey, noFigures, type Figures, type Good } from './figures';
import { goodsResolver } from './mapping';
import { listSubUnits } from './units';
import type { UnitGoodRow } from '../reports/types';

/*
 * 汇总表: per good, every reporting unit's figures for the day as its own package states them, and
 * the district's total. Nothing is computed anew from a unit's ledger: a unit's row is its report,
 * a total is the sum of the rows (days of cover: the units' stock that lasts ÷ their daily issue).
 */

export interface SummaryRow {
  /** The district's item, or null for a good no rule matches yet (物资对应 maps it). */
  itemId: number | null;
  code: string;
  name: string;
  spec: string;
  unit: string;
  category: string;
  units: ({ unitId: number } & Figures)[];
  total: Figures;
}

export interface Summary {
  day: string;
  reported: { unitId: number; code: string; name: string; kind: string; submittedAt: string }[];
  missing: { unitId: number; code: string; name: string; contact: string; phone: string }[];
  rows: SummaryRow[];
  /** Goods without a district item, with the units that reported them. */
  unmatched: (Good & { units: string[] })[];
}

/** Report figures are display numbers (1.5 公斤): sums are kept to the thousandth, as floats drift. */
const tidy = (n: number) => Math.round(n * 1000) / 1000;

export function consolidate(db: Database, day: string): Summary {
  const units = new Map(listSubUnits(db).map((u) => [u.id, u]));
  const packages = currentPackages(db, day);
  const resolve = goodsResolver(db);
  type Acc = Figures & { lasting: number };
  const rows = new Map<string, Omit<SummaryRow, 'units' | 'total'> & { byUnit: Map<number, Acc> }>();
  const unmatched = new Map<string, Good & { units: string[] }>();
  for (const p of packages) {
    const unitName = units.get(p.unitId)!.name;
    for (const { good, figures } of p.goods) {
      const hit = resolve(good);
      const key = hit ? `#${hit.itemId}` : `~${goodKey(good)}`;
      let row = rows.get(key);
      if (!row) {
        const g = hit ?? { itemId: null, ...good };
        rows.set(key, (row = { itemId: g.itemId, code: g.code, name: g.name, spec: g.spec, unit: g.unit, category: g.category, byUnit: new Map() }));
      }
      if (!hit) {
        const u = unmatched.get(goodKey(good)) ?? { ...good, units: [] };
        if (!u.units.includes(unitName)) u.units.push(unitName);
        unmatched.set(goodKey(good), u);
      }
      let acc = row.byUnit.get(p.unitId);
      if (!acc) row.byUnit.set(p.unitId, (acc = { ...noFigures(), lasting: 0 }));
      const factor = hit?.factor ?? 1;
      for (const k of FIGURES) acc[k] = tidy(acc[k] + figures[k] * factor);
      // Stock that lasts: a good's days × its daily issue (its unexpired stock, as the unit counted it); a good nobody drew
      // on lasts whole, so its closing stock counts towards the days of the goods it is one with.
      acc.lasting += (figures.coverDays !== null ? figures.coverDays * figures.dailyIssue : Math.max(0, figures.closing)) * factor;
    }
  }
  const byCode = (a: number, b: number) => units.get(a)!.code.localeCompare(units.get(b)!.code);
  const summaryRows = [...rows.values()].map(({ byUnit, ...row }): SummaryRow => {
    const total = { ...noFigures(), lasting: 0 };
    const unitRows = [...byUnit.keys()].sort(byCode).map((unitId) => {
      const { lasting, ...f } = byUnit.get(unitId)!;
      for (const k of FIGURES) total[k] = tidy(total[k] + f[k]);
      total.lasting += lasting;
      return { unitId, ...f, coverDays: coverOf(lasting, f.dailyIssue) };
    });
    const { lasting, ...sum } = total;
    return { ...row, units: unitRows, total: { ...sum, coverDays: coverOf(lasting, sum.dailyIssue) } };
  }).sort((a, b) => a.category.localeCompare(b.category, 'zh') || a.name.localeCompare(b.name, 'zh') || a.spec.localeCompare(b.spec, 'zh'));
  const reportedIds = new Set(packages.map((p) => p.unitId));
  return {
    day,
    reported: packages.map((p) => ({ unitId: p.unitId, code: units.get(p.unitId)!.code, name: units.get(p.unitId)!.name, kind: p.kind, submittedAt: p.submittedAt })),
    missing: [...units.values()].filter((u) => u.active && !reportedIds.has(u.id)).map((u) => ({ unitId: u.id, code: u.code, name: u.name, contact: u.contact, phone: u.phone })),
    rows: summaryRows,
    unmatched: [...unmatched.values()],
  };
}

/** Days of cover from the stock that lasts (Σ a good's days × its daily issue) ÷ the daily issue, one decimal. */
const coverOf = (lasting: number, dailyIssue: number) => (dailyIssue > 0 ? Math.round((lasting / dailyIssue) * 10) / 10 : null);

/** 各单位 (a template data set): the day's consolidation as a row per unit and good, each good's units in code order. */
export function unitRows(db: Database, day: string): UnitGoodRow[] {
  const s = consolidate(db, day);
  const units = new Map(s.reported.map((u) => [u.unitId, u]));
  return s.rows.flatMap((r) => r.units.map((u) => ({
    unit: units.get(u.unitId)!.name, unitCode: units.get(u.unitId)!.code, name: r.name, spec: r.spec, measure: r.unit,
    opening: u.opening, received: u.received, issued: u.issued, closing: u.closing, coverDays: u.coverDays,
  })));
}
