import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { flag, id, text } from '../reference/common';
import { readSettings } from '../reference/settings';
import { toDisplayNumber } from '../quantity';
import { BATCH_LABEL_SQL } from '../ledger/batches';
import { packsByItem } from '../reference/item-units';
import { searchAll } from '../search';
import { formatInUnits } from '../units';
import { prepare } from '../sql';
import { addDays, businessDate } from '../time';

// SQL written by hand on a measured hot path: the stock list the issue slip opens with (first_screen_ms); figures in docs/performance.md.

export const stockListInput = z
  .strictObject({
    q: text(60).optional(),
    categoryId: id.optional(),
    storeId: id.optional(),
    onlyLow: flag.optional(),
    onlyNearExpiry: flag.optional(),
    hideZero: flag.optional(),
    /** Only these goods (a slip's lines): the whole catalogue is not read for a few lines. */
    itemIds: z.array(id).max(500).optional(),
  })
  .optional();

export interface StockBatchView {
  batchId: number;
  batchNo: string;
  productionDate: string | null;
  expiryDate: string | null;
  quantity: number;
  expired: boolean;
  nearExpiry: boolean;
}

export interface StockView {
  itemId: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  categoryName: string;
  decimals: number;
  durable: boolean;
  quantity: number;
  /** The quantity in the item's largest units: "3箱 12盒 5只" (as `quantity` with its unit where it has no packs). */
  inUnits: string;
  minStock: number;
  low: boolean;
  nearExpiry: boolean;
  expired: boolean;
  batches: StockBatchView[];
}

interface Row {
  item_id: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  category_id: number;
  category_name: string;
  decimals: number;
  durable: number;
  min_stock: number;
  pinyin: string;
  initials: string;
  batch_id: number | null;
  batch_no: string | null;
  production_date: string | null;
  expiry_date: string | null;
  quantity: number | null;
}

/** Current stock per active item with its batches; below-minimum and near-expiry flagged. */
export function listStock(db: Database, now: Date, input: z.infer<typeof stockListInput> = {}): StockView[] {
  const settings = readSettings(db);
  const today = businessDate(now, settings.timeZone);
  return stockAsOf(db, input, today, addDays(today, settings.nearExpiryDays));
}

export function stockAsOf(db: Database, input: z.infer<typeof stockListInput>, today: string, soon: string): StockView[] {
  const only = input?.itemIds ? JSON.stringify(input.itemIds) : null;
  const rows = prepare(
    db,
    `SELECT i.id AS item_id, i.code, i.name, i.spec, i.unit, i.category_id, c.name AS category_name, i.decimals,
            i.durable, i.min_stock, i.pinyin, i.initials,
            b.id AS batch_id, ${BATCH_LABEL_SQL()} AS batch_no, b.production_date, b.expiry_date, s.quantity
     FROM items i
     JOIN categories c ON c.id = i.category_id
     LEFT JOIN stock s ON s.item_id = i.id AND s.quantity > 0 AND (? IS NULL OR s.store_id = ?)
     LEFT JOIN batches b ON b.id = s.batch_id
     WHERE i.active = 1 AND (? IS NULL OR i.id IN (SELECT value FROM json_each(?)))
     ORDER BY c.sort, i.code, b.expiry_date IS NULL, b.expiry_date, b.id`,
  ).all(input?.storeId ?? null, input?.storeId ?? null, only, only) as Row[];
  const byItem = new Map<number, StockView & { pinyin: string; initials: string; categoryId: number; minScaled: number }>();
  const scaled = new Map<number, number>();
  for (const r of rows) {
    let v = byItem.get(r.item_id);
    if (!v) {
      v = {
        itemId: r.item_id, code: r.code, name: r.name, spec: r.spec, unit: r.unit, categoryName: r.category_name,
        categoryId: r.category_id, decimals: r.decimals, durable: r.durable === 1, quantity: 0, inUnits: '',
        minStock: toDisplayNumber(r.min_stock, r.decimals), low: false, nearExpiry: false, expired: false,
        batches: [], pinyin: r.pinyin, initials: r.initials, minScaled: r.min_stock,
      };
      byItem.set(r.item_id, v);
    }
    const last = v.batches[v.batches.length - 1];
    if (r.batch_id !== null && r.quantity && last?.batchId === r.batch_id) {
      // The same batch in another store (rows of a batch are adjacent): one row for the office.
      scaled.set(r.batch_id, scaled.get(r.batch_id)! + r.quantity);
      last.quantity = toDisplayNumber(scaled.get(r.batch_id)!, r.decimals);
      v.quantity += r.quantity;
    } else if (r.batch_id !== null && r.quantity) {
      scaled.set(r.batch_id, r.quantity);
      const expired = r.expiry_date !== null && r.expiry_date < today;
      const near = !expired && r.expiry_date !== null && r.expiry_date <= soon;
      v.batches.push({
        batchId: r.batch_id, batchNo: r.batch_no ?? '', productionDate: r.production_date, expiryDate: r.expiry_date,
        quantity: toDisplayNumber(r.quantity, r.decimals), expired, nearExpiry: near,
      });
      v.quantity += r.quantity;
      v.expired ||= expired;
      v.nearExpiry ||= near;
    }
  }
  const packs = packsByItem(db, input?.itemIds);
  const views = [...byItem.values()].map((v) => {
    const inUnits = formatInUnits(v.quantity, { unit: v.unit, decimals: v.decimals, packs: packs.get(v.itemId) ?? [] });
    // 最低库存 is the office's: one store's share of the goods is not measured against it.
    const low = !input?.storeId && v.minScaled > 0 && v.quantity < v.minScaled;
    return { ...v, inUnits, low, quantity: toDisplayNumber(v.quantity, v.decimals) };
  });
  const filtered = views.filter(
    (v) =>
      (!input?.categoryId || v.categoryId === input.categoryId) &&
      (!input?.onlyLow || v.low) &&
      (!input?.onlyNearExpiry || v.nearExpiry || v.expired) &&
      (!input?.hideZero || v.quantity > 0),
  );
  return searchAll(input?.q, filtered, 20000).map(({ pinyin: _p, initials: _i, categoryId: _c, minScaled: _m, ...v }) => v);
}
