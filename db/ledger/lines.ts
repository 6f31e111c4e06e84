import { fail, LedgerError } from '../errors';
import type { Tx } from '../open';
import type { DocType } from '../schema';
import { prepare } from '../sql';
import { holdingOf, type Holding } from './as-of';
import { guardLaterInstants, type Guard } from './guard';

// SQL written by hand on a measured hot path: lines, movements, stock and holdings written as one JSON text each (post_slip_ms); figures in docs/performance.md.

/** A document line as planned: everything is checked and allocated before anything is written. */
export interface PlannedLine {
  lineNo: number;
  itemId: number;
  batchId: number;
  /** As stored on the line: positive, or a stocktake's signed difference. */
  quantity: number;
  /** The stock change (0: the line moves nothing, a stocktake without difference). */
  delta: number;
  bookQuantity: number | null;
  countedQuantity: number | null;
  unitPrice: number;
  note: string;
  reason: string;
  overrideReason: string;
  /** What the clerk typed, when it named a pack unit ("2盒10只"); '' otherwise. Display only. */
  entered: string;
}

export interface LineHeader {
  /** The business meaning of the movements: the document's type, or on a reversal the original's. */
  kind: DocType;
  occurredAt: string;
  storeId: number;
  sourceId: number | null;
  checkpointId: number | null;
  /** 移库: the receiving store; each line moves out of storeId and into it at the same instant. */
  toStoreId?: number | null;
}

/** `v ->> 0, v ->> 1, …`: the columns of rows handed over as one JSON array of arrays (`json_each(?)`, each row `v`). */
const columns = (n: number) => Array.from({ length: n }, (_, k) => `value ->> ${k}`).join(', ');

const INSERT_LINES = `INSERT INTO document_lines (document_id, line_no, item_id, batch_id, quantity, book_quantity, counted_quantity,
    unit_price, note, reason, override_reason, entered)
  SELECT ?, ${columns(11)} FROM json_each(?) RETURNING line_no, id`;

const INSERT_MOVEMENTS = `INSERT INTO movements (document_id, kind, occurred_at, store_id, checkpoint_id, source_id, line_id, item_id, batch_id, delta)
  SELECT ?, ?, ?, ?, ?, ?, ${columns(4)} FROM json_each(?)`;

/**
 * The one write path of movements, for posting and voiding alike: checks that the document can stand
 * at its time and every later instant (guard.ts), then writes its lines, their movements and the stock
 * they move in a handful of statements (one per table, two for stock: coming in and going out), each
 * taking its rows as one JSON text: on the office PCs measured, each statement and each value bound
 * costs more than the rows themselves.
 */
export function writeLines(tx: Tx, documentId: number, h: LineHeader, lines: PlannedLine[], guard: Guard): void {
  const moving = lines.filter((l) => l.delta !== 0);
  const into = h.toStoreId ? receivingLeg(h.toStoreId, moving) : null;
  guardLaterInstants(tx.db, h, guard, moving);
  if (into) guardReceivingStore(tx, { ...h, storeId: into.storeId, toStoreId: null }, guard, into);
  const rows = prepare(tx.db, INSERT_LINES)
    .raw()
    .all(documentId, JSON.stringify(lines.map((l) => [l.lineNo, l.itemId, l.batchId, l.quantity, l.bookQuantity, l.countedQuantity, l.unitPrice, l.note, l.reason, l.overrideReason, l.entered]))) as [number, number][];
  const lineIds = new Map(rows);
  if (moving.length === 0) return;
  for (const leg of [{ storeId: h.storeId, lines: moving }, ...(into ? [into] : [])]) {
    prepare(tx.db, INSERT_MOVEMENTS).run(documentId, h.kind, h.occurredAt, leg.storeId, h.checkpointId, h.sourceId, JSON.stringify(leg.lines.map((l) => [lineIds.get(l.lineNo)!, l.itemId, l.batchId, l.delta])));
    moveStock(tx, leg.storeId, leg.lines);
  }
  const holding = holdingOf(h.kind);
  if (holding && h.checkpointId !== null) moveHoldings(tx, h.checkpointId, holding, h.storeId, moving);
}

/** 移库's second leg: the same lines, the other way, in the receiving store. */
function receivingLeg(storeId: number, lines: PlannedLine[]) {
  return { storeId, lines: lines.map((l) => ({ ...l, delta: -l.delta })) };
}

/**
 * The receiving store is checked like any other at the same instant and after (it matters when a
 * 移库 is voided: the goods must still be there); a refusal names the store.
 */
function guardReceivingStore(tx: Tx, h: LineHeader, guard: Guard, leg: { storeId: number; lines: PlannedLine[] }): void {
  try {
    guardLaterInstants(tx.db, h, { ...guard, stock: guard.toStock!, held: null }, leg.lines);
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err;
    const name = prepare(tx.db, 'SELECT name FROM stores WHERE id = ?').pluck().get(leg.storeId) as string;
    fail(err.code, `调入库房“${name}”:${err.message}`);
  }
}

const MOVE_HOLDINGS = `INSERT INTO holdings (checkpoint_id, item_id, holding, batch_id, store_id, quantity)
  SELECT ?, value ->> 0, ?, value ->> 1, ?, value ->> 2 FROM json_each(?) WHERE true
  ON CONFLICT (checkpoint_id, item_id, holding, batch_id, store_id) DO UPDATE SET quantity = quantity + excluded.quantity`;

/** What the checkpoint holds moves the other way from the stock: goods issued out are held there. */
function moveHoldings(tx: Tx, checkpointId: number, holding: Holding, storeId: number, lines: PlannedLine[]): void {
  prepare(tx.db, MOVE_HOLDINGS).run(checkpointId, holding, storeId, JSON.stringify(lines.map((l) => [l.itemId, l.batchId, -l.delta])));
}

/**
 * Applies the lines' deltas to the kept balances, summed per batch. Stock coming in is an upsert
 * (a new batch gets its row); stock going out is an update of rows that exist. The
 * guard has already made sure no balance goes below zero; the table's CHECK (quantity >= 0) stays the last guard.
 */
function moveStock(tx: Tx, storeId: number, lines: PlannedLine[]): void {
  const sums = new Map<number, { itemId: number; delta: number }>();
  for (const l of lines) {
    const s = sums.get(l.batchId);
    if (s) s.delta += l.delta;
    else sums.set(l.batchId, { itemId: l.itemId, delta: l.delta });
  }
  const entries = [...sums].filter(([, s]) => s.delta !== 0);
  const incoming = entries.filter(([, s]) => s.delta > 0);
  const outgoing = entries.filter(([, s]) => s.delta < 0);
  try {
    if (incoming.length) {
      // `WHERE true` tells SQLite that ON CONFLICT belongs to the INSERT, not to the SELECT's join.
      prepare(
        tx.db,
        `INSERT INTO stock (item_id, batch_id, store_id, quantity) SELECT value ->> 0, value ->> 1, ?, value ->> 2 FROM json_each(?) WHERE true
         ON CONFLICT (item_id, batch_id, store_id) DO UPDATE SET quantity = quantity + excluded.quantity`,
      ).run(storeId, JSON.stringify(incoming.map(([batchId, s]) => [s.itemId, batchId, s.delta])));
    }
    if (outgoing.length) {
      const updated = prepare(
        tx.db,
        `UPDATE stock SET quantity = quantity + v.delta
         FROM (SELECT value ->> 0 AS item_id, value ->> 1 AS batch_id, value ->> 2 AS delta FROM json_each(?)) AS v
         WHERE stock.item_id = v.item_id AND stock.batch_id = v.batch_id AND stock.store_id = ?`,
      ).run(JSON.stringify(outgoing.map(([batchId, s]) => [s.itemId, batchId, s.delta])), storeId);
      // Outgoing stock was allocated from existing rows: a missing row would be a bug, never a silent no-op.
      if (updated.changes !== outgoing.length) throw new Error(`stock rows missing for ${outgoing.length - updated.changes} outgoing batches`);
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_CHECK') fail('INSUFFICIENT_STOCK', '库存不足,单据未保存。');
    throw err;
  }
}
