import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Files up to this size are checked before the app opens (well under a second); bigger ones in a worker. */
export const SYNC_CHECK_BYTES = 64 * 1024 * 1024;

export function isLarge(file: string): boolean {
  return statSync(file).size > SYNC_CHECK_BYTES;
}

/** quick_check on a read-only connection in a worker thread, so a large ledger opens at once. */
export function checkInWorker(file: string): Promise<string> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.driver);
    let answer;
    try {
      const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
      answer = db.pragma('quick_check(5)', { simple: false }).map((r) => r.quick_check).join('; ');
      db.close();
    } catch (err) {
      answer = err.code === 'SQLITE_NOTADB' ? '文件不是有效的数据库(文件头已损坏)' : '数据库结构已损坏:' + err.message;
    }
    parentPort.postMessage(answer);
  `;
  return new Promise((resolve) => {
    const worker = new Worker(code, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3') } });
    worker.once('message', (m: string) => resolve(m));
    worker.once('error', (err) => resolve(`检查未完成:${err.message}`));
    worker.unref();
  });
}
