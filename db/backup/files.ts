import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Why a backup was taken; part of its file name. */
export type BackupReason = 'manual' | 'daily' | 'quit' | 'before-restore' | 'before-migration';
export const KEEP = 30;
export const BACKUP_FOLDER = 'backups';

export interface BackupInfo {
  name: string;
  /** ISO UTC. */
  at: string;
  reason: BackupReason;
  size: number;
  /** `ok`, or what quick_check said. */
  check: string;
  schemaVersion: number;
}

const PATTERN = /^ledger-(\d{8}T\d{6}\d{3}Z)-([a-z-]+)\.sqlite$/;

export function backupName(at: Date, reason: BackupReason): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `ledger-${stamp}-${reason}.sqlite`;
}

/**
 * `PRAGMA quick_check` on a file opened read-only (never written): `ok` or the first problems, in
 * plain words when the file is not a database at all.
 */
export function checkFile(file: string): { check: string; schemaVersion: number } {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
    const check = rows.map((r) => r.quick_check).join('; ');
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get();
    const version = hasTable ? ((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0) : 0;
    return { check: check === 'ok' && !hasTable ? '不是台账数据文件' : check, schemaVersion: version };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'SQLITE_NOTADB' ? '文件不是有效的数据库(文件头已损坏)' : code === 'SQLITE_CORRUPT' ? '数据库结构已损坏' : String((err as Error).message);
    return { check: why, schemaVersion: 0 };
  } finally {
    db?.close();
  }
}

/** Checks a freshly written temporary copy, then renames it into place with a small JSON note beside it. */
export function finishBackup(tmp: string, folder: string, at: Date, reason: BackupReason): BackupInfo {
  const fd = openSync(tmp, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  const { check, schemaVersion } = checkFile(tmp);
  if (check !== 'ok') {
    unlinkSync(tmp);
    throw new Error(`备份文件检查未通过:${check}`);
  }
  const name = backupName(at, reason);
  renameSync(tmp, join(folder, name));
  const info: BackupInfo = { name, at: at.toISOString(), reason, size: statSync(join(folder, name)).size, check, schemaVersion };
  writeFileSync(join(folder, `${name}.json`), JSON.stringify(info));
  prune(folder);
  return info;
}

/** Backups in a folder, newest first. */
export function listBackupFiles(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  const list: BackupInfo[] = [];
  for (const file of readdirSync(folder)) {
    const m = PATTERN.exec(file);
    if (!m) continue;
    let info: BackupInfo;
    try {
      info = JSON.parse(readFileSync(join(folder, `${file}.json`), 'utf8')) as BackupInfo;
    } catch {
      // A backup put here by hand (from a USB drive): checked once, and its note written.
      const s = m[1];
      const at = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
      info = { name: file, at, reason: m[2] as BackupReason, size: statSync(join(folder, file)).size, ...checkFile(join(folder, file)) };
      try {
        writeFileSync(join(folder, `${file}.json`), JSON.stringify(info));
      } catch {
        /* a read-only folder: checked again next time */
      }
    }
    list.push({ ...info, name: file });
  }
  return list.sort((a, b) => b.at.localeCompare(a.at) || b.name.localeCompare(a.name));
}

/** Keeps the newest KEEP backups (and their notes). */
export function prune(folder: string, keep = KEEP): void {
  for (const old of listBackupFiles(folder).slice(keep)) {
    for (const f of [old.name, `${old.name}.json`]) {
      try {
        unlinkSync(join(folder, f));
      } catch {
        /* already gone */
      }
    }
  }
}

/** Copies a finished backup to the second folder; says why not instead of failing. */
export function copyToSecond(folder: string, info: BackupInfo, second: string): string | null {
  if (!second) return null;
  if (!existsSync(second)) return `第二备份位置“${second}”不可用(U 盘未插入?),本次只保存在本机。`;
  try {
    copyFileSync(join(folder, info.name), join(second, `${info.name}.tmp`));
    renameSync(join(second, `${info.name}.tmp`), join(second, info.name));
    writeFileSync(join(second, `${info.name}.json`), JSON.stringify(info));
    prune(second);
    return null;
  } catch (err) {
    return `复制到第二备份位置失败:${(err as Error).message}`;
  }
}
