import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { all, first, qb, run } from '../sql';
import { bool, change, flag, flagOf, id, name, requireRow } from './common';

/**
 * 库房: an office keeps one store unless it names more. A store can be renamed, made the default (where
 * documents go when they name none), or deactivated when nothing is left in it: no stock, and nothing a
 * checkpoint holds that would come back to it. The last store in use cannot be deactivated.
 */
export function listStores(db: Database) {
  return all(db, qb.selectFrom('stores').selectAll().orderBy('is_default', 'desc').orderBy('id')).map((r) => ({
    id: r.id,
    name: r.name,
    isDefault: bool(r.is_default),
    active: bool(r.active),
  }));
}

/** The one store of an office that keeps one (prints name it, not 全部库房); undefined with several. */
export function officeStoreName(db: Database): string | undefined {
  const stores = all(db, qb.selectFrom('stores').select('name').orderBy('id'));
  return stores.length === 1 ? stores[0].name : undefined;
}

export const storeCreateInput = z.strictObject({ name: name(30) });
export const storeUpdateInput = change(z.strictObject({ id, name: name(30).optional(), active: flag.optional(), isDefault: z.literal(true).optional() }));

function uniqueName(db: Database, value: string, exceptId?: number): void {
  const row = first(db, qb.selectFrom('stores').select('id').where('name', '=', value));
  if (row && row.id !== exceptId) fail('DUPLICATE', `库房“${value}”已存在。`);
}

export function createStore(tx: Tx, input: z.infer<typeof storeCreateInput>) {
  uniqueName(tx.db, input.name);
  const { id: newId } = run(tx.db, qb.insertInto('stores').values({ name: input.name, is_default: 0 }));
  return listStores(tx.db).find((s) => s.id === newId)!;
}

export function updateStore(tx: Tx, input: z.infer<typeof storeUpdateInput>) {
  const store = requireRow<{ id: number; name: string; is_default: number; active: number }>(tx.db, 'stores', input.id);
  if (input.name) uniqueName(tx.db, input.name, input.id);
  if (input.active === false && store.active === 1) mustBeEmpty(tx.db, store);
  if (input.isDefault && (input.active === false || (store.active === 0 && input.active !== true))) fail('INVALID_INPUT', `库房“${store.name}”已停用,不能设为默认库房。`);
  if (input.isDefault) run(tx.db, qb.updateTable('stores').set({ is_default: 0 }).where('id', '<>', input.id));
  run(
    tx.db,
    qb.updateTable('stores').where('id', '=', input.id).set({
      ...(input.name ? { name: input.name } : {}),
      ...(input.active !== undefined ? { active: flagOf(input.active) } : {}),
      // A store taken out of use stops being the default (the next one in use takes its place, below).
      ...(input.isDefault ? { is_default: 1 } : input.active === false ? { is_default: 0 } : {}),
    }),
  );
  // The default goes on to the first store still in use, so that one store is always marked 默认.
  if (input.active === false && store.is_default === 1) {
    const next = first(tx.db, qb.selectFrom('stores').select('id').where('active', '=', 1).orderBy('id'));
    if (next) run(tx.db, qb.updateTable('stores').set({ is_default: 1 }).where('id', '=', next.id));
  }
  return listStores(tx.db).find((s) => s.id === input.id)!;
}

/** "库房“北区库房”还有 3 种物资的库存,请先移库或出库,清空后再停用。" */
function mustBeEmpty(db: Database, store: { id: number; name: string }): void {
  const count = (q: { n: number } | undefined) => Number(q?.n ?? 0);
  const others = count(first(db, qb.selectFrom('stores').select((e) => e.fn.countAll<number>().as('n')).where('active', '=', 1).where('id', '<>', store.id)));
  if (others === 0) fail('INVALID_INPUT', `“${store.name}”是唯一在用的库房,不能停用。`);
  const items = count(first(db, qb.selectFrom('stock').select((e) => e.fn.count<number>('item_id').distinct().as('n')).where('store_id', '=', store.id).where('quantity', '>', 0)));
  if (items > 0) fail('INVALID_INPUT', `库房“${store.name}”还有 ${items} 种物资的库存,请先移库或出库,清空后再停用。`);
  const held = all(db, qb.selectFrom('holdings as h').innerJoin('checkpoints as c', 'c.id', 'h.checkpoint_id')
    .select((e) => ['c.name', e.fn.count<number>('h.item_id').distinct().as('n')])
    .where('h.store_id', '=', store.id).where('h.quantity', '>', 0).groupBy('c.id').orderBy('c.name'));
  if (held.length === 0) return;
  const kinds = count(first(db, qb.selectFrom('holdings').select((e) => e.fn.count<number>('item_id').distinct().as('n')).where('store_id', '=', store.id).where('quantity', '>', 0)));
  const where = held.slice(0, 3).map((h) => `${h.name} ${h.n} 种`).join('、') + (held.length > 3 ? ` 等 ${held.length} 个点位` : '');
  fail('INVALID_INPUT', `库房“${store.name}”发出的 ${kinds} 种物资还在点位(${where};未退库或未归还),退回后才能停用。`);
}
