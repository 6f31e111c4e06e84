import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { backupFolder, createBackup, dailyDue, listBackups, type BackupResult } from '../backup/backup';
import { moveWithSidecars, removeWithSidecars } from '../backup/files';
import { checkFile, checkFileInWorker, NOT_A_LEDGER, removeTraces, shapeProblem, tracesBefore } from '../backup/check';
import type { Clock } from '../clock';
import { LedgerError, toLedgerError } from '../errors';
import { latestVersion, schemaVersion } from '../migrate';
import { damaged, LEDGER_FILE, openLedger, openReader, write, type Ledger, type Tx } from '../open';
import { isLarge } from './check';
import { holdFolder, type FolderLock } from './folder-lock';
import { Sessions } from './sessions';
import { appendAudit, auditDetail } from '../audit';
import { localOperatorId } from '../reference/catalog';
import { first, prepare, qb } from '../sql';

export interface HostOptions {
  clock?: Clock;
  /** Take the daily backup (checked hourly); off in tests. */
  dailyBackups?: boolean;
  /** An already open ledger to serve (tests, the bench): no start-up check. */
  ledger?: Ledger;
  /** Files bigger than this are checked in the background (tests make small files "large"). */
  syncCheckBytes?: number;
  /** What this program is, for the message a second program gets (see holdFolder). */
  program?: string;
}

/**
 * The running app's hold on its data folder: the open ledger (or why it could not be opened), the
 * login sessions, the start-up check, backups and restore. Both transports (Electron IPC, HTTP)
 * go through one host.
 */
export class LedgerHost {
  ledger: Ledger | null = null;
  /** Set when the file is damaged: nothing writes to it; only restore is offered. */
  damage: string | null = null;
  /**
   * True while a large file's integrity_check runs in a worker: reads are served from a read-only
   * connection, and nothing writes (not a login, not a migration) until the check has passed.
   */
  checking = false;
  /** While checking: the file's schema is older than this program's, so not even reads can be served yet. */
  stale = false;
  /** Settles when the start-up check has finished (at once for a small file). */
  checked: Promise<void> = Promise.resolve();
  readonly sessions: Sessions;
  private timer: NodeJS.Timeout | null = null;
  /** This process's hold on the data folder (none when handed an open ledger). */
  private readonly lock: FolderLock | null = null;
  /** How many rows this connection had changed when the last backup was taken (none: the file as opened). */
  private backedUpAt: { ledger: Ledger; changes: number } | null = null;
  /** The backup being written, awaited before the file is closed or swapped. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly options: HostOptions = {},
  ) {
    const clock = options.clock ?? options.ledger?.clock;
    this.sessions = new Sessions(() => (clock ? clock.now().getTime() : Date.now()));
    if (options.ledger) this.ledger = options.ledger;
    else {
      // First the folder, then the file: a second program stops here, having touched nothing.
      this.lock = holdFolder(dir, options.program ?? '物资保障台账');
      try {
        this.open();
      } catch (err) {
        this.lock.release();
        throw err;
      }
    }
    if (options.dailyBackups) {
      this.timer = setInterval(() => void this.dailyBackup(), 3600 * 1000);
      this.timer.unref();
      void this.dailyBackup();
    }
  }

  get file(): string {
    return join(this.dir, LEDGER_FILE);
  }

  private open(): void {
    if (existsSync(this.file)) {
      const shape = shapeProblem(this.file);
      if (shape) return this.markDamaged(shape);
      if (isLarge(this.file, this.options.syncCheckBytes)) return this.openWhileChecking();
      const { check } = checkFile(this.file);
      if (check !== 'ok' && check !== NOT_A_LEDGER) return this.markDamaged(check);
    }
    this.openWritable();
  }

  private openWritable(): void {
    const clock = this.options.clock ?? this.options.ledger?.clock;
    try {
      this.ledger = openLedger(this.dir, clock ? { clock } : {});
      this.damage = null;
    } catch (err) {
      const e = toLedgerError(err);
      if (e.code === 'LEDGER_DAMAGED') return this.markDamaged(e.message);
      throw err;
    }
  }

  /** A large file: read-only until its check passes, then opened for writing (migrations, if any, run then). */
  private openWhileChecking(): void {
    const clock = this.options.clock ?? this.options.ledger?.clock;
    const traces = tracesBefore(this.file);
    try {
      this.ledger = openReader(this.dir, clock);
      this.stale = schemaVersion(this.ledger.db) < latestVersion;
    } catch (err) {
      return this.markDamaged((err as Error).message);
    }
    this.checking = true;
    this.checked = checkFileInWorker(this.file).then(({ check }) => {
      this.ledger?.close();
      this.ledger = null;
      this.checking = false;
      this.stale = false;
      if (check === 'ok') return this.openWritable();
      // The read-only connection's -wal and -shm go too: a damaged file's folder is left as it was found.
      removeTraces(this.file, traces);
      this.markDamaged(check);
    });
  }

  private markDamaged(why: string): void {
    this.damage = why.startsWith('数据文件已损坏') ? why : damaged(this.file, why).message;
    this.sessions.clear();
  }

  /** The open ledger, or a plain-words refusal when there is none. */
  require(): Ledger {
    if (!this.ledger) throw new LedgerError('LEDGER_DAMAGED', this.damage ?? '数据文件未打开。');
    return this.ledger;
  }

  backup(reason: 'manual' | 'daily' | 'quit'): Promise<BackupResult> {
    const ledger = this.require();
    const changes = changesOf(ledger);
    const done = createBackup(ledger, reason).then((r) => ((this.backedUpAt = { ledger, changes }), r));
    this.running = done.catch(() => undefined);
    return done;
  }

  private async dailyBackup(): Promise<void> {
    const ledger = this.ledger;
    if (!ledger || this.checking || !dailyDue(this.dir, ledger.clock.now())) return;
    try {
      const r = await this.backup('daily');
      if (r.warning) console.warn(`[backup] ${r.warning}`);
    } catch (err) {
      console.error('[backup] 每日备份失败:', (err as Error).message);
    }
  }

  /**
   * Swaps a backup in: the chosen file is checked first; the current ledger is backed up (or, when
   * damaged, set aside under another name, never deleted); everyone is logged out; the app reopens
   * on the restored file, whose audit trail records the restore. If anything fails on the way, the
   * original file is put back and reopened: a failed restore never leaves the office without its ledger.
   */
  async restore(name: string, by?: { username: string }): Promise<{ restored: string; savedAs: string }> {
    const chosen = listBackups(this.dir).find((b) => b.name === name);
    if (!chosen) throw new LedgerError('NOT_FOUND', `备份“${name}”不存在。`);
    const source = join(backupFolder(this.dir), chosen.name);
    const { check, schemaVersion: version } = await checkFileInWorker(source);
    if (check !== 'ok') throw new LedgerError('BACKUP_FAILED', `所选备份未通过检查(${check}),未做任何更改。`);
    if (version > latestVersion) throw new LedgerError('DATABASE_TOO_NEW', '所选备份由更新版本的程序创建,请先升级程序。');
    // Staged first: the backup taken of the current file below may prune the oldest, the chosen one.
    const staged = `${this.file}.restoring`;
    copyFileSync(source, staged);
    await this.running;
    const wasDamaged = !this.ledger;
    let savedAs: string;
    try {
      savedAs = this.ledger ? (await createBackup(this.ledger, 'before-restore')).name : `${LEDGER_FILE}.damaged-${Date.now()}`;
    } catch (err) {
      removeWithSidecars(staged);
      throw err;
    }
    this.ledger?.close();
    this.ledger = null;
    this.sessions.clear();
    const aside = wasDamaged ? join(this.dir, savedAs) : `${this.file}.replaced-${Date.now()}`;
    moveWithSidecars(this.file, aside);
    try {
      renameSync(staged, this.file);
      this.open();
      const ledger = this.ledger as Ledger | null;
      if (!ledger) throw new Error(this.damage ?? '数据文件未打开');
      write(ledger, (tx) => appendAudit(tx, restorer(tx, by?.username), 'backups.restore', auditDetail({ name: chosen.name, savedAs })));
    } catch (err) {
      // Put the original back as it was, and open it again.
      (this.ledger as Ledger | null)?.close();
      this.ledger = null;
      removeWithSidecars(this.file);
      moveWithSidecars(aside, this.file);
      this.damage = null;
      this.open();
      throw new LedgerError('BACKUP_FAILED', `恢复未完成(${(err as Error).message}),已重新打开原来的数据文件,未做任何更改。`);
    }
    if (!wasDamaged) removeWithSidecars(aside);
    return { restored: chosen.name, savedAs };
  }

  /** Whether anything was written since the last backup (or since the file was opened, when none was taken). */
  private changedSinceBackup(): boolean {
    const ledger = this.require();
    const base = this.backedUpAt?.ledger === ledger ? this.backedUpAt.changes : 0;
    return changesOf(ledger) > base;
  }

  /** On quit: the closing backup (when something changed), then the file is closed. */
  async close(options: { backup?: boolean } = {}): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checked;
    await this.running;
    if (options.backup && this.ledger && !this.checking && this.changedSinceBackup()) {
      try {
        await this.backup('quit');
      } catch (err) {
        console.error('[backup] 退出时备份失败:', (err as Error).message);
      }
    }
    this.ledger?.close();
    this.ledger = null;
    this.lock?.release();
  }
}

/** Who restored, in the restored ledger's own users: the same username if it has one, else the local operator. */
function restorer(tx: Tx, username: string | undefined): number {
  const row = username ? first(tx.db, qb.selectFrom('users').select('id').where('username', '=', username)) : undefined;
  return row?.id ?? localOperatorId(tx.db);
}

/** Rows inserted, changed or deleted through the writing connection since it was opened. */
function changesOf(ledger: Ledger): number {
  return prepare(ledger.db, 'SELECT total_changes()').pluck().get() as number;
}
