import Database from 'better-sqlite3';
import { checkFile, type FileCheck } from './check';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Why a backup was taken; part of its file name. */
export type BackupReason = 'manual' | 'daily' | 'quit' | 'before-restore' | 'before-migration';
/** Manual and closing backups kept, each; daily ones are kept for DAILY_DAYS. */
export const KEEP = 30;
export const DAILY_DAYS = 30;
export const BACKUP_FOLDER = 'backups';

export interface BackupInfo {
  name: string;
  /** ISO UTC. */
  at: string;
  reason: BackupReason;
  size: number;
  /** `ok`, or what integrity_check found (已损坏:… for a backup damaged after it was written). */
  check: string;
  schemaVersion: number;
}

const PATTERN = /^ledger-(\d{8}T\d{6}\d{3}Z)-([a-z-]+)\.sqlite$/;

export function backupName(at: Date, reason: BackupReason): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `ledger-${stamp}-${reason}.sqlite`;
}

/**
 * Makes a freshly written temporary copy stand alone: synced to disk and in rollback-journal mode, so
 * that checking or listing it later never leaves `-wal` and `-shm` files beside it.
 */
export function settleCopy(tmp: string): void {
  const db = new Database(tmp, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  const fd = openSync(tmp, 'r+');
  fsyncSync(fd);
  closeSync(fd);
}

/** Renames a checked temporary copy into place with a small JSON note beside it, then prunes. */
export function placeBackup(tmp: string, folder: string, at: Date, reason: BackupReason, checked: FileCheck): BackupInfo {
  if (checked.check !== 'ok') {
    unlinkSync(tmp);
    throw new Error(`备份文件检查未通过:${checked.check}`);
  }
  const name = backupName(at, reason);
  renameSync(tmp, join(folder, name));
  const info: BackupInfo = { name, at: at.toISOString(), reason, size: statSync(join(folder, name)).size, ...checked };
  writeNote(folder, info);
  prune(folder, at);
  return info;
}

/** The note beside a backup: what was found, and the file's size and time then (a change means a re-check). */
function writeNote(folder: string, info: BackupInfo): void {
  const st = statSync(join(folder, info.name));
  const note: Note = { ...info, stamp: stampOf(st) };
  writeFileSync(join(folder, `${info.name}.json`), JSON.stringify(note));
}

type Note = BackupInfo & { stamp?: string };
const stampOf = (st: { size: number; mtimeMs: number }) => `${st.size}:${st.mtimeMs}`;

/** Shown for a backup whose check fails; restore refuses it. */
export const DAMAGED_BACKUP = '已损坏';

/**
 * Backups in a folder, newest first. A backup whose file changed since its note was written (or
 * one put here by hand, without a note) is checked again, and a damaged one says 已损坏.
 */
export function listBackupFiles(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  const list: BackupInfo[] = [];
  for (const file of readdirSync(folder)) {
    const m = PATTERN.exec(file);
    if (!m) continue;
    const st = statSync(join(folder, file));
    let note: Note | null = null;
    try {
      note = JSON.parse(readFileSync(join(folder, `${file}.json`), 'utf8')) as Note;
    } catch {
      /* no note: checked below */
    }
    // A note from before stamps were kept is trusted as it was, and stamped now.
    if (note && note.stamp === undefined) trySave(folder, note);
    else if (!note || note.stamp !== stampOf(st)) {
      const checked = checkFile(join(folder, file));
      note = {
        name: file,
        at: note?.at ?? stampTime(m[1]),
        reason: m[2] as BackupReason,
        size: st.size,
        check: checked.check === 'ok' ? 'ok' : `${DAMAGED_BACKUP}:${checked.check}`,
        schemaVersion: checked.schemaVersion,
      };
      trySave(folder, note);
    }
    const { stamp: _stamp, ...info } = note;
    list.push({ ...info, name: file });
  }
  return list.sort((a, b) => b.at.localeCompare(a.at) || b.name.localeCompare(a.name));
}

function trySave(folder: string, info: BackupInfo): void {
  try {
    writeNote(folder, info);
  } catch {
    /* a read-only folder: checked again next time */
  }
}

function stampTime(s: string): string {
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
}

/**
 * What is kept, by kind: the daily ones for 30 days; the ones taken before a migration or a restore
 * until two newer of their kind exist (an upgrade or a restore can be undone, then the next); the
 * manual and closing ones, the newest 30 each. Quit backups are only taken when something changed,
 * so restarts no longer push the others out.
 */
export function prune(folder: string, now: Date): void {
  const byReason = new Map<BackupReason, BackupInfo[]>();
  for (const b of listBackupFiles(folder)) byReason.set(b.reason, [...(byReason.get(b.reason) ?? []), b]);
  const old: BackupInfo[] = [];
  for (const [reason, list] of byReason) {
    if (reason === 'daily') old.push(...list.slice(1).filter((b) => now.getTime() - Date.parse(b.at) > DAILY_DAYS * 86_400_000));
    else old.push(...list.slice(reason === 'before-migration' || reason === 'before-restore' ? 2 : KEEP));
  }
  for (const b of old) {
    for (const f of [b.name, `${b.name}.json`]) {
      try {
        unlinkSync(join(folder, f));
      } catch {
        /* already gone */
      }
    }
  }
}

/** A database file's companions: what SQLite keeps beside it while it is open or mid-transaction. */
const SIDECARS = ['', '-wal', '-shm', '-journal'];

/** Removes a database file and its companions, whichever exist. */
export function removeWithSidecars(file: string): void {
  for (const suffix of SIDECARS) {
    try {
      unlinkSync(file + suffix);
    } catch {
      /* not there */
    }
  }
}

/** Moves a database file and its companions (whichever exist) to another name. */
export function moveWithSidecars(from: string, to: string): void {
  for (const suffix of SIDECARS) if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
}

/** Copies a finished backup to the second folder; says why not instead of failing. */
export function copyToSecond(folder: string, info: BackupInfo, second: string): string | null {
  if (!second) return null;
  if (!existsSync(second)) return `第二备份位置“${second}”不可用(U 盘未插入?),本次只保存在本机。`;
  try {
    copyFileSync(join(folder, info.name), join(second, `${info.name}.tmp`));
    renameSync(join(second, `${info.name}.tmp`), join(second, info.name));
    writeNote(second, info);
    prune(second, new Date(info.at));
    return null;
  } catch (err) {
    return `复制到第二备份位置失败:${(err as Error).message}`;
  }
}
