import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { verifyAudit } from '../../db/audit';
import { createBackup } from '../../db/backup/backup';
import { gateCall } from '../../db/host/gate';
import { LedgerHost } from '../../db/host/host';
import { LEDGER_FILE, openLedger } from '../../db/open';
import { verifyLedger } from '../../db/queries/verify';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
const dirs: string[] = [];
afterEach(() => {
  t?.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const receipt = (s: ReturnType<typeof seedBasics>, n: number, lines = 1) => ({
  type: 'receipt' as const,
  sourceId: s.allocation.id,
  time: '2026-11-28T09:00:00+08:00',
  note: `第 ${n} 批`,
  lines: Array.from({ length: lines }, () => ({ itemId: s.mask.id, quantity: 10 })),
});
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('disk full: posting fails with DISK_FULL, nothing partial is left, and work goes on once space returns', () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('docs.post', receipt(s, 1));
  const pages = t.ledger.db.pragma('page_count', { simple: true }) as number;
  t.ledger.db.pragma(`max_page_count = ${pages}`);
  const before = snapshot(t.ledger);
  // 500 lines need more pages than the file may grow by.
  expect(t.call('docs.post', { ...receipt(s, 2, 500), note: '大批到货'.repeat(20) })).toEqual({
    ok: false, error: { code: 'DISK_FULL', message: '磁盘空间不足,本次操作未保存。请清理磁盘后重试。' },
  });
  expect(snapshot(t.ledger)).toEqual(before);
  expect(t.ledger.db.pragma('integrity_check', { simple: true })).toBe('ok');
  t.ledger.db.pragma('max_page_count = 1073741823');
  expect(t.ok('docs.post', receipt(s, 3, 500)).number).toBe('RK20261128-002');
  expect(verifyLedger(t.ledger.db).ok).toBe(true);
  expect(verifyAudit(t.ledger.db).ok).toBe(true);
});

/** A closed ledger folder with a few documents and one good backup. */
async function folderWithBackup(): Promise<string> {
  t = tempLedger();
  const s = seedBasics(t);
  for (let i = 1; i <= 3; i++) t.ok('docs.post', receipt(s, i));
  await createBackup(t.ledger, 'manual');
  t.ok('docs.post', receipt(s, 4));
  const dir = mkdtempSync(join(tmpdir(), 'ledger-damaged-'));
  dirs.push(dir);
  t.ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(t.ledger.file, join(dir, LEDGER_FILE));
  copyFileSync(join(t.dir, 'backups', readdirSync(join(t.dir, 'backups')).find((f) => f.endsWith('manual.sqlite'))!), join(dir, 'backup.sqlite'));
  return dir;
}

function placeBackup(dir: string): string {
  const folder = join(dir, 'backups');
  require('node:fs').mkdirSync(folder, { recursive: true });
  const name = 'ledger-20261128T010000000Z-manual.sqlite';
  copyFileSync(join(dir, 'backup.sqlite'), join(folder, name));
  return name;
}

function corrupt(file: string, offset: number, bytes: Buffer) {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

test('a zeroed header: the app refuses the file without touching it, offers the backups, and restores the newest good one', async () => {
  const dir = await folderWithBackup();
  const name = placeBackup(dir);
  const file = join(dir, LEDGER_FILE);
  corrupt(file, 0, Buffer.alloc(4096));
  const hash = sha(file);
  const host = new LedgerHost(dir);
  expect(host.ledger).toBeNull();
  expect(host.damage).toBe(`数据文件已损坏(文件不是有效的数据库(文件头已损坏)),程序不会写入或覆盖它:${file}。请从备份恢复。`);
  expect(sha(file)).toBe(hash);
  expect(existsSync(`${file}-wal`)).toBe(false);
  const status = await gateCall(host, { local: true }, 'auth.status', undefined);
  expect(status.result).toMatchObject({ ok: true, data: { damaged: { message: host.damage, canRestore: true, backups: [{ name, check: 'ok' }] } } });
  expect((await gateCall(host, { local: true }, 'items.list', undefined)).result).toEqual({ ok: false, error: { code: 'LEDGER_DAMAGED', message: host.damage } });
  // From another machine (LAN mode) a damaged ledger cannot be restored.
  expect((await gateCall(host, { local: false }, 'backups.restore', { name })).result).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  const restored = await gateCall(host, { local: true }, 'backups.restore', { name });
  expect(restored.result).toMatchObject({ ok: true, data: { restored: name, savedAs: expect.stringMatching(/^ledger\.sqlite\.damaged-\d+$/) } });
  const savedAs = (restored.result as { data: { savedAs: string } }).data.savedAs;
  expect(sha(join(dir, savedAs))).toBe(hash);
  expect(host.damage).toBeNull();
  expect(host.ledger!.db.prepare('SELECT note FROM documents ORDER BY id').pluck().all()).toEqual(['第 1 批', '第 2 批', '第 3 批']);
  expect(verifyLedger(host.ledger!.db).ok).toBe(true);
  await host.close();
});

test('a damaged b-tree page is found by the start-up check; the file is left as it was', async () => {
  const dir = await folderWithBackup();
  const file = join(dir, LEDGER_FILE);
  const probe = new Database(file, { readonly: true });
  const root = probe.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'document_lines'").pluck().get() as number;
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  probe.close();
  corrupt(file, (root - 1) * pageSize, Buffer.from([0x63, 0xff, 0xff, 0xff, 0xff]));
  const hash = sha(file);
  const host = new LedgerHost(dir);
  expect(host.ledger).toBeNull();
  expect(host.damage).toMatch(/^数据文件已损坏(.+),程序不会写入或覆盖它/);
  expect(sha(file)).toBe(hash);
  await host.close();
});

test('a backup taken while documents are being posted restores to a consistent ledger', async () => {
  t = tempLedger();
  const s = seedBasics(t);
  for (let i = 0; i < 400; i++) t.ok('docs.post', receipt(s, i, 20));
  let posting = true;
  let posted = 0;
  const poster = (async () => {
    while (posting) {
      t.ok('docs.post', receipt(s, 1000 + posted++, 5));
      await new Promise((r) => setImmediate(r));
    }
  })();
  const backup = await createBackup(t.ledger, 'manual');
  posting = false;
  await poster;
  expect(posted).toBeGreaterThan(0);
  expect(backup).toMatchObject({ check: 'ok', warning: null });
  const dir = mkdtempSync(join(tmpdir(), 'ledger-restored-'));
  dirs.push(dir);
  copyFileSync(join(t.dir, 'backups', backup.name), join(dir, LEDGER_FILE));
  const copy = openLedger(dir);
  expect(copy.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(verifyLedger(copy.db).ok).toBe(true);
  expect(verifyAudit(copy.db).ok).toBe(true);
  // Documents in the backup are exactly the first k posted: no half document, no gap.
  const ids = copy.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
  expect(ids).toEqual(Array.from({ length: ids.length }, (_v, i) => i + 1));
  expect(ids.length).toBeGreaterThanOrEqual(400);
  copy.close();
});

test('backups: dailies of the last 30 days all kept, a missing second folder is reported without failing, a present one gets a copy; restore swaps the file and logs everyone out', async () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('settings.update', { backupSecondDir: join(t.dir, 'usb-not-plugged') });
  const first = await createBackup(t.ledger, 'manual');
  expect(first.warning).toBe(`第二备份位置“${join(t.dir, 'usb-not-plugged')}”不可用(U 盘未插入?),本次只保存在本机。`);
  const usb = mkdtempSync(join(tmpdir(), 'usb-'));
  dirs.push(usb);
  t.ok('settings.update', { backupSecondDir: usb });
  for (let i = 0; i < 32; i++) {
    t.clock.advance(60_000);
    expect((await createBackup(t.ledger, 'daily')).warning).toBeNull();
  }
  const local = readdirSync(join(t.dir, 'backups')).filter((f) => f.endsWith('.sqlite'));
  // Within 30 days nothing is pruned (retention by kind is tested in backup.test.ts); the manual one stays.
  expect(local).toHaveLength(33);
  expect(readdirSync(usb).filter((f) => f.endsWith('.sqlite'))).toHaveLength(32);
  expect(local).toContain(first.name);

  const host = new LedgerHost(t.dir, { ledger: t.ledger });
  const token = host.sessions.create(t.userId);
  const listed = (await gateCall(host, { token, local: true }, 'backups.list', undefined)).result as { ok: true; data: { backups: { name: string }[] } };
  const target = listed.data.backups[29].name;
  t.ok('docs.post', receipt(s, 1));
  const answer = await gateCall(host, { token, local: true }, 'backups.restore', { name: target });
  expect(answer).toMatchObject({ result: { ok: true, data: { restored: target, savedAs: expect.stringMatching(/-before-restore\.sqlite$/) } }, token: null });
  expect(host.sessions.userOf(token)).toBeUndefined();
  expect(host.ledger!.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0);
  t.ledger = host.ledger!;
});
