import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { backupFolder, createBackup, dailyDue, listBackups, type BackupResult } from '../backup/backup';
import { checkFile } from '../backup/files';
import type { Clock } from '../clock';
import { LedgerError, toLedgerError } from '../errors';
import { latestVersion } from '../migrate';
import { damaged, LEDGER_FILE, openLedger, type Ledger } from '../open';
import { checkInWorker, isLarge } from './check';
import { Sessions } from './sessions';

export interface HostOptions {
  clock?: Clock;
  /** Take the daily backup (checked hourly); off in tests. */
  dailyBackups?: boolean;
  /** An already open ledger to serve (tests, the bench): no start-up check. */
  ledger?: Ledger;
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
  /** True while a large file's quick_check runs in a worker: reads are served, writes wait. */
  checking = false;
  readonly sessions: Sessions;
  private timer: NodeJS.Timeout | null = null;
  /** The backup being written, awaited before the file is closed or swapped. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly options: HostOptions = {},
  ) {
    const clock = options.clock ?? options.ledger?.clock;
    this.sessions = new Sessions(() => (clock ? clock.now().getTime() : Date.now()));
    if (options.ledger) this.ledger = options.ledger;
    else this.open();
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
    const clock = this.options.clock ?? this.options.ledger?.clock;
    const existed = existsSync(this.file);
    if (existed && !isLarge(this.file)) {
      const { check } = checkFile(this.file);
      if (check !== 'ok' && check !== '不是台账数据文件') return this.markDamaged(check);
    }
    try {
      this.ledger = openLedger(this.dir, clock ? { clock } : {});
      this.damage = null;
    } catch (err) {
      const e = toLedgerError(err);
      if (e.code === 'LEDGER_DAMAGED') return this.markDamaged(e.message);
      throw err;
    }
    if (existed && isLarge(this.file)) {
      this.checking = true;
      void checkInWorker(this.file).then((check) => {
        this.checking = false;
        if (check !== 'ok') {
          this.ledger?.close();
          this.ledger = null;
          this.markDamaged(check);
        }
      });
    }
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
    const done = createBackup(this.require(), reason);
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
   * damaged, set aside under another name, never deleted); everyone is logged out; the app reopens.
   */
  async restore(name: string): Promise<{ restored: string; savedAs: string }> {
    const chosen = listBackups(this.dir).find((b) => b.name === name);
    if (!chosen) throw new LedgerError('NOT_FOUND', `备份“${name}”不存在。`);
    const source = join(backupFolder(this.dir), chosen.name);
    const { check, schemaVersion } = checkFile(source);
    if (check !== 'ok') throw new LedgerError('BACKUP_FAILED', `所选备份未通过检查(${check}),未做任何更改。`);
    if (schemaVersion > latestVersion) throw new LedgerError('DATABASE_TOO_NEW', '所选备份由更新版本的程序创建,请先升级程序。');
    // Staged first: the backup taken of the current file below may prune the oldest, the chosen one.
    const staged = `${this.file}.restoring`;
    copyFileSync(source, staged);
    await this.running;
    let savedAs: string;
    if (this.ledger) {
      savedAs = (await createBackup(this.ledger, 'before-restore')).name;
      this.ledger.close();
      this.ledger = null;
    } else {
      savedAs = `${LEDGER_FILE}.damaged-${Date.now()}`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(this.file + suffix)) renameSync(this.file + suffix, join(this.dir, savedAs + suffix));
      }
    }
    this.sessions.clear();
    for (const suffix of ['-wal', '-shm']) if (existsSync(this.file + suffix)) renameSync(this.file + suffix, `${staged}.old${suffix}`);
    renameSync(staged, this.file);
    this.open();
    return { restored: chosen.name, savedAs };
  }

  /** On quit: the closing backup, then the file is closed. */
  async close(options: { backup?: boolean } = {}): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    if (options.backup && this.ledger && !this.checking) {
      try {
        await this.backup('quit');
      } catch (err) {
        console.error('[backup] 退出时备份失败:', (err as Error).message);
      }
    }
    this.ledger?.close();
    this.ledger = null;
  }
}
