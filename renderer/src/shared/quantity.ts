import { baseText, decimalText, parseAmount, type PackUnit } from '../../../db/units';
import type { Translate } from '../i18n/translate';

/**
 * What the clerk types in a quantity box: "60", "12.5", "3箱" or "2盒10只" (the item's units). Read
 * by the same pure parser the server checks `entered` with (db/units.ts): the quantity in the base
 * unit as an exact decimal string, what was typed when it named a pack unit, or a Chinese error.
 */
export interface EntryItem {
  unit: string;
  decimals: number;
  packUnit: string | null;
  packFactor: number | null;
  /** Every pack unit, factors in base units (as items.get gives them); else the one pack unit. */
  units?: readonly { unit: string; factor: number }[];
}

/** A decimal number (as the API shows it, exact to 3 places) scaled: 0.5 at 3 decimals → 500. */
const scaledOf = (n: number, decimals: number) => Math.round(n * 10 ** decimals);

export function unitsOf(item: EntryItem): { unit: string; decimals: number; packs: PackUnit[] } {
  const list = item.units ?? (item.packUnit && item.packFactor ? [{ unit: item.packUnit, factor: item.packFactor }] : []);
  return { unit: item.unit, decimals: item.decimals, packs: list.map((u) => ({ unit: u.unit, factor: scaledOf(u.factor, item.decimals) })) };
}

export type Entry = { ok: true; base: string; scaled: number; entered: string; shown: string } | { ok: false; error: string };

export function parseEntry(raw: string, item: EntryItem, allowZero = false): Entry {
  const units = unitsOf(item);
  const parsed = parseAmount(raw, units, allowZero);
  if (!parsed.ok) return parsed;
  return { ok: true, scaled: parsed.scaled, entered: parsed.entered, base: decimalText(parsed.scaled, units.decimals), shown: baseText(parsed.scaled, units) };
}

/** The quantity box's example, in the item's own units: "如 3箱 或 2盒10只". */
export function qtyPlaceholder(item: EntryItem, t: Translate): string {
  const { packs, unit } = unitsOf(item);
  const larger = packs.filter((p) => p.factor > 10 ** item.decimals);
  if (larger.length === 0) return '';
  const top = larger[larger.length - 1];
  return larger.length > 1 ? t('qty.exampleMixed', { top: top.unit, pack: larger[0].unit, unit }) : t('qty.example', { top: top.unit });
}
