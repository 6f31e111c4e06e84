import type { Database } from 'better-sqlite3';
import { readSettings } from '../reference/settings';
import { all, qb } from '../sql';
import { officeDayOf } from '../reports/days';
import { addDays, businessDate, zonedInstant } from '../time';
import { listSubUnits } from './units';

/*
 * 报送情况: for each unit and day, whether its report has come — on time (its first package of the
 * day submitted by the units' deadline), late (迟报), not yet due (today before the deadline), or
 * missing (未报) — and the 催报 list of those still owing today's, with their contact phones.
 */

export type CellState = 'ontime' | 'late' | 'missing' | 'pending' | 'notOwed';

export interface MatrixCell {
  day: string;
  state: CellState;
  /** The first package's submission (what on time is judged by) and the current one's kind. */
  firstSubmittedAt: string | null;
  kind: 'daily' | 'supplement' | 'correction' | null;
  /** How many packages came for the day (a resubmission makes two). */
  packages: number;
}

export interface DayMatrix {
  days: string[];
  today: string;
  deadline: string;
  units: { id: number; code: string; name: string; contact: string; phone: string; cells: MatrixCell[] }[];
  /** Units that have not reported for `today`, with whether the deadline has passed. */
  chase: { id: number; code: string; name: string; contact: string; phone: string; overdue: boolean }[];
}

/** One pass over the range's packages: the first submission, how many, and the current one's kind, per unit and day. */
function packagesByDay(db: Database, from: string, to: string) {
  return all(db, qb.selectFrom('unit_packages as p')
    .select((eb) => [
      'p.unit_id', 'p.day', eb.fn.min<string>('p.submitted_at').as('first'), eb.fn.countAll<number>().as('n'),
      eb.selectFrom('unit_packages as c').select('c.kind').whereRef('c.unit_id', '=', 'p.unit_id').whereRef('c.day', '=', 'p.day').where('c.replaced_by', 'is', null).as('kind'),
    ])
    .where('p.day', '>=', from).where('p.day', '<=', to).groupBy(['p.unit_id', 'p.day']));
}

export function dayMatrix(db: Database, now: Date, days = 7): DayMatrix {
  const settings = readSettings(db);
  const zone = settings.timeZone;
  const today = businessDate(now, zone);
  // After the deadline the units already work on the next day's report (sent early, it shows there).
  const last = officeDayOf(now, { cutoffTime: settings.unitDeadline, timeZone: zone });
  const range = Array.from({ length: days }, (_, i) => addDays(last, i - days + 1));
  const got = new Map(packagesByDay(db, range[0], last).map((r) => [`${r.unit_id}|${r.day}`, r]));
  const dueAt = (day: string) => zonedInstant(day, settings.unitDeadline, zone).toISOString();
  const created = new Map(all(db, qb.selectFrom('sub_units').select(['id', 'created_at'])).map((r) => [r.id, r.created_at]));
  const units = listSubUnits(db).filter((u) => u.active).map((u) => ({
    id: u.id, code: u.code, name: u.name, contact: u.contact, phone: u.phone,
    cells: range.map((day): MatrixCell => {
      const r = got.get(`${u.id}|${day}`);
      if (r) return { day, state: r.first <= dueAt(day) ? 'ontime' : 'late', firstSubmittedAt: r.first, kind: r.kind, packages: r.n };
      // A day whose deadline passed before the unit was registered is not owed to this office.
      const state: CellState = dueAt(day) < created.get(u.id)! ? 'notOwed' : now.toISOString() <= dueAt(day) ? 'pending' : 'missing';
      return { day, state, firstSubmittedAt: null, kind: null, packages: 0 };
    }),
  }));
  const todayAt = range.indexOf(today);
  const chase = units.filter((u) => todayAt >= 0 && u.cells[todayAt].packages === 0)
    .map(({ id, code, name, contact, phone }) => ({ id, code, name, contact, phone, overdue: now.toISOString() > dueAt(today) }));
  return { days: range, today, deadline: settings.unitDeadline, units, chase };
}
