import type { Database } from 'better-sqlite3';
import { outstandingLoans } from '../queries/loans';
import { toDisplayNumber } from '../quantity';
import { readSettings } from '../reference/settings';
import type { SourceType } from '../schema';
import { inReadTransaction, jsonRows } from '../sql';
import { addDays, businessDate, localParts } from '../time';
import { batchLabel } from '../ledger/batches';
import { isExpired } from '../ledger/stock';
import { coverOf, coverWindow, netIssues } from './cover';
import { reportLists } from './lists';
import type { DailyReport, Narrative, Period, ReportItem } from './types';

// SQL written by hand on a measured hot path: the report numbers over the period (daily_report_ms); figures in docs/performance.md.

const EMPTY_NARRATIVE: Narrative = { work: '', problems: '', plans: '', filledBy: '', reviewedBy: '', phone: '' };

export interface ItemMeta {
  id: number; code: string; name: string; spec: string; unit: string; decimals: number; min_stock: number;
  unit_price: number; category: string; sort: number; tracks_batches: number;
}

/** The sources by id: name and type. */
export type Sources = Map<number, { name: string; type: SourceType }>;

/** A movement of the period: item, kind, source, checkpoint, signed quantity. */
export type PeriodMovement = [item: number, kind: string, sourceId: number | null, checkpointId: number | null, delta: number];

/**
 * The report's numbers. Balances at an instant are computed backwards from the kept stock
 * (stock now − movements after the instant), so the cost follows the work since the cutoff and in
 * the period, never the length of the history.
 */
export function computeReport(db: Database, period: Period, partial: boolean, narrative: Narrative = EMPTY_NARRATIVE): DailyReport {
  return inReadTransaction(db, () => compute(db, period, partial, narrative));
}

function compute(db: Database, period: Period, partial: boolean, narrative: Narrative): DailyReport {
  const settings = readSettings(db);
  const tz = settings.timeZone;
  type ItemRow = [number, string, string, string, string, number, number, number, string, number, number];
  const items: ItemMeta[] = jsonRows<ItemRow>(
    db,
    'i.id, i.code, i.name, i.spec, i.unit, i.decimals, i.min_stock, i.unit_price, c.name, c.sort, i.tracks_batches',
    'FROM items i JOIN categories c ON c.id = i.category_id',
    'c.sort, i.code',
  ).map(([id, code, name, spec, unit, decimals, min_stock, unit_price, category, sort, tracks_batches]) => ({ id, code, name, spec, unit, decimals, min_stock, unit_price, category, sort, tracks_batches }));
  // Balances held now; emptied batches keep a zero row, which the partial index leaves out.
  const stockNow = sums(db, 'SELECT item_id AS k, SUM(quantity) AS q FROM stock WHERE quantity > 0 GROUP BY item_id');
  // The time index, named: without statistics (the app never runs ANALYZE) the planner would rather
  // walk the whole (item, time) index to group by item without sorting — 120 ms at 1M movements.
  const afterTo = sums(db, 'SELECT item_id AS k, SUM(delta) AS q FROM movements INDEXED BY movements_time WHERE occurred_at > ? GROUP BY item_id', period.to);
  // Every movement of the period, read once: the item flows below and the checkpoint table use it.
  const moved = jsonRows<PeriodMovement>(
    db,
    'item_id, kind, source_id, checkpoint_id, delta',
    'FROM movements WHERE occurred_at > ? AND occurred_at <= ?',
    null,
    period.from ?? '',
    period.to,
  );
  const sources: Sources = new Map(jsonRows<[number, string, SourceType]>(db, 'id, name, type', 'FROM sources', null).map(([id, name, type]) => [id, { name, type }]));
  // The rate of issue for days of cover: the days before the period by one short seek per item,
  // the period itself from the movements read above.
  const window = coverWindow(db, period.to);
  const periodInWindow = period.from !== null && period.from >= window.from;
  const week = netIssues(db, window.from, periodInWindow ? period.from! : period.to);
  if (periodInWindow) for (const [item, kind, , , q] of moved) if (kind === 'issue' || kind === 'return') week.set(item, (week.get(item) ?? 0) - q);

  const cutoffDay = businessDate(new Date(period.to), tz);
  const soon = addDays(cutoffDay, settings.nearExpiryDays);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const batchRows = batchesAt(db, period.to, itemById);
  const nearItems = new Set(batchRows.filter((b) => b.quantity > 0 && b.expiry !== null && b.expiry <= soon).map((b) => b.itemId));
  // Expired stock covers nobody.
  const unexpired = new Map<number, number>();
  for (const b of batchRows) if (!isExpired(b.expiry, cutoffDay)) unexpired.set(b.itemId, (unexpired.get(b.itemId) ?? 0) + b.quantity);

  // Movements are signed as stock moves; what leaves the warehouse (出库, 借出, 调出) is counted positive.
  const flows = new Map<number, { receipts: Record<SourceType, number>; issued: number; adjusted: number; lent: number; transferredOut: number }>();
  for (const [item, kind, sourceId, , q] of moved) {
    let f = flows.get(item);
    if (!f) flows.set(item, (f = { receipts: { allocation: 0, purchase: 0, donation: 0, other: 0 }, issued: 0, adjusted: 0, lent: 0, transferredOut: 0 }));
    if (kind === 'receipt') f.receipts[(sourceId !== null && sources.get(sourceId)?.type) || 'other'] += q;
    else if (kind === 'issue' || kind === 'return') f.issued -= q;
    else if (kind === 'loss' || kind === 'stocktake') f.adjusted += q;
    else if (kind === 'loan' || kind === 'loan_return') f.lent -= q;
    else if (kind === 'transfer_out') f.transferredOut -= q;
    // 移库 moves goods between the office's own stores: the office's totals do not change.
    else if (kind === 'move') continue;
    // A reversal carries its original's kind: no other kind moves stock.
    else throw new Error(`movement of unknown kind ${kind}`);
  }
  const rows: ReportItem[] = [];
  for (const i of items) {
    const f = flows.get(i.id);
    const closing = (stockNow.get(i.id) ?? 0) - (afterTo.get(i.id) ?? 0);
    if (!f && closing === 0) continue;
    const receipts = f?.receipts ?? { allocation: 0, purchase: 0, donation: 0, other: 0 };
    const received = receipts.allocation + receipts.purchase + receipts.donation + receipts.other;
    const issued = f?.issued ?? 0;
    const adjusted = f?.adjusted ?? 0;
    const lent = f?.lent ?? 0;
    const transferredOut = f?.transferredOut ?? 0;
    const opening = closing - received + issued - adjusted + lent + transferredOut;
    const cover = coverOf(unexpired.get(i.id) ?? 0, week.get(i.id) ?? 0, window.days, i.decimals);
    const show = (n: number) => toDisplayNumber(n, i.decimals);
    rows.push({
      itemId: i.id, code: i.code, name: i.name, spec: i.spec, unit: i.unit, category: i.category,
      opening: show(opening),
      receipts: { allocation: show(receipts.allocation), purchase: show(receipts.purchase), donation: show(receipts.donation), other: show(receipts.other) },
      received: show(received), issued: show(issued), adjusted: show(adjusted),
      lent: show(lent), transferredOut: show(transferredOut), closing: show(closing),
      dailyIssue: cover.dailyIssue, coverDays: cover.coverDays,
      minStock: show(i.min_stock), belowMinimum: i.min_stock > 0 && closing < i.min_stock, nearExpiry: nearItems.has(i.id),
      unitPrice: i.unit_price, closingAmount: Math.round((closing * i.unit_price) / 10 ** i.decimals),
    });
  }
  const lists = reportLists(db, period, tz, { items: itemById, sources }, moved);
  return {
    officeName: settings.officeName,
    timeZone: tz,
    period,
    partial,
    periodText: periodText(period, tz),
    items: rows,
    checkpoints: lists.checkpoints,
    slips: lists.slips,
    receipts: lists.receipts,
    batches: batchRows
      .filter((b) => b.quantity > 0)
      .map((b) => ({
        item: b.item, spec: b.spec, unit: b.unit, category: b.category, batch: b.batch, production: b.production, expiry: b.expiry,
        quantity: toDisplayNumber(b.quantity, b.decimals), expired: b.expiry !== null && b.expiry < cutoffDay,
        nearExpiry: b.expiry !== null && b.expiry >= cutoffDay && b.expiry <= soon,
      })),
    loans: outstandingLoans(db, {}, period.to).map((l) => ({ checkpoint: l.checkpointName, item: l.itemName, unit: l.unit, quantity: l.quantity, since: l.since })),
    narrative,
    submittedAt: null,
  };
}

/** Sums keyed by id from a query answering `k` (an id) and `q` (its sum). */
function sums(db: Database, query: string, ...params: unknown[]): Map<number, number> {
  return new Map(jsonRows<[number, number]>(db, 'k, q', `FROM (${query})`, null, ...params));
}

/**
 * Batches holding stock at an instant: kept stock minus what moved after it, merged here; then the
 * details of just those batches. The cost follows the batches in stock, not every batch ever received.
 */
function batchesAt(db: Database, at: string, items: Map<number, ItemMeta>) {
  type Row = [batch: number, quantity: number, item: number, batchNo: string, production: string | null, expiry: string | null];
  const byBatch = new Map<number, Row>();
  // This list is as long as the batches in stock: read as one JSON text.
  for (const r of jsonRows<Row>(db, 's.batch_id, s.quantity, b.item_id, b.batch_no, b.production_date, b.expiry_date', 'FROM stock s JOIN batches b ON b.id = s.batch_id WHERE s.quantity > 0', null)) {
    const seen = byBatch.get(r[0]);
    if (seen) seen[1] += r[1];
    else byBatch.set(r[0], r);
  }
  const after = sums(db, 'SELECT batch_id AS k, SUM(delta) AS q FROM movements INDEXED BY movements_time WHERE occurred_at > ? GROUP BY batch_id', at);
  const gone = [...after.keys()].filter((b) => !byBatch.has(b));
  if (gone.length) {
    // Batches emptied since the instant: not in stock any more, but they held stock then.
    const rows = jsonRows<Row>(db, 'id, 0, item_id, batch_no, production_date, expiry_date', 'FROM batches WHERE id IN (SELECT value FROM json_each(?))', null, JSON.stringify(gone));
    for (const r of rows) byBatch.set(r[0], r);
  }
  for (const [b, q] of after) byBatch.get(b)![1] -= q;
  const rows = [...byBatch.values()]
    .filter((r) => r[1] > 0)
    .map(([id, quantity, itemId, batch, production, expiry]) => {
      const i = items.get(itemId)!;
      return { itemId, item: i.name, spec: i.spec, unit: i.unit, decimals: i.decimals, category: i.category, sort: i.sort, code: i.code, id, batch: batchLabel(batch, i.tracks_batches), production, expiry, quantity };
    });
  // As the sheet lists them: by category, item code, then first-expiry-first (no expiry last).
  return rows.sort((a, b) =>
    a.sort - b.sort || cmp(a.code, b.code) || Number(a.expiry === null) - Number(b.expiry === null) || cmp(a.expiry ?? '', b.expiry ?? '') || a.id - b.id,
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** "2026年11月27日15:00—2026年11月28日15:00", every date with its year (the first period: "建账起—2026年11月28日15:00"). */
export function periodText(period: Period, tz: string): string {
  const fmt = (iso: string, withYear: boolean) => {
    const p = localParts(new Date(iso), tz);
    const hm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
    return `${withYear ? `${p.year}年` : ''}${p.month}月${p.day}日${hm}`;
  };
  return period.from ? `${fmt(period.from, true)}—${fmt(period.to, true)}` : `建账起—${fmt(period.to, true)}`;
}
