import { fail } from '../errors';
import { postDocument } from '../ledger/post';
import type { Tx } from '../open';
import { createCategory, createSource } from '../reference/catalog';
import { createItem } from '../reference/items';
import { all, first, qb } from '../sql';
import type { ImportPlan } from './plan';

export const OPENING_SOURCE = '期初建账';

/**
 * Writes a checked plan, all of it or nothing (the caller's transaction): new categories, new
 * items, and one opening-stock receipt for every row with a quantity.
 */
export function commitImport(tx: Tx, plan: ImportPlan, operatorId: number, time?: string): { itemsCreated: number; receipt: { id: number; number: string } | null } {
  if (plan.errorCount > 0) {
    const first = plan.rows.find((r) => r.errors.length)!;
    fail('INVALID_INPUT', `第 ${first.row} 行:${first.errors[0]}(共 ${plan.errorCount} 行有错误),未导入任何数据。`);
  }
  if (plan.rows.length === 0) fail('INVALID_INPUT', '表格中没有可导入的数据行。');
  for (const name of plan.newCategories) createCategory(tx, { name });
  const categoryId = new Map(all(tx.db, qb.selectFrom('categories').select(['id', 'name'])).map((c) => [c.name, c.id]));
  const itemIds = new Map<string, number>();
  let itemsCreated = 0;
  for (const item of plan.items.values()) {
    if (item.existingId !== null) {
      itemIds.set(item.key, item.existingId);
      continue;
    }
    const created = createItem(tx, {
      ...(item.code ? { code: item.code } : {}), name: item.name, spec: item.spec, categoryId: categoryId.get(item.category)!,
      unit: item.unit, decimals: item.decimals, minStock: item.minStock, tracksBatches: item.tracksBatches, unitPrice: item.unitPriceFen,
    });
    itemIds.set(item.key, created.id);
    itemsCreated++;
  }
  const lines = plan.rows
    .filter((r) => r.quantity !== '0')
    .map((r) => ({
      itemId: itemIds.get(r.itemKey)!, quantity: r.quantity,
      ...(r.batchNo ? { batchNo: r.batchNo } : {}),
      ...(r.productionDate ? { productionDate: r.productionDate } : {}),
      ...(r.expiryDate ? { expiryDate: r.expiryDate } : {}),
      note: `导入第 ${r.row} 行`,
    }));
  if (lines.length === 0) return { itemsCreated, receipt: null };
  const source = first(tx.db, qb.selectFrom('sources').select('id').where('name', '=', OPENING_SOURCE))?.id
    ?? createSource(tx, { name: OPENING_SOURCE, type: 'other' }).id;
  const receipt = postDocument(tx, { type: 'receipt', sourceId: source, note: '期初库存导入', lines, ...(time ? { time } : {}) }, operatorId);
  return { itemsCreated, receipt };
}
