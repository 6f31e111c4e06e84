import type { Database } from 'better-sqlite3';
import { formatQuantity } from '../quantity';
import { first, qb } from '../sql';

/**
 * Opening stock is for goods that have not moved yet. For one that has, an imported quantity is a
 * receipt in the middle of a live ledger: importing the same file twice would double the stock. So
 * the import books such rows only as a normal receipt from a source the user chooses, and says so.
 * Answers the item's stock now (scaled), or null when it has never moved.
 */
export function restockOf(db: Database, itemId: number): number | null {
  if (!first(db, qb.selectFrom('movements').select('id').where('item_id', '=', itemId).limit(1))) return null;
  const row = first(db, qb.selectFrom('stock').select((eb) => eb.fn.sum<number>('quantity').as('q')).where('item_id', '=', itemId));
  return Number(row?.q ?? 0);
}

/** 84消毒液 已有库存 107 桶,本次将再入 10 桶。… */
export function restockNotice(item: { name: string; unit: string; decimals: number }, stock: number, quantity: string, sourceName: string | null): string {
  const then = sourceName ? `将登记为入库单(来源:${sourceName})。` : '未选择入库来源,本行不导入。';
  return `${item.name} 已有库存 ${formatQuantity(stock, item.decimals)} ${item.unit},本次将再入 ${quantity} ${item.unit}。${then}`;
}
