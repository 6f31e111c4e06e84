import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { backupBeforeMigration } from './backup/backup';
import { shapeProblem } from './backup/check';
import { systemClock, type Clock } from './clock';
import { LedgerError } from './errors';
import { migrate, pendingMigrations, schemaVersion } from './migrate';
import { migrations as shipped, type Migration } from './migrations';

export const LEDGER_FILE = 'ledger.sqlite';

/**
 * Bytes per database page. A posted slip changes a few rows in ~30 b-tree pages, and every changed
 * page is written whole to the WAL and synced: with 2 KiB pages a commit writes about half the bytes
 * it would with SQLite's default 4 KiB (measured in docs/performance.md), while range reads stay as fast.
 */
export const PAGE_SIZE = 2048;

/**
 * The ledger as a query sees it: a read-only connection (SQLite refuses any write on it) and the
 * clock. `write()` does not take one, so a query cannot open a transaction.
 */
export interface ReadLedger {
  readonly db: Database.Database;
  readonly clock: Clock;
  readonly dir: string;
  readonly file: string;
}

/** An open ledger: the one connection that writes, a read-only one for queries, and the clock that says "now". */
export interface Ledger extends ReadLedger {
  /** The read-only connection queries and jobs read through. */
  readonly reader: ReadLedger;
  close(): void;
}

declare const writable: unique symbol;
/** A ledger inside a write transaction. Only `write()` hands these out, so the types say who may write. */
export type Tx = Ledger & { readonly [writable]: true };

export interface OpenOptions {
  clock?: Clock;
  /** Milliseconds to wait for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** The migration list; only tests pass another one (a "next release"). */
  migrations?: readonly Migration[];
}

/**
 * The one way in: creates the data folder if needed, opens `ledger.sqlite` with WAL,
 * synchronous=FULL, foreign keys and a busy timeout, backs the file up before migrating it, and
 * runs pending migrations. Electron, the HTTP server, the demo, the bench and the tests all use it.
 */
export function openLedger(dir: string, options: OpenOptions = {}): Ledger {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LEDGER_FILE);
  const existed = existsSync(file);
  if (existed) assertLooksLikeDatabase(file);
  const db = new Database(file);
  try {
    // Reading the schema before anything writes: a damaged file fails here, untouched.
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // Only an empty file takes a page size directly; one with data is rewritten below, after its backup.
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const clock = options.clock ?? systemClock;
    const list = options.migrations ?? shipped;
    const pending = pendingMigrations(db, list);
    const resize = db.pragma('page_size', { simple: true }) !== PAGE_SIZE;
    if (existed && (pending.length > 0 || resize) && schemaVersion(db) > 0) backupBeforeMigration({ db, dir, clock });
    if (resize) resizePages(db, file);
    migrate(db, () => clock.now(), list);
    return withReader({ db, clock, dir, file });
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw damaged(file, '数据库结构已损坏');
    throw err;
  }
}

/**
 * Rewrites a ledger made with another page size (an older release) once, with VACUUM, which SQLite
 * does atomically through a rollback journal. It needs the file to itself and room for a copy; when
 * either is missing the ledger simply keeps its pages (slower commits, nothing else) and tries again
 * at the next start.
 */
function resizePages(db: Database.Database, file: string): void {
  try {
    // Leaving WAL needs the file to itself: SQLite refuses at once (SQLITE_BUSY) while another program has it open.
    db.pragma('journal_mode = DELETE');
    db.pragma(`page_size = ${PAGE_SIZE}`);
    console.info(`[ledger] 正在一次性重排数据文件的页面(已先备份),大文件需要几秒钟:${file}`);
    db.exec('VACUUM');
  } catch (err) {
    const why = (err as { code?: string }).code === 'SQLITE_BUSY' ? '文件正被另一个程序使用' : (err as Error).message;
    console.warn(`[ledger] 数据文件的页面暂未重排(${why}),下次启动时再试:${file}`);
  } finally {
    db.pragma('journal_mode = WAL');
  }
}

/** A new ledger is made only where no file exists: an empty, foreign or cut-off file is damaged. */
function assertLooksLikeDatabase(file: string): void {
  const problem = shapeProblem(file);
  if (problem) throw damaged(file, problem);
}

/**
 * The ledger read-only, as it is: no pragma that writes, no migration, no page rewrite. Served while
 * a large file's start-up check runs; every write is refused until the check has passed.
 */
export function openReader(dir: string, clock: Clock = systemClock): Ledger {
  const file = join(dir, LEDGER_FILE);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const view = { db, clock, dir, file };
  return { ...view, reader: view, close: () => db.close() };
}

/** The writing connection with its read-only companion, opened once migrations are done. */
function withReader(view: ReadLedger): Ledger {
  const rdb = new Database(view.file, { readonly: true, fileMustExist: true });
  rdb.pragma('busy_timeout = 5000');
  const reader: ReadLedger = { db: rdb, clock: view.clock, dir: view.dir, file: view.file };
  return {
    ...view,
    reader,
    close: () => {
      rdb.close();
      view.db.close();
    },
  };
}

export function damaged(file: string, why: string): LedgerError {
  return new LedgerError('LEDGER_DAMAGED', `数据文件已损坏(${why}),程序不会写入或覆盖它:${file}。请从备份恢复。`);
}

/** Runs `fn` in one immediate transaction: all of it is written, or none of it. */
export function write<T>(ledger: Ledger, fn: (tx: Tx) => T): T {
  return transactionOf(ledger.db).immediate(() => fn(ledger as Tx)) as T;
}

const transactions = new WeakMap<Database.Database, Database.Transaction<(body: () => unknown) => unknown>>();

/** One transaction function per connection, taking the body as its argument: making one per write costs every posting. */
function transactionOf(db: Database.Database) {
  let run = transactions.get(db);
  if (!run) {
    run = db.transaction((body: () => unknown) => body());
    transactions.set(db, run);
  }
  return run;
}
