import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LedgerError } from '../errors';

/** The file whose lock says who owns the data folder, and the note beside it saying who that is. */
export const LOCK_FILE = 'ledger.lock';
const OWNER_FILE = 'ledger.owner.json';

/** Who holds a data folder: the program, its process and since when. */
export interface Owner {
  program: string;
  pid: number;
  since: string;
  machine: string;
}

export interface FolderLock {
  readonly owner: Owner;
  release(): void;
}

/**
 * Takes the data folder for this process, for as long as it runs: one program (the desktop app, a
 * browser-mode server, the demo) serves a folder at a time, so a restore in one can never leave
 * another writing into a replaced file. The lock is SQLite's own exclusive file lock on a small
 * side file (fcntl on Linux, LockFileEx on Windows), which the system drops when the process ends,
 * however it ends (kill -9, a power cut): a stale lock cannot keep the office out.
 * A second taker gets FOLDER_IN_USE naming the holder.
 */
export function holdFolder(dir: string, program: string): FolderLock {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write in exclusive mode takes the lock and keeps it until the connection closes.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (at TEXT); DELETE FROM held; INSERT INTO held VALUES (datetime()); COMMIT;');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED') throw inUse(dir);
    throw err;
  }
  const owner: Owner = { program, pid: process.pid, since: new Date().toISOString(), machine: hostname() };
  const note = join(dir, OWNER_FILE);
  try {
    writeFileSync(note, JSON.stringify(owner));
  } catch {
    /* the lock holds without the note; a second taker is told less */
  }
  let held = true;
  return {
    owner,
    release() {
      if (!held) return;
      held = false;
      try {
        unlinkSync(note);
      } catch {
        /* already gone */
      }
      db.close();
    },
  };
}

function inUse(dir: string): LedgerError {
  let owner: Owner | null = null;
  try {
    owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as Owner;
  } catch {
    /* no note */
  }
  const who = owner
    ? `${owner.program}(进程 ${owner.pid}${owner.machine !== hostname() ? `,电脑 ${owner.machine}` : ''},自 ${localTime(owner.since)} 起)`
    : '另一个程序';
  return new LedgerError(
    'FOLDER_IN_USE',
    `数据文件夹 ${dir} 正由${who}使用。一个数据文件夹同一时间只能由一个程序打开:请使用已打开的那个窗口或地址,或先关闭它再启动。`,
  );
}

function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
