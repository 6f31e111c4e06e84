import type { CellValue } from '../xlsx/sheet';

/** What a quantity subtotal or total says when its rows are counted in different units (只 + 件 + 双 is no number). */
export const MIXED_UNITS = '—';

/** The unit all the rows share; null when they mix units. No rows share any unit: ''. */
export function sharedUnit(rows: readonly { unit: string }[]): string | null {
  const unit = rows.length ? rows[0].unit : '';
  return rows.every((r) => r.unit === unit) ? unit : null;
}

/** Adds figures with at most three decimals exactly (in thousandths). */
export function sumOf<T>(rows: readonly T[], value: (r: T) => number): number {
  return rows.reduce((s, r) => s + Math.round(value(r) * 1000), 0) / 1000;
}

/**
 * A quantity total over rows: the live formula with its result when the rows share one unit, else
 * MIXED_UNITS. Money is never passed here: amounts in yuan add up whatever the units.
 */
export function quantityTotal<T extends { unit: string }>(rows: readonly T[], formula: string, value: (r: T) => number): CellValue {
  return sharedUnit(rows) === null ? MIXED_UNITS : { formula, result: sumOf(rows, value) };
}
