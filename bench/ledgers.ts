import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { latestVersion } from '../db/migrate';
import { LEDGER_FILE, openLedger, PAGE_SIZE, type Ledger } from '../db/open';
import { addDays, zonedInstant } from '../db/time';
import { GENERATOR_VERSION, generateLedger } from './generate';

export const CACHE = resolve(__dirname, 'cache');
/** The generated history ends on this office day at 18:00; the benchmarked report is its 15:00 period. */
export const LAST_DAY = '2026-11-27';
export const HISTORY_END = zonedInstant(LAST_DAY, '18:00', 'Asia/Shanghai');
export const REPORT_PERIOD = {
  from: zonedInstant(addDays(LAST_DAY, -1), '15:00', 'Asia/Shanghai').toISOString(),
  to: zonedInstant(LAST_DAY, '15:00', 'Asia/Shanghai').toISOString(),
};

/** A cached generated ledger of about `movements` movements (made once, reused between runs). */
export function cachedLedgerFile(movements: number): string {
  const dir = join(CACHE, `ledger-${movements}`);
  const file = join(dir, LEDGER_FILE);
  if (existsSync(file)) {
    const db = new Database(file, { readonly: true });
    const tag = (db.prepare("SELECT value FROM settings WHERE key = 'bench_generator'").get() as { value: string } | undefined)?.value;
    const version = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;
    const pageSize = db.pragma('page_size', { simple: true });
    db.close();
    // A cache from an older schema or page size would be rewritten (and backed up) on every open: made again instead.
    if (tag === `${GENERATOR_VERSION}:${movements}` && version === latestVersion && pageSize === PAGE_SIZE) return file;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  generateLedger(dir, movements, HISTORY_END).close();
  console.error(`  generated ${movements.toLocaleString()} movements in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

/** A private copy to measure on, so that writes never touch the cache. */
export function copyOf(file: string): Ledger {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  copyFileSync(file, join(dir, LEDGER_FILE));
  return openLedger(dir);
}
