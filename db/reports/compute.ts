import type { Database } from 'better-sqlite3';
import { outstandingLoans } from '../queries/loans';
import { toDisplayNumber } from '../quantity';
import { readSettings } from '../reference/settings';
import type { SourceType } from '../schema';
import { prepare } from '../sql';
import { addDays, businessDate, localParts } from '../time';
import { reportLists } from './lists';
import type { DailyReport, Narrative, Period, ReportItem } from './types';

const EMPTY_NARRATIVE: Narrative = { work: '', problems: '', plans: '', filledBy: '', reviewedBy: '', phone: '' };
const DAY_MS = 86_400_000;

interface ItemMeta {
  id: number; code: string; name: string; spec: string; unit: string; decimals: number; min_stock: number;
  unit_price: number; category: string; sort: number;
}

/**
 * The report's numbers. Balances at an instant are computed backwards from the kept stock
 * (stock now − movements after the instant), so the cost follows the work since the cutoff and in
 * the period, never the length of the history.
 */
export function computeReport(db: Database, period: Period, partial: boolean, narrative: Narrative = EMPTY_NARRATIVE): DailyReport {
  const settings = readSettings(db);
  const tz = settings.timeZone;
  const items = prepare(
    db,
    `SELECT i.id, i.code, i.name, i.spec, i.unit, i.decimals, i.min_stock, i.unit_price, c.name AS category, c.sort
     FROM items i JOIN categories c ON c.id = i.category_id ORDER BY c.sort, i.code`,
  ).all() as ItemMeta[];
  const stockNow = sumBy(prepare(db, 'SELECT item_id AS k, SUM(quantity) AS q FROM stock GROUP BY item_id').all());
  const afterTo = sumBy(prepare(db, 'SELECT item_id AS k, SUM(delta) AS q FROM movements WHERE occurred_at > ? GROUP BY item_id').all(period.to));
  const inPeriod = prepare(
    db,
    `SELECT m.item_id AS item, m.kind, s.type AS sourceType, SUM(m.delta) AS q
     FROM movements m LEFT JOIN sources s ON s.id = m.source_id
     WHERE m.occurred_at > ? AND m.occurred_at <= ? GROUP BY m.item_id, m.kind, s.type`,
  ).all(period.from ?? '', period.to) as { item: number; kind: string; sourceType: SourceType | null; q: number }[];
  const weekFrom = new Date(Date.parse(period.to) - 7 * DAY_MS).toISOString();
  const week = sumBy(prepare(db, "SELECT item_id AS k, -SUM(delta) AS q FROM movements WHERE kind IN ('issue','return') AND occurred_at > ? AND occurred_at <= ? GROUP BY item_id").all(weekFrom, period.to));

  const cutoffDay = businessDate(new Date(period.to), tz);
  const soon = addDays(cutoffDay, settings.nearExpiryDays);
  const batchRows = batchesAt(db, period.to);
  const nearItems = new Set(batchRows.filter((b) => b.quantity > 0 && b.expiry !== null && b.expiry <= soon).map((b) => b.itemId));

  const flows = new Map<number, { receipts: Record<SourceType, number>; issued: number; adjusted: number; lent: number }>();
  for (const r of inPeriod) {
    let f = flows.get(r.item);
    if (!f) flows.set(r.item, (f = { receipts: { allocation: 0, purchase: 0, donation: 0, other: 0 }, issued: 0, adjusted: 0, lent: 0 }));
    if (r.kind === 'receipt') f.receipts[r.sourceType ?? 'other'] += r.q;
    else if (r.kind === 'issue' || r.kind === 'return') f.issued -= r.q;
    else if (r.kind === 'loss' || r.kind === 'stocktake') f.adjusted += r.q;
    else f.lent += r.q;
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
    const opening = closing - received + issued - adjusted - lent;
    const daily = (week.get(i.id) ?? 0) / 7;
    const show = (n: number) => toDisplayNumber(n, i.decimals);
    rows.push({
      itemId: i.id, code: i.code, name: i.name, spec: i.spec, unit: i.unit, category: i.category,
      opening: show(opening),
      receipts: { allocation: show(receipts.allocation), purchase: show(receipts.purchase), donation: show(receipts.donation), other: show(receipts.other) },
      received: show(received), issued: show(issued), adjusted: show(adjusted), lentOrTransferred: show(lent), closing: show(closing),
      dailyIssue: Math.round((daily / 10 ** i.decimals) * 100) / 100,
      coverDays: daily > 0 ? Math.round((closing / daily) * 10) / 10 : null,
      minStock: show(i.min_stock), belowMinimum: i.min_stock > 0 && closing < i.min_stock, nearExpiry: nearItems.has(i.id),
      unitPrice: i.unit_price, closingAmount: Math.round((closing * i.unit_price) / 10 ** i.decimals),
    });
  }
  const lists = reportLists(db, period, tz);
  const decimals = new Map(items.map((i) => [i.id, i.decimals]));
  return {
    officeName: settings.officeName,
    timeZone: tz,
    period,
    partial,
    periodText: periodText(period, tz),
    items: rows,
    checkpoints: lists.checkpoints(decimals),
    slips: lists.slips,
    receipts: lists.receipts,
    batches: batchRows
      .filter((b) => b.quantity > 0)
      .map((b) => ({
        item: b.item, spec: b.spec, unit: b.unit, category: b.category, batch: b.batch, production: b.production, expiry: b.expiry,
        quantity: toDisplayNumber(b.quantity, b.decimals), expired: b.expiry !== null && b.expiry < cutoffDay,
        nearExpiry: b.expiry !== null && b.expiry >= cutoffDay && b.expiry <= soon,
      })),
    loans: outstandingLoans(db).map((l) => ({ checkpoint: l.checkpointName, item: l.itemName, unit: l.unit, quantity: l.quantity, since: l.since })),
    narrative,
    submittedAt: null,
  };
}

function sumBy(rows: unknown[]): Map<number, number> {
  return new Map((rows as { k: number; q: number }[]).map((r) => [r.k, r.q]));
}

/** Stock per batch at an instant: kept stock minus what moved after it. */
function batchesAt(db: Database, at: string) {
  return prepare(
    db,
    `WITH after AS (SELECT batch_id, SUM(delta) AS q FROM movements WHERE occurred_at > ? GROUP BY batch_id),
          now AS (SELECT batch_id, SUM(quantity) AS q FROM stock GROUP BY batch_id)
     SELECT b.item_id AS itemId, i.name AS item, i.spec, i.unit, i.decimals, c.name AS category, b.batch_no AS batch,
            b.production_date AS production, b.expiry_date AS expiry, COALESCE(n.q, 0) - COALESCE(a.q, 0) AS quantity
     FROM batches b JOIN items i ON i.id = b.item_id JOIN categories c ON c.id = i.category_id
     LEFT JOIN now n ON n.batch_id = b.id LEFT JOIN after a ON a.batch_id = b.id
     WHERE n.q IS NOT NULL OR a.q IS NOT NULL
     ORDER BY c.sort, i.code, b.expiry_date IS NULL, b.expiry_date, b.id`,
  ).all(at) as { itemId: number; item: string; spec: string; unit: string; decimals: number; category: string; batch: string; production: string | null; expiry: string | null; quantity: number }[];
}

/** "2026年11月27日15:00—11月28日15:00" (the first period: "建账—11月28日15:00"). */
export function periodText(period: Period, tz: string): string {
  const fmt = (iso: string, withYear: boolean) => {
    const p = localParts(new Date(iso), tz);
    const hm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
    return `${withYear ? `${p.year}年` : ''}${p.month}月${p.day}日${hm}`;
  };
  return period.from ? `${fmt(period.from, true)}—${fmt(period.to, false)}` : `建账起—${fmt(period.to, true)}`;
}
