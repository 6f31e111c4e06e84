import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** What a check found: `ok`, or the problems in plain words; and the file's schema version. */
export interface FileCheck {
  check: string;
  schemaVersion: number;
}

/** Said of a good SQLite file that is not a ledger (no migrations table). */
export const NOT_A_LEDGER = '不是台账数据文件';

/**
 * What the file's own bytes say before SQLite reads it: empty, not a database, or shorter than its
 * header says it is (a copy cut off). Null when it looks whole. Cheap: reads the first 100 bytes.
 */
export function shapeProblem(file: string): string | null {
  const size = statSync(file).size;
  if (size === 0) return '文件是空的(0 字节)';
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return '文件不是有效的数据库(文件头已损坏)';
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  // The page count in the header is valid when its "valid for" number matches the change counter;
  // with unmerged changes in a -wal the file may legitimately be shorter, so only then is it trusted.
  const valid = header.readUInt32BE(92) === header.readUInt32BE(24) && pages > 0;
  if (valid && !hasWal(file) && size < pages * pageSize) return `文件不完整:应有 ${pages * pageSize} 字节,实际只有 ${size} 字节`;
  return null;
}

function hasWal(file: string): boolean {
  return existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0;
}

/**
 * The check itself, written once in plain JavaScript so that it runs both here and in a worker (a
 * worker cannot load the app's TypeScript): SQLite's full `integrity_check`, which also finds an
 * index pointing at the wrong row (quick_check does not), on a read-only connection.
 */
const CHECK_BODY = `
  let db = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check(5)', { simple: false }).map((r) => r.integrity_check).join('; ');
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get();
    const version = hasTable ? (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get().v ?? 0) : 0;
    return { check: check === 'ok' && !hasTable ? '${NOT_A_LEDGER}' : check, schemaVersion: version };
  } catch (err) {
    const why = err.code === 'SQLITE_NOTADB' ? '文件不是有效的数据库(文件头已损坏)' : err.code === 'SQLITE_CORRUPT' ? '数据库结构已损坏' : String(err.message);
    return { check: why, schemaVersion: 0 };
  } finally {
    if (db) db.close();
  }
`;
const runCheck = new Function('Database', 'file', CHECK_BODY) as (driver: typeof Database, file: string) => FileCheck;

/**
 * The check of a file, here and now. A read-only look at a WAL file leaves an empty `-wal` and a
 * `-shm` beside it; those it made are removed again, so a check writes nothing.
 */
export function checkFile(file: string): FileCheck {
  const shape = shapeProblem(file);
  if (shape) return { check: shape, schemaVersion: 0 };
  return withoutTraces(file, () => runCheck(Database, file));
}

/** The same check in a worker thread: a large ledger's integrity_check takes seconds (6 s at 1M movements). */
export async function checkFileInWorker(file: string): Promise<FileCheck> {
  const shape = shapeProblem(file);
  if (shape) return { check: shape, schemaVersion: 0 };
  const traces = tracesBefore(file);
  try {
    return await new Promise<FileCheck>((resolve) => {
      const worker = new Worker(WORKER, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3') } });
      worker.once('message', (m: FileCheck) => resolve(m));
      worker.once('error', (err) => resolve({ check: `检查未完成:${err.message}`, schemaVersion: 0 }));
      // Not unref'd: a backup at quit must finish its check before the process may end.
    });
  } finally {
    removeTraces(file, traces);
  }
}

const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const Database = require(workerData.driver);
  parentPort.postMessage((function (Database, file) { ${CHECK_BODY} })(Database, workerData.file));
`;

function withoutTraces<T>(file: string, fn: () => T): T {
  const traces = tracesBefore(file);
  try {
    return fn();
  } finally {
    removeTraces(file, traces);
  }
}

export function tracesBefore(file: string) {
  return { wal: existsSync(`${file}-wal`), shm: existsSync(`${file}-shm`) };
}

/** Removes the empty `-wal` and the `-shm` a read-only look created (never ones that were there before). */
export function removeTraces(file: string, before: { wal: boolean; shm: boolean }): void {
  if (before.wal) return;
  try {
    if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) return;
    if (existsSync(`${file}-wal`)) unlinkSync(`${file}-wal`);
    if (!before.shm && existsSync(`${file}-shm`)) unlinkSync(`${file}-shm`);
  } catch {
    /* a folder we may not write: the traces stay, harmless */
  }
}
