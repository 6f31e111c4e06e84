import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import { BATCH_LABEL_SQL } from '../ledger/batches';
import { POSTABLE_TYPES } from '../ledger/input';
import { id, instant, text } from '../reference/common';
import { toDisplayNumber } from '../quantity';
import type { DocState, DocType } from '../schema';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../schema';
import { all, first, jsonRows, prepare, qb, sqlOf } from '../sql';

// SQL written by hand on a measured hot path: a slip read back after every posting (post_slip_ms); figures in docs/performance.md.

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
    /** By time: newest first unless told (the 单据 screen's sortable 时间 header). */
    order: z.enum(['asc', 'desc']).optional(),
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
  /** A loan's promised return day, '' when none (and on every other type). */
  expectedReturn: string;
  /** 移库: the store the goods went to; null on every other type. */
  toStoreName: string | null;
}

/** A document with its names: the columns of DocSummary. */
function summaries() {
  return qb
    .selectFrom('documents as d')
    .innerJoin('stores as st', 'st.id', 'd.store_id')
    .innerJoin('users as u', 'u.id', 'd.operator_id')
    .leftJoin('sources as s', 's.id', 'd.source_id')
    .leftJoin('checkpoints as cp', 'cp.id', 'd.checkpoint_id')
    .leftJoin('people as p', 'p.id', 'd.person_id')
    .leftJoin('documents as o', 'o.id', 'd.reverses_id')
    .select((e) => [
      'd.id', 'd.type', 'd.number', 'd.state', 'd.occurred_at as time', 'd.business_date as businessDate',
      'st.name as storeName', 'd.source_id as sourceId', 'd.checkpoint_id as checkpointId', 'd.person_id as personId',
      's.name as sourceName', 'cp.name as checkpointName', 'p.name as personName', 'p.phone as personPhone',
      'd.counterparty', 'u.display_name as operatorName', 'd.note',
      e.selectFrom('document_lines as l').select((l) => l.fn.countAll<number>().as('n')).whereRef('l.document_id', '=', 'd.id').as('lineCount'),
      'd.reverses_id as reversesId', 'o.number as reversesNumber',
      // The reversal by a correlated subquery on the unique reverses_id index: as a join, the
      // planner may scan every document when statistics say the column is mostly empty.
      e.selectFrom('documents as v').select('v.id').whereRef('v.reverses_id', '=', 'd.id').as('voidedById'),
      e.selectFrom('documents as v').select('v.number').whereRef('v.reverses_id', '=', 'd.id').as('voidedByNumber'),
      'd.void_reason as voidReason', 'd.expected_return as expectedReturn',
      e.selectFrom('stores as ts').select('ts.name').whereRef('ts.id', '=', 'd.to_store_id').as('toStoreName'),
    ]);
}

/**
 * One document's summary, compiled once and run with the id as its only parameter: a slip is read
 * back after every posting (post_slip_ms in docs/performance.md), and building the query costs more
 * than running it.
 */
const SUMMARY_BY_ID = sqlOf(summaries().where('d.id', '=', 0));

type WithD = DB & { d: DB['documents'] };

/** Documents, newest first (or oldest first), filtered by type, time range, checkpoint, person, item, number or state. */
export function listDocuments(db: Database, input: z.infer<typeof docListInput> = {}): { total: number; rows: DocSummary[] } {
  const where = (eb: ExpressionBuilder<WithD, 'd'>) => {
    const c: Expression<SqlBool>[] = [];
    if (input?.type) c.push(eb('d.type', '=', input.type));
    if (input?.from) c.push(eb('d.occurred_at', '>=', new Date(input.from).toISOString()));
    if (input?.to) c.push(eb('d.occurred_at', '<', new Date(input.to).toISOString()));
    if (input?.checkpointId) c.push(eb('d.checkpoint_id', '=', input.checkpointId));
    if (input?.personId) c.push(eb('d.person_id', '=', input.personId));
    // Documents that moved the item (from the per-item movement index), and stocktakes that counted
    // it without a difference (those lines move nothing).
    const itemId = input?.itemId;
    if (itemId) {
      c.push(eb('d.id', 'in', eb.selectFrom('movements as m').select('m.document_id').where('m.item_id', '=', itemId)
        .union(eb.selectFrom('documents as t').innerJoin('document_lines as l', 'l.document_id', 't.id').select('l.document_id').where('t.type', '=', 'stocktake').where('l.item_id', '=', itemId))));
    }
    if (input?.number) c.push(sql<SqlBool>`d.number LIKE ${`%${input.number.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`} ESCAPE '\\'`);
    // The state as a literal (it is one of two words), so that the partial index of voided documents applies.
    if (input?.state) c.push(eb('d.state', '=', sql.lit(input.state)));
    return eb.and(c);
  };
  const total = first(db, qb.selectFrom('documents as d').where(where).select((e) => e.fn.countAll<number>().as('n')))!.n;
  const rows = all(db, summaries().where(where).orderBy('d.occurred_at', input?.order ?? 'desc').orderBy('d.id', input?.order ?? 'desc').limit(input?.limit ?? 200).offset(input?.offset ?? 0));
  return { total, rows: rows as DocSummary[] };
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
  /** What the clerk typed when it named a pack unit ("2盒10只"), '' otherwise. */
  entered: string;
}

export function getDocument(db: Database, documentId: number): DocSummary & { lines: DocLineView[] } {
  const doc = prepare(db, SUMMARY_BY_ID).get(documentId) as DocSummary | undefined;
  if (!doc) fail('NOT_FOUND', `单据(编号 ${documentId})不存在。`);
  // The lines as one JSON text (see jsonRows): a slip is read back after every posting.
  type Line = [
    lineNo: number, itemId: number, code: string, name: string, spec: string, unit: string, decimals: number, batchId: number,
    batchNo: string, production: string | null, expiry: string | null, quantity: number, book: number | null, counted: number | null,
    unitPrice: number, note: string, reason: string, override: string, entered: string,
  ];
  const raw = jsonRows<Line>(
    db,
    `l.line_no, l.item_id, i.code, i.name, i.spec, i.unit, i.decimals, l.batch_id, ${BATCH_LABEL_SQL()}, b.production_date,
     b.expiry_date, l.quantity, l.book_quantity, l.counted_quantity, l.unit_price, l.note, l.reason, l.override_reason, l.entered`,
    'FROM document_lines l JOIN items i ON i.id = l.item_id JOIN batches b ON b.id = l.batch_id WHERE l.document_id = ?',
    'l.line_no',
    documentId,
  );
  const show = (n: number | null, d: number) => (n === null ? null : toDisplayNumber(n, d));
  const lines = raw.map(([lineNo, itemId, itemCode, itemName, spec, unit, decimals, batchId, batchNo, productionDate, expiryDate, quantity, book, counted, unitPrice, note, reason, overrideReason, entered]) => ({
    lineNo, itemId, itemCode, itemName, spec, unit, decimals, batchId, batchNo, productionDate, expiryDate,
    quantity: toDisplayNumber(quantity, decimals), bookQuantity: show(book, decimals), countedQuantity: show(counted, decimals),
    unitPrice, note, reason, overrideReason, entered,
  }));
  return { ...doc, lines };
}
