import type { Database } from 'better-sqlite3';
import type { InferResult } from 'kysely';
import { first, prepare, qb } from '../sql';

/**
 * Days of cover (可保障天数), in one place for the daily report, the dashboard and the exports:
 * stock that has not expired ÷ the average daily net issue (issues less returns; a void nets out
 * its slip) over the days the rate can honestly be taken from — the seven days before the instant,
 * or fewer when the ledger is younger.
 */
const DAY_MS = 86_400_000;
export const COVER_WINDOW_DAYS = 7;

/** The window (from, at] of the rate and how many days it covers: whole days since the first movement, one at least, seven at most. */
export function coverWindow(db: Database, at: string): { from: string; days: number } {
  const end = Date.parse(at);
  const from = new Date(end - COVER_WINDOW_DAYS * DAY_MS).toISOString();
  const start = first(db, qb.selectFrom('movements').select((eb) => eb.fn.min<string | null>('occurred_at').as('start')))?.start ?? null;
  if (start === null || start <= from) return { from, days: COVER_WINDOW_DAYS };
  return { from, days: Math.min(COVER_WINDOW_DAYS, Math.max(1, Math.ceil((end - Date.parse(start)) / DAY_MS))) };
}

/** Net issues per item in (from, to]: one short seek per item in the (item, time) index, quicker than grouping the window's movements. */
export function netIssues(db: Database, from: string, to: string): Map<number, number> {
  const query = qb.selectFrom('items as i').select((eb) => [
    'i.id as k',
    eb
      .selectFrom('movements as m')
      .select((m) => m.neg(m.fn.sum<number | null>('m.delta')).as('q'))
      .whereRef('m.item_id', '=', 'i.id')
      .where('m.occurred_at', '>', from)
      .where('m.occurred_at', '<=', to)
      .where('m.kind', 'in', ['issue', 'return'])
      .as('q'),
  ]);
  // Rows as arrays (better-sqlite3's raw mode), turned straight into the map's entries.
  const c = query.compile();
  type Row = InferResult<typeof query>[number];
  const rows = prepare(db, c.sql).raw().all(...c.parameters) as [Row['k'], Row['q']][];
  return new Map(rows.filter((r): r is [number, number] => r[1] !== null));
}

export interface Cover {
  /** Average daily net issue in the item's unit, two decimals. */
  dailyIssue: number;
  /** Days the unexpired stock lasts at that rate, one decimal; null when nothing was issued (shown as —). */
  coverDays: number | null;
}

export function coverOf(unexpired: number, netIssued: number, days: number, decimals: number): Cover {
  const daily = netIssued > 0 ? netIssued / days : 0;
  return {
    dailyIssue: Math.round((daily / 10 ** decimals) * 100) / 100,
    coverDays: daily > 0 ? Math.round((Math.max(0, unexpired) / daily) * 10) / 10 : null,
  };
}
