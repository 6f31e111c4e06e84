import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerError } from '../errors';
import type { Ledger, ReadLedger } from '../open';
import { readSettings } from '../reference/settings';
import { checkFile, checkFileInWorker } from './check';
import { BACKUP_FOLDER, copyToSecond, listBackupFiles, placeBackup, removeWithSidecars, settleCopy, type BackupInfo, type BackupReason } from './files';

export interface BackupResult extends BackupInfo {
  /** Set when the second folder could not take its copy; the backup itself succeeded. */
  warning: string | null;
}

export const backupFolder = (dir: string) => join(dir, BACKUP_FOLDER);

/**
 * A backup through SQLite's online backup API from the app's own connection (so documents posted
 * meanwhile are either wholly in it or not at all), written to a temporary file, checked with
 * integrity_check in a worker, renamed into place; pruned (see prune); a copy to the second folder if one is set.
 */
export async function createBackup(ledger: ReadLedger, reason: BackupReason): Promise<BackupResult> {
  const folder = backupFolder(ledger.dir);
  mkdirSync(folder, { recursive: true });
  const at = ledger.clock.now();
  const tmp = join(folder, `.partial-${process.pid}-${at.getTime()}.sqlite`);
  removeLeftovers(folder);
  writing.add(tmp);
  let info: BackupInfo;
  try {
    await ledger.db.backup(tmp);
    settleCopy(tmp);
    info = placeBackup(tmp, folder, at, reason, await checkFileInWorker(tmp));
  } catch (err) {
    removeWithSidecars(tmp);
    const full = (err as { code?: string }).code === 'SQLITE_FULL' || /ENOSPC/.test(String(err));
    throw new LedgerError('BACKUP_FAILED', full ? '磁盘空间不足,备份未完成。' : `备份未完成:${(err as Error).message}`);
  } finally {
    writing.delete(tmp);
  }
  const warning = copyToSecond(folder, info, readSettings(ledger.db).backupSecondDir);
  return { ...info, warning };
}

/** The same, synchronously with VACUUM INTO: for the moment before a migration, inside openLedger. */
export function backupBeforeMigration(ledger: Pick<Ledger, 'db' | 'dir' | 'clock'>): BackupInfo {
  const folder = backupFolder(ledger.dir);
  mkdirSync(folder, { recursive: true });
  const at = ledger.clock.now();
  const tmp = join(folder, `.partial-${process.pid}-${at.getTime()}.sqlite`);
  removeLeftovers(folder);
  try {
    ledger.db.prepare('VACUUM INTO ?').run(tmp);
    settleCopy(tmp);
    return placeBackup(tmp, folder, at, 'before-migration', checkFile(tmp));
  } catch (err) {
    removeWithSidecars(tmp);
    throw err;
  }
}

/** Temporary copies being written by this process; any other `.partial-…` file is a crash's leftover. */
const writing = new Set<string>();

/** Removes what an interrupted backup left behind (the data folder has one owner, so nobody else is writing them). */
export function removeLeftovers(folder: string): void {
  if (!existsSync(folder)) return;
  for (const f of readdirSync(folder)) {
    if (!f.startsWith('.partial-')) continue;
    const base = join(folder, f.replace(/-(wal|shm|journal)$/, ''));
    if (!writing.has(base)) removeWithSidecars(join(folder, f));
  }
}

export function listBackups(dir: string): BackupInfo[] {
  return listBackupFiles(backupFolder(dir));
}

/** True when no backup was taken in the last 24 hours (the daily one is due). */
export function dailyDue(dir: string, now: Date): boolean {
  const newest = listBackups(dir)[0];
  return !newest || now.getTime() - Date.parse(newest.at) >= 24 * 3600 * 1000;
}
