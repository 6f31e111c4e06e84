import type { Database } from 'better-sqlite3';
import { rowsById } from '../reference/common';
import type { ItemRow } from '../schema';

/** What posting needs to know of an item: its name and unit for messages, rounding, and the checks. */
const ITEM_FACTS = ['name', 'unit', 'decimals', 'active', 'durable', 'tracks_batches', 'unit_price'] as const;

export type ItemFacts = Pick<ItemRow, 'id' | (typeof ITEM_FACTS)[number]>;

/** The facts of a document's items, read at once. */
export function itemFacts(db: Database, ids: number[]): Map<number, ItemFacts> {
  return rowsById<ItemRow, (typeof ITEM_FACTS)[number]>(db, 'items', ITEM_FACTS, ids);
}
