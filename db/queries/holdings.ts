import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { id } from '../reference/common';
import { toDisplayNumber } from '../quantity';
import { sql } from 'kysely';
import { all, qb } from '../sql';

/** With a store: what came from that store (goods go back to the store they left). */
export const holdingsInput = z.strictObject({ checkpointId: id, storeId: id.optional() });

export interface CheckpointHolding {
  itemId: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  /** Issued to the checkpoint and not yet returned (what a 退库 may bring back). */
  issued: number;
  /** Durable goods lent and not yet returned (what an 归还 may bring back). */
  onLoan: number;
}

/** What a checkpoint holds now, per item: the kept holdings (migration 0011), summed over batches (and stores, unless one is named). */
export function checkpointHoldings(db: Database, input: z.infer<typeof holdingsInput>): CheckpointHolding[] {
  const rows = all(db, qb.selectFrom('holdings as h').innerJoin('items as i', 'i.id', 'h.item_id')
    .select((e) => [
      'i.id as item_id', 'i.code', 'i.name', 'i.spec', 'i.unit', 'i.decimals',
      e.fn.sum<number>(sql`CASE WHEN h.holding = 'issue' THEN h.quantity ELSE 0 END`).as('issued'),
      e.fn.sum<number>(sql`CASE WHEN h.holding = 'loan' THEN h.quantity ELSE 0 END`).as('on_loan'),
    ])
    .where('h.checkpoint_id', '=', input.checkpointId)
    .$if(input.storeId !== undefined, (q) => q.where('h.store_id', '=', input.storeId!))
    .groupBy('i.id')
    .having(sql<boolean>`issued <> 0 OR on_loan <> 0`)
    .orderBy('i.code').orderBy('i.id'));
  return rows.map((r) => ({
    itemId: r.item_id, code: r.code, name: r.name, spec: r.spec, unit: r.unit,
    issued: toDisplayNumber(r.issued, r.decimals), onLoan: toDisplayNumber(r.on_loan, r.decimals),
  }));
}
