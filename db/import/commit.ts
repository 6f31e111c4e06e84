import { fail } from '../errors';
import { postDocument } from '../ledger/post';
import type { Tx } from '../open';
import { createCategory, createSource } from '../reference/catalog';
import { createItem } from '../reference/items';
import { all, first, qb } from '../sql';
import type { ImportPlan, PlannedRow } from './plan';

export const OPENING_SOURCE = '期初建账';

export interface ImportResult {
  itemsCreated: number;
  /** The opening receipt (source 期初建账) of goods that had not moved. */
  receipt: { id: number; number: string } | null;
  /** The receipt, from the chosen source, of goods that had moved already. */
  restockReceipt: { id: number; number: string } | null;
  /** Rows of goods that had moved, left out because no source was chosen. */
  leftOut: number[];
}

/**
 * Writes a checked plan, all of it or nothing (the caller's transaction): new categories, new
 * items, one opening receipt for the rows of goods that have not moved, and one receipt from the
 * chosen source for those that have (without a source they are left out, never opening stock).
 */
export function commitImport(tx: Tx, plan: ImportPlan, operatorId: number, time?: string): ImportResult {
  if (plan.errorCount > 0) {
    const bad = plan.rows.find((r) => r.errors.length)!;
    fail('INVALID_INPUT', `第 ${bad.row} 行:${bad.errors.join(';')}(共 ${plan.errorCount} 行有错误),未导入任何数据。`);
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
    itemIds.set(item.key, createItem(tx, { ...item.input!, categoryId: categoryId.get(item.category)! }).id);
    itemsCreated++;
  }
  const lines = (rows: PlannedRow[]) =>
    rows.map((r) => ({
      itemId: itemIds.get(r.itemKey)!, quantity: r.quantity,
      ...(r.batchNo ? { batchNo: r.batchNo } : {}),
      ...(r.productionDate ? { productionDate: r.productionDate } : {}),
      ...(r.expiryDate ? { expiryDate: r.expiryDate } : {}),
      note: `导入第 ${r.row} 行`,
    }));
  const stocked = plan.rows.filter((r) => r.quantity !== '0');
  const opening = stocked.filter((r) => !r.restock);
  const restock = stocked.filter((r) => r.restock);
  const at = time ? { time } : {};
  let receipt: ImportResult['receipt'] = null;
  if (opening.length) {
    const source = first(tx.db, qb.selectFrom('sources').select('id').where('name', '=', OPENING_SOURCE))?.id
      ?? createSource(tx, { name: OPENING_SOURCE, type: 'other' }).id;
    receipt = postDocument(tx, { type: 'receipt', sourceId: source, note: '期初库存导入', lines: lines(opening), ...at }, operatorId);
  }
  if (!plan.restockSource) return { itemsCreated, receipt, restockReceipt: null, leftOut: restock.map((r) => r.row) };
  const restockReceipt = restock.length ? postDocument(tx, { type: 'receipt', sourceId: plan.restockSource.id, note: '导入入库', lines: lines(restock), ...at }, operatorId) : null;
  return { itemsCreated, receipt, restockReceipt, leftOut: [] };
}
