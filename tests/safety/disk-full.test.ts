import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { callApiSync } from '../../db/api/call';
import { verifyAudit } from '../../db/audit';
import { createBackup } from '../../db/backup/backup';
import { openLedger, type Ledger } from '../../db/open';
import { verifyLedger } from '../../db/queries/verify';
import { operatorCalls } from '../helpers/ledger';
import { localOperatorId } from '../../db/reference/catalog';

let mountPoint: string | null = null;
let folder: string | null = null;
let ledger: Ledger | null = null;
afterEach(() => {
  ledger?.close();
  ledger = null;
  if (mountPoint) execFileSync('umount', [mountPoint]);
  if (folder) rmSync(folder, { recursive: true, force: true });
  mountPoint = folder = null;
});

/**
 * A real, tiny file system (tmpfs), so the disk truly fills; mounting needs root (CI runs as root).
 * Where mounting is not allowed, a plain folder with SQLite's own page limit stands in.
 */
function tinyFolder(kb: number): { dir: string; real: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-tiny-'));
  folder = dir;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir], { stdio: 'ignore' });
    mountPoint = dir;
    return { dir, real: true };
  } catch {
    console.warn('[disk-full] tmpfs cannot be mounted here: using PRAGMA max_page_count instead');
    return { dir, real: false };
  }
}

test('a truly full disk: posting says DISK_FULL and leaves nothing partial; backups fail plainly; work resumes when space returns', async () => {
  const { dir, real } = tinyFolder(1024);
  ledger = openLedger(dir);
  const ok = operatorCalls(ledger);
  const ctx = { ledger, userId: localOperatorId(ledger.db) };
  const cat = ok('categories.list')[0].id;
  const item = ok('items.create', { name: '医用外科口罩', categoryId: cat, unit: '只' }).id;
  const sourceId = ok('sources.create', { name: '区物资保障组', type: 'allocation' }).id;
  const receipt = (n: number) => ({ type: 'receipt' as const, sourceId, time: new Date().toISOString(), note: `到货${n}`.padEnd(300, '。'), lines: Array.from({ length: 40 }, () => ({ itemId: item, quantity: 5 })) });
  // Fill what is left of the disk with an ordinary file.
  const filler = join(dir, 'filler.bin');
  if (real) {
    try {
      writeFileSync(filler, Buffer.alloc(1024 * 1024));
    } catch {
      /* ENOSPC: it took what there was */
    }
  } else {
    ledger.db.pragma(`max_page_count = ${(ledger.db.pragma('page_count', { simple: true }) as number) + 8}`);
  }
  let refused: ReturnType<typeof callApiSync> | null = null;
  for (let i = 0; i < 200 && !refused; i++) {
    const r = callApiSync(ctx, 'docs.post', receipt(i));
    if (!r.ok) refused = r;
  }
  expect(refused).toEqual({ ok: false, error: { code: 'DISK_FULL', message: '磁盘空间不足,本次操作未保存。请清理磁盘后重试。' } });
  const count = ledger.db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number;
  expect(verifyLedger(ledger.db).ok).toBe(true);
  if (real) await expect(createBackup(ledger, 'manual')).rejects.toThrow(/^(磁盘空间不足,备份未完成。|备份未完成:.*)$/);
  // Space comes back: the same connection goes on working, and nothing of the refused post is there.
  if (real) unlinkSync(filler);
  else ledger.db.pragma('max_page_count = 1073741823');
  ok('docs.post', receipt(999));
  expect(ledger.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(count + 1);
  expect(ledger.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(verifyLedger(ledger.db).ok).toBe(true);
  expect(verifyAudit(ledger.db).ok).toBe(true);
  expect((await createBackup(ledger, 'manual')).check).toBe('ok');
});
