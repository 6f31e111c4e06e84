import { fail } from '../errors';
import type { Tx } from '../open';
import { requireRow } from '../reference/common';
import { readSettings } from '../reference/settings';
import type { DocType, DocumentRow } from '../schema';
import { first, jsonRows, prepare, qb } from '../sql';
import { businessDate, localDateTime } from '../time';
import { StockAt } from './as-of';
import type { VoidInput } from './input';
import { itemFacts } from './item-facts';
import { writeLines, type PlannedLine } from './lines';
import { nextNumber } from './numbering';
import { checkPostingTime } from './period';

// SQL written by hand on a measured hot path: the original read back and its reversal written (void_ms); figures in docs/performance.md.

type OriginalLine = [lineNo: number, lineId: number, itemId: number, batchId: number, quantity: number, book: number | null, counted: number | null, unitPrice: number, note: string, reason: string, override: string, entered: string];

/**
 * Voids a posted document: posts an exact reversal (a 'void' document at the time given, default
 * now, pointing to the original, with the negated movements) and marks the original 作废. The
 * reversal goes through the same write path as any posting, so it is checked the same way at its
 * own time and every later instant: a void that would leave stock, or what a checkpoint holds,
 * below zero at any instant is refused. Nothing else of the original changes.
 */
export function voidDocument(tx: Tx, input: VoidInput, operatorId: number): { id: number; number: string } {
  const original = requireRow<DocumentRow>(tx.db, 'documents', input.documentId);
  if (original.type === 'void') fail('CANNOT_VOID', `${original.number} 是作废冲销单,不能再作废。`);
  if (original.state === 'voided') fail('ALREADY_VOIDED', `${original.number} 已经作废,不能重复作废。`);
  requireRow(tx.db, 'users', operatorId, true);
  const settings = readSettings(tx.db);
  const now = tx.clock.now();
  const at = input.time ? new Date(input.time) : now;
  checkPostingTime(at, now, settings, true);
  if (at.toISOString() < original.occurred_at) {
    fail('INVALID_INPUT', `作废时间不能早于原单据 ${original.number} 的时间 ${localDateTime(new Date(original.occurred_at), settings.timeZone)}。`);
  }

  const day = businessDate(at, settings.timeZone);
  const number = nextNumber(tx, 'void', day);
  const r = prepare(
    tx.db,
    `INSERT INTO documents (type, number, state, occurred_at, business_date, store_id, source_id, checkpoint_id,
       person_id, counterparty, operator_id, note, reverses_id, void_reason, created_at, to_store_id)
     VALUES ('void', ?, 'posted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    number, at.toISOString(), day, original.store_id, original.source_id, original.checkpoint_id, original.person_id,
    original.counterparty, operatorId, `作废 ${original.number}`, original.id, input.reason, now.toISOString(), original.to_store_id,
  );
  const voidId = Number(r.lastInsertRowid);

  const lines = jsonRows<OriginalLine>(
    tx.db, 'line_no, id, item_id, batch_id, quantity, book_quantity, counted_quantity, unit_price, note, reason, override_reason, entered',
    'FROM document_lines WHERE document_id = ?', 'line_no', original.id,
  );
  const itemIds = lines.map((l) => l[2]);
  // The original's movements, found through the per-item time index (they carry the document's time).
  const deltas = new Map(
    jsonRows<[number, number]>(
      tx.db, 'line_id, delta', 'FROM movements WHERE item_id IN (SELECT value FROM json_each(?)) AND occurred_at = ? AND document_id = ? AND store_id = ?', null,
      JSON.stringify([...new Set(itemIds)]), original.occurred_at, original.id, original.store_id,
    ),
  );
  const planned: PlannedLine[] = lines.map(([lineNo, lineId, itemId, batchId, quantity, bookQuantity, countedQuantity, unitPrice, note, reason, overrideReason, entered]) => ({
    lineNo, itemId, batchId, quantity, delta: -(deltas.get(lineId) ?? 0), bookQuantity, countedQuantity, unitPrice, note, reason, overrideReason, entered,
  }));
  receivingStoresInUse(tx, original, planned);
  const stock = new StockAt(tx.db, original.store_id, at.toISOString());
  stock.load(itemIds);
  // A 移库's reversal takes the goods back out of the store they went to.
  const toStock = original.to_store_id === null ? undefined : new StockAt(tx.db, original.to_store_id, at.toISOString());
  toStock?.load(itemIds);
  const checkpointName = original.checkpoint_id === null ? '' : first(tx.db, qb.selectFrom('checkpoints').select('name').where('id', '=', original.checkpoint_id))!.name;
  writeLines(
    tx, voidId,
    { kind: original.type as DocType, occurredAt: at.toISOString(), storeId: original.store_id, sourceId: original.source_id, checkpointId: original.checkpoint_id, toStoreId: original.to_store_id },
    planned,
    { tz: settings.timeZone, stock, toStock, items: itemFacts(tx.db, itemIds), checkpointName, voiding: { id: original.id, number: original.number, occurredAt: original.occurred_at } },
  );
  prepare(tx.db, "UPDATE documents SET state = 'voided', void_reason = ? WHERE id = ?").run(input.reason, original.id);
  return { id: voidId, number };
}

/** A void that would bring goods back into a store taken out of use is refused, naming it: the store is reactivated first. */
function receivingStoresInUse(tx: Tx, original: DocumentRow, planned: PlannedLine[]): void {
  const into = [
    ...(planned.some((l) => l.delta > 0) ? [original.store_id] : []),
    ...(original.to_store_id !== null && planned.some((l) => l.delta < 0) ? [original.to_store_id] : []),
  ];
  if (!into.length) return;
  const inactive = first(tx.db, qb.selectFrom('stores').select('name').where('id', 'in', into).where('active', '=', 0));
  if (inactive) fail('INACTIVE', `库房“${inactive.name}”已停用:作废 ${original.number} 会把物资退回该库房,请先在“设置 › 库房”中启用它。`);
}
