import type { Database } from 'better-sqlite3';
import { prepare } from '../sql';
import type { ItemRow } from '../schema';

// SQL written by hand on a measured hot path: a document's items read at once (post_slip_ms); figures in docs/performance.md.

/** What posting needs to know of an item: its name and unit for messages, rounding, and the checks. */
const ITEM_FACTS = ['name', 'unit', 'decimals', 'active', 'durable', 'tracks_batches', 'unit_price'] as const;

/** `plain_batch`: the item's batch without a number, if it has one (stock from before it tracked batches). */
export type ItemFacts = Pick<ItemRow, 'id' | (typeof ITEM_FACTS)[number]> & { plain_batch: number | null };

/** The rows as one JSON text: each value handed over on its own costs about a microsecond. */
const ITEM_FACTS_SQL = `SELECT json_group_array(json_object('id', id, ${ITEM_FACTS.map((c) => `'${c}', ${c}`).join(', ')},
    'plain_batch', (SELECT b.id FROM batches b WHERE b.item_id = items.id AND b.batch_no = '')))
  FROM items WHERE id IN (SELECT value FROM json_each(?))`;

/** The facts of a document's items, read at once; each is checked with `checkRow` where it is used. */
export function itemFacts(db: Database, ids: number[]): Map<number, ItemFacts> {
  const text = prepare(db, ITEM_FACTS_SQL).pluck().get(JSON.stringify([...new Set(ids)])) as string;
  return new Map((JSON.parse(text) as ItemFacts[]).map((r) => [r.id, r]));
}
