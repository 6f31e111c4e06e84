import { officeStoreName } from '../reference/stores';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { stockCard, type StockCardRow, type stockCardInput } from '../queries/card';
import { readSettings } from '../reference/settings';
import type { DocType } from '../schema';
import { all, first, qb } from '../sql';
import { localDateTime, localParts } from '../time';

/**
 * The stock card (台账) as the printed page and the exported workbook show it: one item over one
 * period, with 期初结存, every movement (a voided document stays where it was, its reversal where the
 * void happened), 本期合计 and 期末结存. Quantities stay scaled integers here; the edges format them.
 */
export interface CardLine {
  /** UTC instant, and the same as office-local "YYYY-MM-DD HH:mm". */
  at: string;
  time: string;
  number: string;
  /** 摘要: what happened (发放 · 点位 · 领取人; 冲销 CK…), then the line's reason or note. */
  summary: string;
  batchNo: string;
  expiry: string;
  /**
   * Scaled base units; null where the movement goes the other way. A reversal is written in red ink
   * (红字冲销): in its original's column, negative, so 本期合计 counts what was really received and issued.
   */
  received: number | null;
  issued: number | null;
  balance: number;
  /** The original of a voided document, and a void's reversal. */
  voided: boolean;
  reversal: boolean;
  operator: string;
}

export interface CardView {
  officeName: string;
  timeZone: string;
  item: { code: string; name: string; spec: string; unit: string; categoryName: string; decimals: number; tracksBatches: boolean };
  storeName: string;
  /** "2026年11月1日—2026年11月30日"; the start as office-local time for the 期初结存 row ('' without one). */
  periodText: string;
  openingTime: string;
  opening: number;
  totalIn: number;
  totalOut: number;
  closing: number;
  lines: CardLine[];
  /** When the card was made, office-local. */
  madeAt: string;
}

/** What each kind of movement is called in 摘要 (a stocktake, a loss or a 移库 by its sign). */
const WORD: Record<DocType, (delta: number) => string> = {
  receipt: () => '入库',
  issue: () => '发放',
  return: () => '退库',
  loan: () => '借出',
  loan_return: () => '归还',
  stocktake: (d) => (d > 0 ? '盘盈' : '盘亏'),
  loss: () => '报损',
  transfer_out: () => '调出',
  move: (d) => (d > 0 ? '移入' : '移出'),
  void: () => '冲销',
};

const scaledOf = (n: number, decimals: number) => Math.round(n * 10 ** decimals);

/** The numbers of the documents these reversals void (the card row of a reversal knows only its own). */
function reversed(db: Database, voidIds: number[]): Map<number, string> {
  if (voidIds.length === 0) return new Map();
  const rows = all(db, qb.selectFrom('documents as d').innerJoin('documents as o', 'o.id', 'd.reverses_id').select(['d.id', 'o.number']).where('d.id', 'in', voidIds));
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** A reversal names the document it voids by its kind. */
const DOC_NAME: Record<DocType, string> = {
  receipt: '入库单', issue: '发放单', return: '退库单', loan: '借用单', loan_return: '归还单',
  stocktake: '盘点单', loss: '报损单', transfer_out: '调拨单', move: '移库单', void: '冲销单',
};

function summaryOf(r: StockCardRow, decimals: number, originals: Map<number, string>): string {
  if (r.documentType === 'void') {
    const head = [`冲销 ${originals.get(r.documentId) ?? ''}(${DOC_NAME[r.kind]}作废)`, r.counterparty].filter(Boolean).join(' · ');
    return [head, r.summary].filter(Boolean).join(';');
  }
  const head = [WORD[r.documentType](scaledOf(r.delta, decimals)), r.counterparty].filter(Boolean).join(' · ');
  const text = [head, r.summary].filter(Boolean).join(';');
  return r.voided ? `${text}(已作废)` : text;
}

/** "2026年11月1日", with the time when it is not midnight. */
function dayText(at: Date, timeZone: string, end: boolean): string {
  const p = localParts(end ? new Date(at.getTime() - 1) : at, timeZone);
  const date = `${p.year}年${p.month}月${p.day}日`;
  const exact = localParts(at, timeZone);
  if (exact.hour === 0 && exact.minute === 0 && exact.second === 0) return date;
  const hm = `${String(exact.hour).padStart(2, '0')}:${String(exact.minute).padStart(2, '0')}`;
  return `${exact.year}年${exact.month}月${exact.day}日 ${hm}`;
}

function periodText(from: string | null, to: string | null, now: Date, timeZone: string): string {
  const start = from ? dayText(new Date(from), timeZone, false) : '建账起';
  const end = to ? dayText(new Date(to), timeZone, true) : `${dayText(now, timeZone, false).replace(/ .*/, '')}(截至制表时)`;
  return `${start}—${end}`;
}

function storeNameOf(db: Database, storeId: number | undefined): string {
  if (storeId === undefined) return officeStoreName(db) ?? '全部库房';
  return first(db, qb.selectFrom('stores').select('name').where('id', '=', storeId))?.name ?? '';
}

/** The card of one item over [from, to), through the ledger's own stock card query. */
export function cardView(db: Database, input: z.infer<typeof stockCardInput>, now: Date): CardView {
  const card = stockCard(db, input);
  const settings = readSettings(db);
  const tz = settings.timeZone;
  const d = card.item.decimals;
  const originals = reversed(db, [...new Set(card.rows.filter((r) => r.documentType === 'void').map((r) => r.documentId))]);
  const lines = card.rows.map((r): CardLine => {
    const delta = scaledOf(r.delta, d);
    const reversal = r.documentType === 'void';
    const received = reversal ? (delta < 0 ? delta : null) : delta > 0 ? delta : null;
    const issued = reversal ? (delta > 0 ? -delta : null) : delta < 0 ? -delta : null;
    return {
      at: r.time,
      time: localDateTime(new Date(r.time), tz),
      number: r.number,
      summary: summaryOf(r, d, originals),
      batchNo: r.batchNo,
      expiry: r.expiryDate ?? '',
      received,
      issued,
      balance: scaledOf(r.balance, d),
      voided: r.voided,
      reversal,
      operator: r.operator,
    };
  });
  const i = card.item;
  return {
    officeName: settings.officeName,
    timeZone: tz,
    item: { code: i.code, name: i.name, spec: i.spec, unit: i.unit, categoryName: i.categoryName, decimals: d, tracksBatches: i.tracksBatches },
    storeName: storeNameOf(db, input.storeId),
    periodText: periodText(card.from, card.to, now, tz),
    openingTime: card.from ? localDateTime(new Date(card.from), tz) : '',
    opening: scaledOf(card.opening, d),
    totalIn: lines.reduce((sum, l) => sum + (l.received ?? 0), 0),
    totalOut: lines.reduce((sum, l) => sum + (l.issued ?? 0), 0),
    closing: scaledOf(card.closing, d),
    lines,
    madeAt: localDateTime(now, tz),
  };
}
