import { mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerError } from '../errors';
import type { Ledger } from '../open';
import { readSettings } from '../reference/settings';
import { BACKUP_FOLDER, copyToSecond, finishBackup, listBackupFiles, type BackupInfo, type BackupReason } from './files';

export interface BackupResult extends BackupInfo {
  /** Set when the second folder could not take its copy; the backup itself succeeded. */
  warning: string | null;
}

export const backupFolder = (dir: string) => join(dir, BACKUP_FOLDER);

/**
 * A backup through SQLite's online backup API from the app's own connection (so documents posted
 * meanwhile are either wholly in it or not at all), written to a temporary file, checked with
 * quick_check, renamed into place; the newest 30 kept; a copy to the second folder if one is set.
 */
export async function createBackup(ledger: Ledger, reason: BackupReason): Promise<BackupResult> {
  const folder = backupFolder(ledger.dir);
  mkdirSync(folder, { recursive: true });
  const at = ledger.clock.now();
  const tmp = join(folder, `.partial-${process.pid}-${at.getTime()}.sqlite`);
  let info: BackupInfo;
  try {
    await ledger.db.backup(tmp);
    info = finishBackup(tmp, folder, at, reason);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* never written */
    }
    const full = (err as { code?: string }).code === 'SQLITE_FULL' || /ENOSPC/.test(String(err));
    throw new LedgerError('BACKUP_FAILED', full ? '磁盘空间不足,备份未完成。' : `备份未完成:${(err as Error).message}`);
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
  ledger.db.prepare('VACUUM INTO ?').run(tmp);
  return finishBackup(tmp, folder, at, 'before-migration');
}

export function listBackups(dir: string): BackupInfo[] {
  return listBackupFiles(backupFolder(dir));
}

/** True when no backup was taken in the last 24 hours (the daily one is due). */
export function dailyDue(dir: string, now: Date): boolean {
  const newest = listBackups(dir)[0];
  return !newest || now.getTime() - Date.parse(newest.at) >= 24 * 3600 * 1000;
}
