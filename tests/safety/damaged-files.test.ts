import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createBackup, listBackups } from '../../db/backup/backup';
import { gateCall } from '../../db/host/gate';
import { LOCK_FILE } from '../../db/host/folder-lock';
import { LedgerHost } from '../../db/host/host';
import { LEDGER_FILE } from '../../db/open';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger | undefined;
const dirs: string[] = [];
afterEach(() => {
  t?.close();
  t = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A closed data folder holding a good ledger of a few documents and one good backup in `backups/`. */
async function dataFolder(): Promise<{ dir: string; file: string; backup: string }> {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('users.create', { username: 'boss', displayName: '负责人', role: 'admin', password: 'boss-pass-1' });
  for (let i = 1; i <= 4; i++) {
    t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', note: `第 ${i} 批`, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  }
  const backup = await createBackup(t.ledger, 'manual');
  t.ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  const dir = mkdtempSync(join(tmpdir(), 'ledger-damaged-'));
  dirs.push(dir);
  copyFileSync(t.ledger.file, join(dir, LEDGER_FILE));
  mkdirSync(join(dir, 'backups'));
  for (const f of [backup.name, `${backup.name}.json`]) copyFileSync(join(t.dir, 'backups', f), join(dir, 'backups', f));
  t.close();
  t = undefined;
  // The copied backup's file time differs from its note's: listing once checks it again and settles the note.
  expect(listBackups(dir)).toMatchObject([{ name: backup.name, check: 'ok' }]);
  return { dir, file: join(dir, LEDGER_FILE), backup: backup.name };
}

/**
 * What the folder holds, byte for byte: nothing may be added, removed or changed — but the folder's
 * lock file, which says which program holds the folder (it holds no ledger data).
 */
function folderState(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else if (prefix + e.name !== LOCK_FILE) out[prefix + e.name] = sha(join(d, e.name));
    }
  };
  walk(dir, '');
  return out;
}

async function expectRefusedUntouched(dir: string, why: RegExp, backup: string) {
  const before = folderState(dir);
  const host = new LedgerHost(dir);
  expect(host.ledger).toBeNull();
  expect(host.damage).toMatch(why);
  // First-run setup is not offered; restore is.
  const status = await gateCall(host, { local: true }, 'auth.status', undefined);
  expect(status.result).toMatchObject({ ok: true, data: { needsSetup: false, damaged: { canRestore: true, backups: [{ name: backup, check: 'ok' }] } } });
  expect((await gateCall(host, { local: true }, 'auth.setup', { officeName: '某街道', admin: { username: 'x', displayName: 'x', password: 'a-long-pass-1' } })).result).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  await host.close({ backup: true });
  expect(folderState(dir)).toEqual(before);
}

test('a 0-byte ledger file is damaged, not new: nothing is written, restore is offered, the file is kept', async () => {
  const { dir, file, backup } = await dataFolder();
  truncateSync(file, 0);
  await expectRefusedUntouched(dir, /^数据文件已损坏\(文件是空的\(0 字节\)/, backup);
});

test('a truncated ledger file is damaged: nothing is written, restore is offered, the file is kept byte for byte', async () => {
  const { dir, file, backup } = await dataFolder();
  const size = readFileSync(file).length;
  truncateSync(file, Math.floor(size / 2048 / 2) * 2048);
  await expectRefusedUntouched(dir, /^数据文件已损坏\(文件不完整:应有 \d+ 字节,实际只有 \d+ 字节/, backup);
});

/** The byte offset of the last byte of the first cell's rowid in an index's root page (a leaf for a small table). */
function indexRowidByte(file: string, index: string): number {
  const db = new Database(file, { readonly: true });
  const root = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(index) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const page = Buffer.alloc(pageSize);
  const fd = openSync(file, 'r');
  readSync(fd, page, 0, pageSize, (root - 1) * pageSize);
  closeSync(fd);
  expect(page[0]).toBe(0x0a); // a leaf index page
  const cell = page.readUInt16BE(8);
  // Payload size as a one-byte varint (small keys), then the record: the rowid is its last column.
  expect(page[cell] & 0x80).toBe(0);
  return (root - 1) * pageSize + cell + 1 + page[cell] - 1;
}

test('an index that points at the wrong row is found at start (integrity_check), nothing is written, and backups are not made of it', async () => {
  const { dir, file, backup } = await dataFolder();
  damageIndex(file);
  const quick = new Database(file, { readonly: true });
  expect(quick.pragma('quick_check', { simple: true })).toBe('ok'); // what the old check said
  quick.close();
  await expectRefusedUntouched(dir, /^数据文件已损坏\(.*movements_item_time/, backup);
});

test('a backup damaged after it was written is listed as 已损坏 and cannot be restored', async () => {
  const { dir, backup } = await dataFolder();
  const copy = join(dir, 'backups', backup);
  const at = indexRowidByte(copy, 'movements_item_time');
  const fd = openSync(copy, 'r+');
  writeSync(fd, Buffer.from([0x7f]), 0, 1, at);
  closeSync(fd);
  expect(listBackups(dir)).toMatchObject([{ name: backup, check: expect.stringMatching(/^已损坏/) }]);
  const host = new LedgerHost(dir);
  const token = host.sessions.create(1);
  expect((await gateCall(host, { token, local: true }, 'backups.restore', { name: backup })).result).toMatchObject({ ok: false, error: { code: 'BACKUP_FAILED' } });
  await host.close();
  writeFileSync(join(dir, 'x'), '');
  expect(existsSync(join(dir, LEDGER_FILE))).toBe(true);
});

/** Flips the low byte of one rowid in an index: a damage only integrity_check finds. */
function damageIndex(file: string): void {
  const at = indexRowidByte(file, 'movements_item_time');
  const fd = openSync(file, 'r+');
  const b = Buffer.alloc(1);
  readSync(fd, b, 0, 1, at);
  writeSync(fd, Buffer.from([b[0] ^ 0x01]), 0, 1, at);
  closeSync(fd);
}

test('a large file: reads and logins are served while its check runs, nothing is written until it passes; a damaged one is then refused untouched', async () => {
  const { dir, file } = await dataFolder();
  damageIndex(file);
  const before = folderState(dir);
  const started = Date.now();
  const host = new LedgerHost(dir, { syncCheckBytes: 1 });
  expect(host.checking).toBe(true);
  const login = await gateCall(host, { local: true }, 'auth.login', { username: 'boss', password: 'boss-pass-1' });
  expect(login.result).toMatchObject({ ok: true, data: { user: { username: 'boss' } } });
  const token = login.token!;
  expect((await gateCall(host, { token, local: true }, 'docs.list', {})).result).toMatchObject({ ok: true });
  expect((await gateCall(host, { token, local: true }, 'categories.create', { name: '新类别' })).result).toEqual({
    ok: false, error: { code: 'DATABASE_BUSY', message: '正在检查数据文件的完整性,请稍候再保存(查看不受影响)。' },
  });
  await host.checked;
  console.info(`[large-file window] check of a ${readFileSync(file).length} byte file took ${Date.now() - started} ms`);
  expect(host.ledger).toBeNull();
  expect(host.damage).toMatch(/movements_item_time/);
  await host.close({ backup: true });
  expect(folderState(dir)).toEqual(before);
});

test('a large good file opens for writing once its check has passed', async () => {
  const { dir } = await dataFolder();
  const host = new LedgerHost(dir, { syncCheckBytes: 1 });
  const token = (await gateCall(host, { local: true }, 'auth.login', { username: 'boss', password: 'boss-pass-1' })).token!;
  await host.checked;
  expect(host.checking).toBe(false);
  expect((await gateCall(host, { token, local: true }, 'categories.create', { name: '新类别' })).result).toMatchObject({ ok: true, data: { name: '新类别' } });
  await host.close();
});

test('a backup leaves only itself and its note in the folder, and clears what an interrupted one left', async () => {
  t = tempLedger();
  seedBasics(t);
  mkdirSync(join(t.dir, 'backups'));
  for (const f of ['.partial-99999-1.sqlite', '.partial-99999-1.sqlite-wal', '.partial-99999-1.sqlite-shm']) writeFileSync(join(t.dir, 'backups', f), 'x');
  const b = await createBackup(t.ledger, 'manual');
  expect(readdirSync(join(t.dir, 'backups')).sort()).toEqual([b.name, `${b.name}.json`]);
  expect(listBackups(t.dir)).toMatchObject([{ name: b.name, check: 'ok' }]);
  expect(readdirSync(join(t.dir, 'backups')).sort()).toEqual([b.name, `${b.name}.json`]);
});

test('a restore that fails after the swap puts the original back and keeps serving it; a good restore is in the restored ledger’s audit trail', async () => {
  const { dir, backup } = await dataFolder();
  // A backup that passes every check but cannot be opened by this release: its last migration is
  // unrecorded while its table exists, so running it again fails.
  const broken = 'ledger-20261128T030000000Z-manual.sqlite';
  copyFileSync(join(dir, 'backups', backup), join(dir, 'backups', broken));
  const db = new Database(join(dir, 'backups', broken));
  db.prepare('DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)').run();
  db.close();
  const host = new LedgerHost(dir);
  const token = host.sessions.create(host.ledger!.db.prepare("SELECT id FROM users WHERE username = 'boss'").pluck().get() as number);
  const notes = () => host.ledger!.db.prepare('SELECT note FROM documents ORDER BY id').pluck().all();
  const original = notes();
  const failed = await gateCall(host, { token, local: true }, 'backups.restore', { name: broken });
  expect(failed.result).toMatchObject({ ok: false, error: { code: 'BACKUP_FAILED', message: expect.stringMatching(/^恢复未完成\(.+\),已重新打开原来的数据文件,未做任何更改。$/) } });
  expect(host.damage).toBeNull();
  expect(notes()).toEqual(original);
  expect(readdirSync(dir).filter((f) => f.includes('replaced') || f.includes('restoring'))).toEqual([]);
  // Everyone was logged out by the attempt; log in again and restore the good one.
  const again = (await gateCall(host, { local: true }, 'auth.login', { username: 'boss', password: 'boss-pass-1' })).token!;
  const done = await gateCall(host, { token: again, local: true }, 'backups.restore', { name: backup });
  expect(done.result).toMatchObject({ ok: true, data: { restored: backup } });
  const last = host.ledger!.db.prepare('SELECT a.method, u.username, a.detail FROM audit_log a JOIN users u ON u.id = a.user_id ORDER BY a.id DESC LIMIT 1').get() as { method: string; username: string; detail: string };
  expect(last).toMatchObject({ method: 'backups.restore', username: 'boss' });
  expect(JSON.parse(last.detail)).toEqual({ input: { name: backup, savedAs: expect.stringMatching(/before-restore\.sqlite$/) }, result: null });
  await host.close();
});
