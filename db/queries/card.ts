import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { batchLabel } from '../ledger/batches';
import { getItem, type ItemView } from '../reference/items';
import { id, instant } from '../reference/common';
import { toDisplayNumber } from '../quantity';
import type { DocType } from '../schema';
import { prepare } from '../sql';

// SQL written by hand on a measured hot path: one item over a period of a large history (stock_card_ms); figures in docs/performance.md.

export const stockCardInput = z.strictObject({
  itemId: id,
  from: instant.optional(),
  to: instant.optional(),
  storeId: id.optional(),
});

export interface StockCardRow {
  movementId: number;
  time: string;
  documentId: number;
  number: string;
  documentType: DocType;
  kind: DocType;
  voided: boolean;
  batchNo: string;
  expiryDate: string | null;
  delta: number;
  balance: number;
  counterparty: string;
  /** A 移库 leg on a store's card: where the goods went to or came from (the screen words it in its language). */
  moved: { direction: 'to' | 'from'; store: string } | null;
  operator: string;
  /** 摘要: the line's reason (stocktake, loss) or note, else the document's note; a reversal's void reason. */
  summary: string;
}

export interface StockCard {
  item: ItemView;
  from: string | null;
  to: string | null;
  opening: number;
  totalIn: number;
  totalOut: number;
  closing: number;
  rows: StockCardRow[];
}

/** 台账: every movement of an item in [from, to) with its running balance. */
export function stockCard(db: Database, input: z.infer<typeof stockCardInput>): StockCard {
  const item = getItem(db, input.itemId);
  const from = input.from ? new Date(input.from).toISOString() : null;
  const to = input.to ? new Date(input.to).toISOString() : null;
  const store = input.storeId ?? null;
  const opening = from
    ? (prepare(
        db,
        `SELECT COALESCE(SUM(delta), 0) AS q FROM movements
         WHERE item_id = ? AND occurred_at < ? AND (? IS NULL OR store_id = ?)`,
      ).get(item.id, from, store, store) as { q: number }).q
    : 0;
  const rows = prepare(
    db,
    `SELECT m.id, m.occurred_at, m.document_id, d.number, d.type, m.kind, d.state, b.batch_no, b.expiry_date, m.delta,
            CASE WHEN m.kind = 'move' THEN (CASE WHEN m.delta < 0 THEN '移至 ' ELSE '来自 ' END) || other.name
                 ELSE COALESCE(cp.name || CASE WHEN p.name IS NOT NULL THEN ' · ' || p.name ELSE '' END, s.name, d.counterparty) END AS counterparty,
            CASE WHEN m.kind = 'move' THEN (CASE WHEN m.delta < 0 THEN 'to' ELSE 'from' END) END AS move_direction, other.name AS other_store,
            u.display_name AS operator,
            CASE WHEN d.type = 'void' THEN '作废原因:' || COALESCE(d.void_reason, '')
                 ELSE COALESCE(NULLIF(l.reason, ''), NULLIF(l.note, ''), d.note) END AS summary
     FROM movements m
     JOIN documents d ON d.id = m.document_id
     JOIN document_lines l ON l.id = m.line_id
     JOIN batches b ON b.id = m.batch_id
     JOIN users u ON u.id = d.operator_id
     LEFT JOIN checkpoints cp ON cp.id = d.checkpoint_id
     LEFT JOIN people p ON p.id = d.person_id
     LEFT JOIN sources s ON s.id = d.source_id
     LEFT JOIN stores other ON other.id = CASE WHEN m.store_id = d.store_id THEN d.to_store_id ELSE d.store_id END
     WHERE m.item_id = ? AND (? IS NULL OR m.occurred_at >= ?) AND (? IS NULL OR m.occurred_at < ?)
       AND (? IS NULL OR m.store_id = ?)
       -- The office's own card leaves out 移库: its two legs cancel at one instant.
       AND (? IS NOT NULL OR m.kind <> 'move')
     ORDER BY m.occurred_at, m.id`,
  ).all(item.id, from, from, to, to, store, store, store) as {
    id: number; occurred_at: string; document_id: number; number: string; type: DocType; kind: DocType; state: string;
    batch_no: string; expiry_date: string | null; delta: number; counterparty: string | null;
    move_direction: 'to' | 'from' | null; other_store: string | null; operator: string; summary: string;
  }[];
  let balance = opening;
  let totalIn = 0;
  let totalOut = 0;
  const show = (n: number) => toDisplayNumber(n, item.decimals);
  const out = rows.map((r) => {
    balance += r.delta;
    if (r.delta > 0) totalIn += r.delta;
    else totalOut -= r.delta;
    return {
      movementId: r.id, time: r.occurred_at, documentId: r.document_id, number: r.number, documentType: r.type,
      kind: r.kind, voided: r.state === 'voided', batchNo: batchLabel(r.batch_no, item.tracksBatches), expiryDate: r.expiry_date, delta: show(r.delta),
      balance: show(balance), counterparty: r.counterparty ?? '',
      moved: r.move_direction ? { direction: r.move_direction, store: r.other_store ?? '' } : null, operator: r.operator, summary: r.summary,
    };
  });
  return { item, from, to, opening: show(opening), totalIn: show(totalIn), totalOut: show(totalOut), closing: show(balance), rows: out };
}

export interface RecentItem {
  itemId: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  movements: number;
  lastAt: string;
}

/**
 * The goods that moved most in the last 30 days (busiest first, then the latest): what the 台账
 * screen offers before an item is chosen. Through the (occurred_at) range of movements only.
 */
export function recentItems(db: Database, now: Date, limit = 8): RecentItem[] {
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  return prepare(
    db,
    `SELECT i.id AS itemId, i.code, i.name, i.spec, i.unit, r.n AS movements, r.last AS lastAt
     FROM (SELECT item_id, COUNT(*) AS n, MAX(occurred_at) AS last FROM movements WHERE occurred_at >= ? AND occurred_at <= ? GROUP BY item_id) r
     JOIN items i ON i.id = r.item_id
     WHERE i.active = 1
     ORDER BY r.n DESC, r.last DESC, i.code
     LIMIT ?`,
  ).all(since, now.toISOString(), limit) as RecentItem[];
}
