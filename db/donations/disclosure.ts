import type { Database } from 'better-sqlite3';
import { sql } from 'kysely';
import { z } from 'zod';
import { fail } from '../errors';
import { id, isoDate } from '../reference/common';
import { readSettings } from '../reference/settings';
import { all, qb } from '../sql';
import { addDays, businessDate, localDateTime, zonedInstant } from '../time';
import { batchLabel } from '../ledger/batches';

/** Which donations: those received on office days from–to (either may be left open), or one receipt. */
export const disclosureInput = z.strictObject({ from: isoDate.optional(), to: isoDate.optional(), documentId: id.optional() });
export type DisclosureInput = z.infer<typeof disclosureInput>;

/** What happened to donated goods after they came in, as the 公示表 lists it. */
export type UseKind = 'issue' | 'return' | 'loan' | 'loan_return' | 'loss' | 'stocktake' | 'transfer_out' | 'receipt';

/** One document's change to one donated batch (a void cancels the document it reverses: neither is listed). */
export interface DisclosureUse {
  documentId: number;
  number: string;
  /** Office-local "YYYY-MM-DD HH:mm". */
  time: string;
  kind: UseKind;
  /** The checkpoint (发放、退回、借用、归还), the receiving unit (调出), or '' (报损、盘点). */
  place: string;
  /** The stock change: negative when goods left the warehouse, positive when they came back. */
  delta: number;
  /** A loss's or a count difference's reason. */
  reason: string;
}

/** One donated batch: what came in and where it went. */
export interface DisclosureGoods {
  itemId: number;
  batchId: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  decimals: number;
  batchNo: string;
  expiryDate: string | null;
  received: number;
  /** Given out: issued, lent and transferred to another unit. */
  issued: number;
  /** Brought back: returned and lent goods given back. */
  returned: number;
  lost: number;
  /** Stocktake differences (盘盈 +, 盘亏 −). */
  adjusted: number;
  /** What of it the warehouse still holds (every store). */
  inStock: number;
  /** The batch also holds goods of another receipt (a donation booked before donated goods kept their own batches). */
  shared: boolean;
  uses: DisclosureUse[];
}

export interface DisclosureDonation {
  documentId: number;
  number: string;
  time: string;
  day: string;
  /** As published: 匿名 for an anonymous donor. */
  donor: string;
  anonymous: boolean;
  receiptNo: string;
  sourceName: string;
  goods: DisclosureGoods[];
}

export interface Disclosure {
  officeName: string;
  /** 监督电话 on the posted table. */
  officePhone: string;
  timeZone: string;
  /** "2026年11月1日—11月30日", or 全部. */
  periodText: string;
  /** Office-local "YYYY-MM-DD HH:mm": the ledger as it stands then. */
  asOf: string;
  donations: DisclosureDonation[];
}

export const ANONYMOUS = '匿名';

const dayText = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;

/** The donation receipts asked for (posted, not voided), oldest first, with the donor as published. */
function donationsOf(db: Database, input: DisclosureInput, tz: string) {
  let q = qb
    .selectFrom('documents as d')
    .innerJoin('sources as s', 's.id', 'd.source_id')
    .leftJoin('donations as g', 'g.document_id', 'd.id')
    .select(['d.id', 'd.number', 'd.occurred_at', 'd.business_date', 's.name as sourceName', 'g.donor', 'g.anonymous', 'g.receipt_no'])
    .where('d.type', '=', 'receipt')
    .where('d.state', '=', 'posted')
    .where('s.type', '=', 'donation');
  if (input.documentId) q = q.where('d.id', '=', input.documentId);
  if (input.from) q = q.where('d.occurred_at', '>=', zonedInstant(input.from, '00:00', tz).toISOString());
  if (input.to) q = q.where('d.occurred_at', '<', zonedInstant(addDays(input.to, 1), '00:00', tz).toISOString());
  return all(db, q.orderBy('d.occurred_at').orderBy('d.id'));
}

/** The donated batches of these receipts: per line, summed by batch. */
function goodsOf(db: Database, documentIds: number[]) {
  if (!documentIds.length) return [];
  return all(db, qb
    .selectFrom('document_lines as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .innerJoin('batches as b', 'b.id', 'l.batch_id')
    .select(['l.document_id', 'l.item_id', 'l.batch_id', 'i.code', 'i.name', 'i.spec', 'i.unit', 'i.decimals', 'i.tracks_batches', 'b.batch_no', 'b.expiry_date'])
    .select((e) => e.fn.sum<number>('l.quantity').as('received'))
    .select((e) => e.fn.min<number>('l.line_no').as('first_line'))
    .where('l.document_id', 'in', documentIds)
    .groupBy(['l.document_id', 'l.batch_id'])
    .orderBy('l.document_id').orderBy('first_line'));
}

/**
 * Every standing movement of these batches (its document posted and not a reversal: a voided document
 * and its void cancel, so neither counts), summed per document and batch. The per-item time index
 * finds them (movements_item_time, item_id = ?): the cost follows the donated items' movements,
 * never the ledger's (donation_trace_ms).
 */
function movesOf(db: Database, itemIds: number[], batchIds: number[]) {
  if (!batchIds.length) return [];
  return all(db, qb
    .selectFrom('movements as m')
    .innerJoin('documents as d', 'd.id', 'm.document_id')
    .innerJoin('document_lines as l', 'l.id', 'm.line_id')
    .leftJoin('checkpoints as c', 'c.id', 'm.checkpoint_id')
    .select(['m.batch_id', 'm.document_id', 'm.kind', 'd.number', 'd.occurred_at', 'd.counterparty', 'c.name as checkpoint'])
    .select((e) => [e.fn.sum<number>('m.delta').as('delta'), sql<string>`group_concat(DISTINCT nullif(${e.ref('l.reason')}, ''))`.as('reason')])
    .where('m.item_id', 'in', [...new Set(itemIds)])
    .where('m.batch_id', 'in', batchIds)
    .where('d.state', '=', 'posted')
    .where('d.type', '<>', 'void')
    .groupBy(['m.batch_id', 'm.document_id'])
    .orderBy('d.occurred_at').orderBy('m.document_id'));
}

const OUT: readonly UseKind[] = ['issue', 'loan', 'transfer_out'];
const BACK: readonly UseKind[] = ['return', 'loan_return'];

/** The 捐赠物资接收及使用情况公示表's data: per donation, what came in and where each batch went, as the ledger stands now. */
export function disclosure(db: Database, input: DisclosureInput, now: Date): Disclosure {
  if (input.from && input.to && input.from > input.to) fail('INVALID_INPUT', `起始日期 ${input.from} 晚于结束日期 ${input.to}。`);
  const settings = readSettings(db);
  const tz = settings.timeZone;
  const docs = donationsOf(db, input, tz);
  if (input.documentId && !docs.length) fail('NOT_FOUND', `单据 ${input.documentId} 不是有效的捐赠入库单(不存在、已作废或来源不是社会捐赠)。`);
  const goods = goodsOf(db, docs.map((d) => d.id));
  const moves = movesOf(db, goods.map((g) => g.item_id), goods.map((g) => g.batch_id));
  const byBatch = new Map<number, typeof moves>();
  for (const m of moves) {
    const list = byBatch.get(m.batch_id);
    if (list) list.push(m);
    else byBatch.set(m.batch_id, [m]);
  }
  const periodText = input.from || input.to ? `${input.from ? dayText(input.from) : ''}—${dayText(input.to ?? businessDate(now, tz))}` : '全部';
  return {
    officeName: settings.officeName,
    officePhone: settings.officePhone,
    timeZone: tz,
    periodText,
    asOf: localDateTime(now, tz),
    donations: docs.map((d) => ({
      documentId: d.id,
      number: d.number,
      time: localDateTime(new Date(d.occurred_at), tz),
      day: d.business_date,
      donor: d.anonymous === 1 ? ANONYMOUS : (d.donor ?? d.sourceName),
      anonymous: d.anonymous === 1,
      receiptNo: d.receipt_no ?? '',
      sourceName: d.sourceName,
      goods: goods.filter((g) => g.document_id === d.id).map((g) => goodsRow(g, byBatch.get(g.batch_id) ?? [], d.id, tz)),
    })),
  };
}

function goodsRow(g: ReturnType<typeof goodsOf>[number], moves: ReturnType<typeof movesOf>, documentId: number, tz: string): DisclosureGoods {
  const uses: DisclosureUse[] = moves
    .filter((m) => m.document_id !== documentId && m.delta !== 0)
    .map((m) => ({
      documentId: m.document_id, number: m.number, time: localDateTime(new Date(m.occurred_at), tz), kind: m.kind as UseKind,
      place: m.kind === 'transfer_out' ? m.counterparty : m.checkpoint ?? '', delta: m.delta, reason: m.reason ?? '',
    }));
  const total = (kinds: readonly UseKind[]) => uses.filter((u) => kinds.includes(u.kind)).reduce((s, u) => s + u.delta, 0);
  const other = total(['receipt']);
  return {
    itemId: g.item_id, batchId: g.batch_id, code: g.code, name: g.name, spec: g.spec, unit: g.unit, decimals: g.decimals,
    batchNo: batchLabel(g.batch_no, g.tracks_batches), expiryDate: g.expiry_date,
    received: g.received, issued: 0 - total(OUT), returned: total(BACK), lost: 0 - total(['loss']), adjusted: total(['stocktake']),
    inStock: moves.reduce((s, m) => s + m.delta, 0), shared: other !== 0, uses,
  };
}
