import type { Database } from 'better-sqlite3';
import { officeDayOf } from '../reports/days';
import { settingsFrom } from '../reference/settings';

/**
 * A daily report belongs to an office day (its period ends at that day's cutoff, or earlier when sent
 * before it); a second report of the same day is a 补报 (after an early one) or a 更正, with a reason.
 * Reports made before this carry the day their cutoff falls in.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE daily_reports ADD COLUMN report_date TEXT;
    ALTER TABLE daily_reports ADD COLUMN kind TEXT NOT NULL DEFAULT 'daily' CHECK (kind IN ('daily','supplement','correction'));
    ALTER TABLE daily_reports ADD COLUMN reason TEXT;
    ALTER TABLE daily_reports ADD COLUMN partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1));
    CREATE INDEX daily_reports_date ON daily_reports(report_date);
  `);
  const settings = settingsFrom(Object.fromEntries((db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]).map((r) => [r.key, r.value])));
  const set = db.prepare('UPDATE daily_reports SET report_date = ?, partial = ? WHERE id = ?');
  for (const r of db.prepare('SELECT id, period_to, snapshot FROM daily_reports').all() as { id: number; period_to: string; snapshot: string }[]) {
    const partial = (JSON.parse(r.snapshot) as { partial?: boolean }).partial ? 1 : 0;
    set.run(officeDayOf(new Date(r.period_to), settings), partial, r.id);
  }
}
