import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { pinyinKeys } from '../pinyin';
import { formatQuantity, parsePositiveQuantity, parseQuantity, toDisplayNumber } from '../quantity';
import type { ItemRow } from '../schema';
import { searchAll, searchKeys, type SearchKeys } from '../search';
import { all, first, qb, run } from '../sql';
import { bool, change, fen, flag, flagOf, id, name, quantity, requireRow, text } from './common';
import { packsByItem, scalePacks, unitsInput, unitViews, writePacks, type UnitView } from './item-units';
import type { PackUnit } from '../units';

export const itemFields = {
  code: text(30).optional(),
  name: name(60),
  spec: text(60).optional(),
  categoryId: id,
  unit: name(8),
  packUnit: text(8).nullable().optional(),
  /** Base units in one pack unit: 1 箱 = 20 盒 → 20. */
  packFactor: quantity.nullable().optional(),
  /** Every pack unit with its factor in base units (盒 = 50, 箱 = 2000); replaces packUnit/packFactor, which set one. */
  units: unitsInput.optional(),
  decimals: z.number().int().min(0).max(3).optional(),
  minStock: quantity.optional(),
  tracksBatches: flag.optional(),
  durable: flag.optional(),
  /** Default price in fen per base unit. */
  unitPrice: fen.optional(),
  active: flag.optional(),
};
export const itemCreateInput = z.strictObject(itemFields);
export const itemUpdateInput = change(z.strictObject({ id, ...itemFields, name: itemFields.name.optional(), categoryId: id.optional(), unit: itemFields.unit.optional() }));
export const itemListInput = z
  .strictObject({
    q: text(60).optional(),
    categoryId: id.optional(),
    includeInactive: flag.optional(),
    limit: z.number().int().min(1).max(20000).optional(),
  })
  .optional();

export interface ItemView {
  id: number;
  code: string;
  name: string;
  spec: string;
  categoryId: number;
  categoryName: string;
  unit: string;
  packUnit: string | null;
  packFactor: number | null;
  /** Pack units, smallest first, each with its factor in base units; packUnit/packFactor are the first. */
  units: UnitView[];
  decimals: number;
  minStock: number;
  tracksBatches: boolean;
  durable: boolean;
  unitPrice: number;
  active: boolean;
  pinyin: string;
  initials: string;
}

const itemQuery = () =>
  qb
    .selectFrom('items')
    .innerJoin('categories', 'categories.id', 'items.category_id')
    .selectAll('items')
    .select('categories.name as category_name');

type ItemJoined = ItemRow & { category_name: string };

export function itemView(r: ItemJoined, packs: readonly PackUnit[] = []): ItemView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    spec: r.spec,
    categoryId: r.category_id,
    categoryName: r.category_name,
    unit: r.unit,
    packUnit: r.pack_unit,
    packFactor: r.pack_factor === null ? null : toDisplayNumber(r.pack_factor, r.decimals),
    units: unitViews(packs, r.decimals),
    decimals: r.decimals,
    minStock: toDisplayNumber(r.min_stock, r.decimals),
    tracksBatches: bool(r.tracks_batches),
    durable: bool(r.durable),
    unitPrice: r.unit_price,
    active: bool(r.active),
    pinyin: r.pinyin,
    initials: r.initials,
  };
}

/**
 * The catalog kept in memory for search, per connection: a search over 10,000 items then costs a
 * scan of an array, not a query. It is keyed by the catalogue's version number, which triggers move
 * with every change to items or categories whatever connection or program makes it (migration 0013),
 * and which a posting leaves alone. Only a committed catalogue is kept: one read inside a transaction
 * may yet be rolled back, and its version number with it.
 */
const catalogCache = new WeakMap<Database, { version: number; rows: ItemJoined[]; keys: SearchKeys[]; packs: Map<number, PackUnit[]> }>();

/** The catalogue with each row's search keys, made once per change. */
function catalog(db: Database): { rows: ItemJoined[]; keys: SearchKeys[]; packs: Map<number, PackUnit[]> } {
  const version = first(db, qb.selectFrom('catalog_version').select('version'))!.version;
  const hit = catalogCache.get(db);
  if (hit && hit.version === version) return hit;
  const rows = all(db, itemQuery().orderBy('categories.sort').orderBy('items.code')) as ItemJoined[];
  const made = { version, rows, keys: rows.map(searchKeys), packs: packsByItem(db) };
  if (!db.inTransaction) catalogCache.set(db, made);
  return made;
}

export function listItems(db: Database, input: z.infer<typeof itemListInput> = {}): ItemView[] {
  const { rows, keys, packs } = catalog(db);
  const wanted = (r: ItemJoined) => (input?.includeInactive || r.active === 1) && (!input?.categoryId || r.category_id === input.categoryId);
  const picked: ItemJoined[] = [];
  const pickedKeys: SearchKeys[] = [];
  rows.forEach((r, i) => wanted(r) && (picked.push(r), pickedKeys.push(keys[i])));
  return searchAll(input?.q, picked, input?.limit ?? 1000, pickedKeys).map((r) => itemView(r, packs.get(r.id)));
}

export function getItem(db: Database, itemId: number): ItemView {
  const row = first(db, itemQuery().where('items.id', '=', itemId)) as ItemJoined | undefined;
  if (!row) fail('NOT_FOUND', `物资(编号 ${itemId})不存在。`);
  return itemView(row, packsByItem(db, [itemId]).get(itemId));
}

export function createItem(tx: Tx, input: z.infer<typeof itemCreateInput>): ItemView {
  requireRow(tx.db, 'categories', input.categoryId, true);
  const decimals = input.decimals ?? 0;
  const packs = packsGiven(input, input.unit, decimals) ?? [];
  const code = input.code || nextItemCode(tx.db);
  if (first(tx.db, qb.selectFrom('items').select('id').where('code', '=', code))) {
    fail('DUPLICATE', `物资编码“${code}”已存在。`);
  }
  const { id: newId } = run(
    tx.db,
    qb.insertInto('items').values({
      code,
      name: input.name,
      spec: input.spec ?? '',
      category_id: input.categoryId,
      unit: input.unit,
      pack_unit: packs[0]?.unit ?? null,
      pack_factor: packs[0]?.factor ?? null,
      decimals,
      min_stock: input.minStock === undefined ? 0 : parseQuantity(input.minStock, decimals, '最低库存'),
      tracks_batches: flagOf(input.tracksBatches),
      durable: flagOf(input.durable),
      unit_price: input.unitPrice ?? 0,
      active: flagOf(input.active, 1),
      ...pinyinKeys(input.name),
      created_at: tx.clock.now().toISOString(),
    }),
  );
  writePacks(tx, newId, packs);
  return getItem(tx.db, newId);
}

export function updateItem(tx: Tx, input: z.infer<typeof itemUpdateInput>): ItemView {
  const current = requireRow<ItemRow>(tx.db, 'items', input.id);
  const decimals = input.decimals ?? current.decimals;
  if (decimals !== current.decimals && hasMovements(tx.db, input.id)) {
    fail('INVALID_INPUT', `物资“${current.name}”已有出入库记录,不能再修改小数位数。`);
  }
  if (input.categoryId) requireRow(tx.db, 'categories', input.categoryId, true);
  if (input.code && input.code !== current.code) {
    if (first(tx.db, qb.selectFrom('items').select('id').where('code', '=', input.code))) {
      fail('DUPLICATE', `物资编码“${input.code}”已存在。`);
    }
  }
  const unit = input.unit ?? current.unit;
  const given = packsGiven(input, unit, decimals, current);
  // Kept units are scaled again only when the decimals or the base unit change (2 位小数: 25 公斤 → 2500).
  const kept = given ?? (decimals === current.decimals && unit === current.unit ? null : scalePacks(unitViews(packsByItem(tx.db, [input.id]).get(input.id) ?? [], current.decimals), unit, decimals));
  const packs = given ?? kept;
  const newName = input.name ?? current.name;
  run(
    tx.db,
    qb
      .updateTable('items')
      .set({
        code: input.code || current.code,
        name: newName,
        spec: input.spec ?? current.spec,
        category_id: input.categoryId ?? current.category_id,
        unit: input.unit ?? current.unit,
        ...(packs ? writePacks(tx, input.id, packs) : {}),
        decimals,
        min_stock: input.minStock === undefined ? rescaled(current, decimals) : parseQuantity(input.minStock, decimals, '最低库存'),
        tracks_batches: input.tracksBatches === undefined ? current.tracks_batches : flagOf(input.tracksBatches),
        durable: input.durable === undefined ? current.durable : flagOf(input.durable),
        unit_price: input.unitPrice ?? current.unit_price,
        active: input.active === undefined ? current.active : flagOf(input.active),
        ...pinyinKeys(newName),
      })
      .where('id', '=', input.id),
  );
  return getItem(tx.db, input.id);
}

/** The minimum stock kept at another number of decimals (0 → 2 turns 50 into 5000 hundredths), or refused when it cannot be exact. */
function rescaled(item: ItemRow, decimals: number): number {
  if (decimals >= item.decimals) return item.min_stock * 10 ** (decimals - item.decimals);
  const unit = 10 ** (item.decimals - decimals);
  if (item.min_stock % unit !== 0) {
    fail('INVALID_INPUT', `${item.name} 的最低库存 ${formatQuantity(item.min_stock, item.decimals)} 改为 ${decimals} 位小数后无法准确表示,请先修改最低库存。`);
  }
  return item.min_stock / unit;
}

/** The pack units an input sets: its list, or the one of packUnit/packFactor; null when it sets none. */
function packsGiven(input: { units?: { unit: string; factor: string | number }[]; packUnit?: string | null; packFactor?: string | number | null }, base: string, decimals: number, current?: ItemRow): PackUnit[] | null {
  if (input.units) {
    if (input.packUnit !== undefined || input.packFactor !== undefined) fail('INVALID_INPUT', '单位列表和包装单位只能填写一种。');
    return scalePacks(input.units, base, decimals);
  }
  if (input.packUnit === undefined && input.packFactor === undefined) return null;
  // An update that names only one of the two keeps the other.
  const unit = input.packUnit === undefined ? current?.pack_unit : input.packUnit;
  const factor = input.packFactor === undefined && current?.pack_factor ? formatQuantity(current.pack_factor, current.decimals) : input.packFactor;
  const pack = packOf(unit, factor, decimals);
  return pack.unit ? scalePacks([{ unit: pack.unit, factor: formatQuantity(pack.factor!, decimals) }], base, decimals) : [];
}

function packOf(unit: string | null | undefined, factor: string | number | null | undefined, decimals: number) {
  const hasUnit = !!unit;
  const hasFactor = factor !== null && factor !== undefined && factor !== '';
  if (hasUnit !== hasFactor) fail('INVALID_INPUT', '包装单位和换算数量须同时填写(如 1 箱 = 20 盒)。');
  if (!hasUnit) return { unit: null, factor: null };
  return { unit: unit as string, factor: parsePositiveQuantity(factor as string | number, decimals, '包装换算') };
}

function hasMovements(db: Database, itemId: number): boolean {
  return !!first(db, qb.selectFrom('movements').select('id').where('item_id', '=', itemId).limit(1));
}

function nextItemCode(db: Database): string {
  const row = first(db, qb.selectFrom('items').select((eb) => eb.fn.max('id').as('max'))) as { max: number | null };
  let n = (row?.max ?? 0) + 1;
  for (;;) {
    const code = `WZ${String(n).padStart(4, '0')}`;
    if (!first(db, qb.selectFrom('items').select('id').where('code', '=', code))) return code;
    n++;
  }
}
