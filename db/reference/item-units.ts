import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { parsePositiveQuantity, toDisplayNumber } from '../quantity';
import { all, qb, run } from '../sql';
import { checkPacks, unitListText, type PackUnit } from '../units';
import { quantity, text } from './common';

/** A pack unit as the API takes it: its name and how many base units one holds (箱 → 2000 只). */
export const unitInput = z.strictObject({ unit: text(8), factor: quantity });
export const unitsInput = z.array(unitInput).max(8);

/** A pack unit as the API shows it: the factor in base units, as a plain number (1 箱 = 2000 只 → 2000). */
export interface UnitView {
  unit: string;
  factor: number;
}

export const unitViews = (packs: readonly PackUnit[], decimals: number): UnitView[] => packs.map((p) => ({ unit: p.unit, factor: toDisplayNumber(p.factor, decimals) }));

/** The pack units of the items asked (all when none are named), smallest first. */
export function packsByItem(db: Database, itemIds?: number[]): Map<number, PackUnit[]> {
  const query = qb.selectFrom('item_units').select(['item_id', 'unit', 'factor']).orderBy('item_id').orderBy('position');
  const rows = all(db, itemIds ? query.where('item_id', 'in', itemIds.length ? itemIds : [0]) : query);
  const byItem = new Map<number, PackUnit[]>();
  for (const r of rows) {
    const list = byItem.get(r.item_id);
    if (list) list.push({ unit: r.unit, factor: r.factor });
    else byItem.set(r.item_id, [{ unit: r.unit, factor: r.factor }]);
  }
  return byItem;
}

/** The pack units given, scaled at the item's decimals and checked, smallest first; a refusal names the problem. */
export function scalePacks(units: readonly { unit: string; factor: string | number }[], base: string, decimals: number): PackUnit[] {
  const packs = units.map((u) => ({ unit: u.unit, factor: parsePositiveQuantity(u.factor, decimals, `单位“${u.unit}”的换算`) }));
  const checked = checkPacks({ unit: base, decimals, packs });
  if (!checked.ok) fail('INVALID_INPUT', checked.error);
  return checked.packs;
}

/**
 * Replaces an item's pack units. Posted lines keep their base quantities and what was typed: a
 * change of units never changes a posted quantity. Returns the columns that keep the smallest pack
 * unit in items.pack_unit/pack_factor for the code that reads one.
 */
export function writePacks(tx: Tx, itemId: number, packs: readonly PackUnit[]): { pack_unit: string | null; pack_factor: number | null } {
  run(tx.db, qb.deleteFrom('item_units').where('item_id', '=', itemId));
  if (packs.length) {
    run(tx.db, qb.insertInto('item_units').values(packs.map((p, i) => ({ item_id: itemId, position: i + 1, unit: p.unit, factor: p.factor }))));
  }
  return { pack_unit: packs[0]?.unit ?? null, pack_factor: packs[0]?.factor ?? null };
}

/** An item's units as the catalogue's 包装 column writes them: "盒=50只;箱=40盒" ('' when it has none). */
export function unitListOf(item: { unit: string; decimals: number; units: readonly UnitView[] }): string {
  const packs = item.units.map((u) => ({ unit: u.unit, factor: parsePositiveQuantity(String(u.factor), item.decimals, u.unit) }));
  return unitListText({ unit: item.unit, decimals: item.decimals, packs });
}
