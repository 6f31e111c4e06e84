import { fail } from '../errors';
import type { Tx } from '../open';
import { requireRow } from '../reference/common';
import { readSettings } from '../reference/settings';
import type { DocumentRow, ItemRow, MovementRow } from '../schema';
import { prepare } from '../sql';
import { businessDate } from '../time';
import type { VoidInput } from './input';
import { nextNumber } from './numbering';
import { checkPostingTime } from './period';
import { applyMovement } from './stock';

/**
 * Voids a posted document: posts an exact reversal (a 'void' document dated now, pointing to the
 * original, with the negated movements) and marks the original 作废. Nothing else of the original
 * changes.
 */
export function voidDocument(tx: Tx, input: VoidInput, operatorId: number): { id: number; number: string } {
  const original = requireRow<DocumentRow>(tx.db, 'documents', input.documentId);
  if (original.type === 'void') fail('CANNOT_VOID', `${original.number} 是作废冲销单,不能再作废。`);
  if (original.state === 'voided') fail('ALREADY_VOIDED', `${original.number} 已经作废,不能重复作废。`);
  requireRow(tx.db, 'users', operatorId, true);
  const settings = readSettings(tx.db);
  const now = tx.clock.now();
  checkPostingTime(now, now, settings);

  const day = businessDate(now, settings.timeZone);
  const number = nextNumber(tx, 'void', day);
  const r = prepare(
    tx.db,
    `INSERT INTO documents (type, number, state, occurred_at, business_date, store_id, source_id, checkpoint_id,
       person_id, counterparty, operator_id, note, reverses_id, void_reason, created_at)
     VALUES ('void', ?, 'posted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    number, now.toISOString(), day, original.store_id, original.source_id, original.checkpoint_id, original.person_id,
    original.counterparty, operatorId, `作废 ${original.number}`, original.id, input.reason, now.toISOString(),
  );
  const voidId = Number(r.lastInsertRowid);

  const lines = prepare(tx.db, 'SELECT * FROM document_lines WHERE document_id = ? ORDER BY line_no').all(original.id) as {
    id: number;
    line_no: number;
  }[];
  const copyLine = prepare(
    tx.db,
    `INSERT INTO document_lines (document_id, line_no, item_id, batch_id, quantity, book_quantity, counted_quantity,
       unit_price, note, reason, override_reason)
     SELECT ?, line_no, item_id, batch_id, quantity, book_quantity, counted_quantity, unit_price, note, reason, override_reason
     FROM document_lines WHERE id = ?`,
  );
  const lineIds = new Map<number, number>();
  for (const l of lines) lineIds.set(l.id, Number(copyLine.run(voidId, l.id).lastInsertRowid));

  const movements = prepare(tx.db, 'SELECT * FROM movements WHERE document_id = ? ORDER BY id').all(original.id) as MovementRow[];
  for (const m of movements) {
    const item = requireRow<ItemRow>(tx.db, 'items', m.item_id);
    applyMovement(
      tx,
      {
        documentId: voidId, lineId: lineIds.get(m.line_id)!, kind: m.kind, occurredAt: now.toISOString(),
        itemId: m.item_id, batchId: m.batch_id, storeId: m.store_id, checkpointId: m.checkpoint_id,
        sourceId: m.source_id, delta: -m.delta,
      },
      item,
    );
  }
  if (original.type === 'loan' && original.checkpoint_id !== null) refuseNegativeLoans(tx, original);
  prepare(tx.db, "UPDATE documents SET state = 'voided', void_reason = ? WHERE id = ?").run(input.reason, original.id);
  return { id: voidId, number };
}

/** A loan whose goods have partly come back cannot be voided: the return would have nothing to match. */
function refuseNegativeLoans(tx: Tx, loan: DocumentRow): void {
  const negative = prepare(
    tx.db,
    `SELECT i.name FROM movements m JOIN items i ON i.id = m.item_id
     WHERE m.checkpoint_id = ? AND m.kind IN ('loan', 'loan_return')
     GROUP BY m.item_id, m.batch_id HAVING SUM(m.delta) > 0 LIMIT 1`,
  ).get(loan.checkpoint_id) as { name: string } | undefined;
  if (negative) fail('CANNOT_VOID', `${loan.number} 中的 ${negative.name} 已有归还记录,请先作废归还单。`);
}
