import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { id, requireRow, text } from '../reference/common';
import { all, qb, run } from '../sql';
import { goodKey, type Good } from './figures';

/*
 * 物资对应: a unit's good is the district's item with the same code and unit of measure, else the one
 * with the same name, spec and unit; what matches neither is mapped once by hand and remembered for
 * every unit and day ("一次性医用口罩" = "医用外科口罩"), with how many of the district's unit one of
 * theirs is (1 箱 = 50 只). A hand mapping wins over the automatic match.
 */


export interface Resolved {
  itemId: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  category: string;
  factor: number;
  how: 'mapping' | 'code' | 'name';
}


/** The district's rule for its units' goods, built once per consolidation. */
export function goodsResolver(db: Database): (g: Good) => Resolved | null {
  const items = all(db, qb.selectFrom('items as i').innerJoin('categories as c', 'c.id', 'i.category_id')
    .select(['i.id', 'i.code', 'i.name', 'i.spec', 'i.unit', 'c.name as category']));
  const byId = new Map(items.map((i) => [i.id, i]));
  const byCode = new Map(items.filter((i) => i.code).map((i) => [`${i.code}\u0001${i.unit}`, i]));
  const byName = new Map(items.map((i) => [goodKey(i), i]));
  const mapped = new Map(all(db, qb.selectFrom('item_mappings').select(['name', 'spec', 'unit', 'item_id', 'factor'])).map((m) => [goodKey(m), m]));
  const cache = new Map<string, Resolved | null>();
  const of = (i: (typeof items)[number], factor: number, how: Resolved['how']): Resolved => ({ itemId: i.id, code: i.code, name: i.name, spec: i.spec, unit: i.unit, category: i.category, factor, how });
  return (g) => {
    const k = `${g.code}\u0001${goodKey(g)}`;
    if (cache.has(k)) return cache.get(k)!;
    const m = mapped.get(goodKey(g));
    const hit = m ? of(byId.get(m.item_id)!, m.factor, 'mapping')
      : g.code && byCode.has(`${g.code}\u0001${g.unit}`) ? of(byCode.get(`${g.code}\u0001${g.unit}`)!, 1, 'code')
        : byName.has(goodKey(g)) ? of(byName.get(goodKey(g))!, 1, 'name') : null;
    cache.set(k, hit);
    return hit;
  };
}

export const mappingCreateInput = z.strictObject({
  name: text(100).refine((s) => s.length > 0, '不能为空'), spec: text(100), unit: text(20).refine((s) => s.length > 0, '不能为空'),
  itemId: id, factor: z.number().int().min(1).max(1_000_000).optional(),
});

export interface Mapping { id: number; name: string; spec: string; unit: string; itemId: number; item: string; itemSpec: string; itemUnit: string; factor: number }

export function listMappings(db: Database): Mapping[] {
  return all(db, qb.selectFrom('item_mappings as m').innerJoin('items as i', 'i.id', 'm.item_id')
    .select(['m.id', 'm.name', 'm.spec', 'm.unit', 'm.item_id as itemId', 'i.name as item', 'i.spec as itemSpec', 'i.unit as itemUnit', 'm.factor'])
    .orderBy('m.name').orderBy('m.spec'));
}

export function createMapping(tx: Tx, input: z.infer<typeof mappingCreateInput>, userId: number): Mapping {
  const item = requireRow<{ name: string; unit: string }>(tx.db, 'items', input.itemId);
  if (item.unit !== input.unit && input.factor === undefined) {
    fail('INVALID_INPUT', `“${input.name}”的单位是“${input.unit}”,“${item.name}”的单位是“${item.unit}”:请填写 1 ${input.unit} 等于多少 ${item.unit}。`);
  }
  const factor = input.factor ?? 1;
  const existing = listMappings(tx.db).find((m) => goodKey(m) === goodKey(input));
  if (existing) run(tx.db, qb.updateTable('item_mappings').set({ item_id: input.itemId, factor }).where('id', '=', existing.id));
  else run(tx.db, qb.insertInto('item_mappings').values({ ...itemless(input), item_id: input.itemId, factor, created_at: tx.clock.now().toISOString(), created_by: userId }));
  return listMappings(tx.db).find((m) => goodKey(m) === goodKey(input))!;
}

export function deleteMapping(tx: Tx, mappingId: number): { id: number } {
  const { changes } = run(tx.db, qb.deleteFrom('item_mappings').where('id', '=', mappingId));
  if (!changes) fail('NOT_FOUND', `物资对应 ${mappingId} 不存在。`);
  return { id: mappingId };
}

const itemless = (g: { name: string; spec: string; unit: string }) => ({ name: g.name, spec: g.spec, unit: g.unit });
