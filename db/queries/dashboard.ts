import type { Database } from 'better-sqlite3';
import { readSettings } from '../reference/settings';
import { toDisplayNumber } from '../quantity';
import { prepare } from '../sql';
import { coverOf, coverWindow, netIssues } from '../reports/cover';
import { addDays, businessDate, zonedInstant } from '../time';

export interface Dashboard {
  /** The last seven office days, oldest first ("YYYY-MM-DD"). */
  days: string[];
  /** Issue slips per checkpoint and day (posted, not voided). */
  slipsPerCheckpoint: { checkpointId: number; name: string; slips: number[] }[];
  /** Days of cover: unexpired stock ÷ average daily net issue (reports/cover.ts); null when nothing was issued. */
  cover: { itemId: number; name: string; unit: string; quantity: number; dailyIssue: number; days: number | null }[];
}

export function dashboard(db: Database, now: Date): Dashboard {
  const { timeZone } = readSettings(db);
  const today = businessDate(now, timeZone);
  const days = Array.from({ length: 7 }, (_, i) => addDays(today, i - 6));
  const from = zonedInstant(days[0], '00:00', timeZone).toISOString();
  // The time bound lets the (type, time) index find the week; the office day decides the column.
  const slips = prepare(
    db,
    `SELECT d.checkpoint_id AS id, c.name, d.business_date AS day, COUNT(*) AS n
     FROM documents d JOIN checkpoints c ON c.id = d.checkpoint_id
     WHERE d.type = 'issue' AND d.state = 'posted' AND d.occurred_at >= ? AND d.business_date >= ?
     GROUP BY d.checkpoint_id, d.business_date`,
  ).all(from, days[0]) as { id: number; name: string; day: string; n: number }[];
  const byCheckpoint = new Map<number, { checkpointId: number; name: string; slips: number[] }>();
  for (const s of slips) {
    let entry = byCheckpoint.get(s.id);
    if (!entry) byCheckpoint.set(s.id, (entry = { checkpointId: s.id, name: s.name, slips: days.map(() => 0) }));
    entry.slips[days.indexOf(s.day)] = s.n;
  }
  // Days of cover as the daily report counts them (reports/cover.ts), at this instant.
  const window = coverWindow(db, now.toISOString());
  const issued = netIssues(db, window.from, now.toISOString());
  const stock = prepare(
    db,
    `SELECT i.id, i.name, i.unit, i.decimals,
            (SELECT COALESCE(SUM(quantity), 0) FROM stock s WHERE s.item_id = i.id) AS stock,
            (SELECT COALESCE(SUM(quantity), 0) FROM stock s WHERE s.item_id = i.id AND s.expiry_key >= ?) AS unexpired
     FROM items i WHERE i.active = 1 ORDER BY i.code`,
  ).all(today) as { id: number; name: string; unit: string; decimals: number; stock: number; unexpired: number }[];
  const cover = stock.map((r) => {
    const c = coverOf(r.unexpired, issued.get(r.id) ?? 0, window.days, r.decimals);
    return { itemId: r.id, name: r.name, unit: r.unit, quantity: toDisplayNumber(r.stock, r.decimals), dailyIssue: c.dailyIssue, days: c.coverDays };
  });
  return {
    days,
    slipsPerCheckpoint: [...byCheckpoint.values()].sort((a, b) => b.slips.reduce((x, y) => x + y) - a.slips.reduce((x, y) => x + y)),
    cover,
  };
}
