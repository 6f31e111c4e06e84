/**
 * Start-up on a large ledger (the 1M-movement one in a full run): how soon reads are answered, and
 * how long until the file's `integrity_check` has passed in the background and writes are taken.
 * Files over 16 MB take this path (db/host/check.ts); the quick run forces it on its small file.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_FILE } from '../db/open';
import { LedgerHost } from '../db/host/host';
import { median } from './measure';
import { copyOf } from './ledgers';

export async function startupCheck(file: string, runs: number): Promise<{ firstReadMs: number; writableMs: number; mb: number }> {
  const l = copyOf(file);
  l.close();
  const firstRead: number[] = [];
  const writable: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const host = new LedgerHost(l.dir, { syncCheckBytes: 0 });
      if (!host.checking || !host.ledger) throw new Error('bench: the start-up check did not run in the background');
      host.ledger.reader.db.prepare('SELECT count(*) FROM items').get();
      firstRead.push(performance.now() - t0);
      await host.checked;
      if (host.damage || !host.ledger) throw new Error(`bench: the ledger did not open for writing: ${host.damage}`);
      writable.push(performance.now() - t0);
      await host.close();
    }
    return { firstReadMs: median(firstRead), writableMs: median(writable), mb: statSync(join(l.dir, LEDGER_FILE)).size / 2 ** 20 };
  } finally {
    rmSync(l.dir, { recursive: true, force: true });
  }
}
