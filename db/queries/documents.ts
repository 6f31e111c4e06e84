import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import { BATCH_LABEL_SQL } from '../ledger/batches';
import { POSTABLE_TYPES } from '../ledger/input';
import { id, instant, text } from '../reference/common';
import { toDisplayNumber } from '../quantity';
import type { DocState, DocType } from '../schema';
import { jsonRows, prepare } from '../sql';

export const docListInput = z
  .strictObject({
    type: z.enum([...POSTABLE_TYPES, 'void']).optional(),
    from: instant.optional(),
    to: instant.optional(),
    checkpointId: id.optional(),
    personId: id.optional(),
    itemId: id.optional(),
    number: text(30).optional(),
    state: z.enum(['posted', 'voided']).optional(),
    limit: z.number().int().min(1).max(5000).optional(),
    offset: z.number().int().min(0).max(1e9).optional(),
  })
  .optional();

export interface DocSummary {
  id: number;
  type: DocType;
  number: string;
  state: DocState;
  time: string;
  businessDate: string;
  storeName: string;
  sourceId: number | null;
  checkpointId: number | null;
  personId: number | null;
  sourceName: string | null;
  checkpointName: string | null;
  personName: string | null;
  personPhone: string | null;
  counterparty: string;
  operatorName: string;
  note: string;
  lineCount: number;
  reversesId: number | null;
  reversesNumber: string | null;
  voidedById: number | null;
  voidedByNumber: string | null;
  voidReason: string | null;
}

const SUMMARY = `
  SELECT d.id, d.type, d.number, d.state, d.occurred_at AS time, d.business_date AS businessDate,
         st.name AS storeName, d.source_id AS sourceId, d.checkpoint_id AS checkpointId, d.person_id AS personId, s.name AS sourceName, cp.name AS checkpointName, p.name AS personName,
         p.phone AS personPhone, d.counterparty, u.display_name AS operatorName, d.note,
         (SELECT COUNT(*) FROM document_lines l WHERE l.document_id = d.id) AS lineCount,
         d.reverses_id AS reversesId, o.number AS reversesNumber,
         (SELECT v.id FROM documents v WHERE v.reverses_id = d.id) AS voidedById,
         (SELECT v.number FROM documents v WHERE v.reverses_id = d.id) AS voidedByNumber,
         d.void_reason AS voidReason
  FROM documents d
  JOIN stores st ON st.id = d.store_id
  JOIN users u ON u.id = d.operator_id
  LEFT JOIN sources s ON s.id = d.source_id
  LEFT JOIN checkpoints cp ON cp.id = d.checkpoint_id
  LEFT JOIN people p ON p.id = d.person_id
  LEFT JOIN documents o ON o.id = d.reverses_id`;
// The reversal is looked up by a correlated subquery on the unique reverses_id index: as a join,
// the planner may scan every document when statistics say the column is mostly empty.

/** Documents, newest first, filtered by type, time range, checkpoint, person, item, number or state. */
export function listDocuments(db: Database, input: z.infer<typeof docListInput> = {}): { total: number; rows: DocSummary[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (input?.type) add('d.type = ?', input.type);
  if (input?.from) add('d.occurred_at >= ?', new Date(input.from).toISOString());
  if (input?.to) add('d.occurred_at < ?', new Date(input.to).toISOString());
  if (input?.checkpointId) add('d.checkpoint_id = ?', input.checkpointId);
  if (input?.personId) add('d.person_id = ?', input.personId);
  // Documents that moved the item (from the per-item movement index), and stocktakes that counted
  // it without a difference (those lines move nothing).
  if (input?.itemId) {
    add(
      `d.id IN (SELECT m.document_id FROM movements m WHERE m.item_id = ?
                UNION SELECT l.document_id FROM documents s JOIN document_lines l ON l.document_id = s.id WHERE s.type = 'stocktake' AND l.item_id = ?)`,
      input.itemId,
      input.itemId,
    );
  }
  if (input?.number) add("d.number LIKE ? ESCAPE '\\'", `%${input.number.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  // The state as a literal (it is one of two words), so that the partial index of voided documents applies.
  if (input?.state) add(input.state === 'voided' ? "d.state = 'voided'" : "d.state = 'posted'");
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (prepare(db, `SELECT COUNT(*) AS n FROM documents d ${clause}`).get(...params) as { n: number }).n;
  const rows = prepare(db, `${SUMMARY} ${clause} ORDER BY d.occurred_at DESC, d.id DESC LIMIT ? OFFSET ?`).all(
    ...params,
    input?.limit ?? 200,
    input?.offset ?? 0,
  ) as DocSummary[];
  return { total, rows };
}

export interface DocLineView {
  lineNo: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  decimals: number;
  batchId: number;
  batchNo: string;
  productionDate: string | null;
  expiryDate: string | null;
  quantity: number;
  bookQuantity: number | null;
  countedQuantity: number | null;
  unitPrice: number;
  note: string;
  reason: string;
  overrideReason: string;
}

export function getDocument(db: Database, documentId: number): DocSummary & { lines: DocLineView[] } {
  const doc = prepare(db, `${SUMMARY} WHERE d.id = ?`).get(documentId) as DocSummary | undefined;
  if (!doc) fail('NOT_FOUND', `单据(编号 ${documentId})不存在。`);
  // The lines as one JSON text (see jsonRows): a slip is read back after every posting.
  type Line = [
    lineNo: number, itemId: number, code: string, name: string, spec: string, unit: string, decimals: number, batchId: number,
    batchNo: string, production: string | null, expiry: string | null, quantity: number, book: number | null, counted: number | null,
    unitPrice: number, note: string, reason: string, override: string,
  ];
  const raw = jsonRows<Line>(
    db,
    `l.line_no, l.item_id, i.code, i.name, i.spec, i.unit, i.decimals, l.batch_id, ${BATCH_LABEL_SQL()}, b.production_date,
     b.expiry_date, l.quantity, l.book_quantity, l.counted_quantity, l.unit_price, l.note, l.reason, l.override_reason`,
    'FROM document_lines l JOIN items i ON i.id = l.item_id JOIN batches b ON b.id = l.batch_id WHERE l.document_id = ?',
    'l.line_no',
    documentId,
  );
  const show = (n: number | null, d: number) => (n === null ? null : toDisplayNumber(n, d));
  const lines = raw.map(([lineNo, itemId, itemCode, itemName, spec, unit, decimals, batchId, batchNo, productionDate, expiryDate, quantity, book, counted, unitPrice, note, reason, overrideReason]) => ({
    lineNo, itemId, itemCode, itemName, spec, unit, decimals, batchId, batchNo, productionDate, expiryDate,
    quantity: toDisplayNumber(quantity, decimals), bookQuantity: show(book, decimals), countedQuantity: show(counted, decimals),
    unitPrice, note, reason, overrideReason,
  }));
  return { ...doc, lines };
}
