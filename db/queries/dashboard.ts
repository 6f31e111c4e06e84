import type { Database } from 'better-sqlite3';
import { readSettings } from '../reference/settings';
import { toDisplayNumber } from '../quantity';
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../schema';
import { all, first, qb } from '../sql';
import { coverOf, coverWindow, netIssues } from '../reports/cover';
import { addDays, businessDate } from '../time';
import { cutoffOf, officeDayOf } from '../reports/days';
import { consumption, type Consumption } from './consumption';

export interface Dashboard {
  /** The last seven office days, oldest first ("YYYY-MM-DD"); the last is today's (after the cutoff, tomorrow's). */
  days: string[];
  /** Issue slips per checkpoint and day (posted, not voided). */
  slipsPerCheckpoint: { checkpointId: number; name: string; slips: number[] }[];
  /** Days of cover: unexpired stock ÷ average daily net issue (reports/cover.ts); null when nothing was issued. */
  cover: { itemId: number; name: string; unit: string; quantity: number; dailyIssue: number; days: number | null }[];
  /** Today's issue slips by office day (after the cutoff counts towards tomorrow): posted and not voided. */
  today: { day: string; from: string; to: string; slips: number };
  /** 发放量: per office day, the goods most issued by slips that still stand (voided slips count nowhere), last 7 and 30 days. */
  consumption: { week: Consumption; month: Consumption };
  /** The start checklist of a new office: 单位信息 → 物资 → 点位与领取人 → 账户 → 期初库存. */
  setup: { office: boolean; items: boolean; places: boolean; accounts: boolean; opening: boolean };
}

function setupSteps(db: Database, officeName: string): Dashboard['setup'] {
  const has = (table: 'items' | 'checkpoints' | 'people' | 'movements') => !!first(db, qb.selectFrom(table).select('id').limit(1));
  // Accounts: a staff member besides the administrators can log in (the built-in operator has no password).
  const staff = first(db, qb.selectFrom('users').select('id').where('active', '=', 1).where('role', '!=', 'admin').where('password_hash', 'is not', null).limit(1));
  return { office: officeName.trim() !== '', items: has('items'), places: has('checkpoints') && has('people'), accounts: !!staff, opening: has('movements') };
}

export function dashboard(db: Database, now: Date): Dashboard {
  const settings = readSettings(db);
  const { timeZone } = settings;
  const officeDay = officeDayOf(now, settings);
  const dayFrom = cutoffOf(addDays(officeDay, -1), settings).toISOString();
  const dayTo = cutoffOf(officeDay, settings).toISOString();
  const today = businessDate(now, timeZone);
  // The week is seven office days ending today's: a slip after the cutoff counts towards the next day.
  const days = Array.from({ length: 7 }, (_, i) => addDays(officeDay, i - 6));
  const from = cutoffOf(addDays(days[0], -1), settings).toISOString();
  // The (type, time) index finds the week; each slip's office day decides its column.
  const slips = all(
    db,
    qb.selectFrom('documents as d').innerJoin('checkpoints as c', 'c.id', 'd.checkpoint_id')
      .select(['c.id', 'c.name', 'd.occurred_at as at'])
      .where('d.type', '=', 'issue').where('d.state', '=', 'posted').where('d.occurred_at', '>', from).where('d.occurred_at', '<=', dayTo),
  );
  const byCheckpoint = new Map<number, { checkpointId: number; name: string; slips: number[] }>();
  for (const s of slips) {
    let entry = byCheckpoint.get(s.id);
    if (!entry) byCheckpoint.set(s.id, (entry = { checkpointId: s.id, name: s.name, slips: days.map(() => 0) }));
    const column = days.indexOf(officeDayOf(new Date(s.at), settings));
    if (column >= 0) entry.slips[column]++;
  }
  // Days of cover as the daily report counts them (reports/cover.ts), at this instant.
  const window = coverWindow(db, now.toISOString());
  const issued = netIssues(db, window.from, now.toISOString());
  const onHand = (e: ExpressionBuilder<DB, 'items'>, unexpiredOnly: boolean) => {
    let q = e.selectFrom('stock as s').select((s) => s.fn.coalesce(s.fn.sum<number>('s.quantity'), s.lit(0)).as('q')).whereRef('s.item_id', '=', 'items.id');
    if (unexpiredOnly) q = q.where('s.expiry_key', '>=', today);
    return q;
  };
  const stock = all(
    db,
    qb.selectFrom('items')
      .select((e) => ['items.id', 'items.name', 'items.unit', 'items.decimals', onHand(e, false).as('stock'), onHand(e, true).as('unexpired')])
      .where('items.active', '=', 1).orderBy('items.code'),
  ).map((r) => ({ ...r, stock: Number(r.stock ?? 0), unexpired: Number(r.unexpired ?? 0) }));
  const cover = stock.map((r) => {
    const c = coverOf(r.unexpired, issued.get(r.id) ?? 0, window.days, r.decimals);
    return { itemId: r.id, name: r.name, unit: r.unit, quantity: toDisplayNumber(r.stock, r.decimals), dailyIssue: c.dailyIssue, days: c.coverDays };
  });
  return {
    days,
    slipsPerCheckpoint: [...byCheckpoint.values()].sort((a, b) => b.slips.reduce((x, y) => x + y) - a.slips.reduce((x, y) => x + y)),
    cover,
    // Today's standing slips are the week's last column: posted issue slips (a voided slip and its
    // reversal, a 'void' document, are not among them) after yesterday's cutoff.
    today: { day: officeDay, from: dayFrom, to: dayTo, slips: slips.filter((s) => s.at > dayFrom).length },
    consumption: consumption(db, now, settings),
    setup: setupSteps(db, settings.officeName),
  };
}
