import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createBackup, listBackups } from '../../db/backup/backup';
import { openLedger } from '../../db/open';
import { checkFileInWorker } from '../../db/backup/check';
import { gateCall } from '../../db/host/gate';
import { LedgerHost } from '../../db/host/host';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

test('export all: every table a sheet with its columns and every row, never the password hashes nor the signing key', async () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('users.create', { username: 'clerk', displayName: '保管员', role: 'clerk', password: 'clerk-pass-1' });
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 10 }] });
  t.ok('keys.create');
  const file = await t.okAsync('archive.export');
  expect(file.fileName).toBe('物资保障台账-全部数据-2026-11-28.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(file.data, 'base64') as unknown as ArrayBuffer);
  const tables = t.ledger.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  expect(book.worksheets.map((w) => w.name)).toEqual(tables);
  for (const name of tables) {
    const sheet = book.getWorksheet(name)!;
    const count = t.ledger.db.prepare(`SELECT COUNT(*) FROM "${name}"`).pluck().get() as number;
    expect([name, sheet.actualRowCount - 1]).toEqual([name, count]);
  }
  const users = book.getWorksheet('users')!;
  expect((users.getRow(1).values as unknown[]).slice(1)).toEqual(['id', 'username', 'display_name', 'role', 'phone', 'active', 'created_at', 'failed_logins', 'locked_until', 'password_changed_at']);
  expect(users.getRow(3).getCell(2).value).toBe('clerk');
  // Nor the office's signing key: only its public half.
  expect((book.getWorksheet('office_keys')!.getRow(1).values as unknown[]).slice(1)).toEqual(['id', 'public_key', 'created_at']);
  const docs = book.getWorksheet('documents')!;
  expect(docs.getRow(2).getCell(3).value).toBe('RK20261128-001');
});

test('a large file is checked in a worker thread: good says ok, damaged says why', async () => {
  t = tempLedger();
  seedBasics(t);
  t.ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  expect(await checkFileInWorker(t.ledger.file)).toMatchObject({ check: 'ok' });
  const copy = join(t.dir, 'copy.sqlite');
  copyFileSync(t.ledger.file, copy);
  const fd = openSync(copy, 'r+');
  writeSync(fd, Buffer.alloc(100), 0, 100, 0);
  closeSync(fd);
  expect(await checkFileInWorker(copy)).toEqual({ check: '文件不是有效的数据库(文件头已损坏)', schemaVersion: 0 });
});

test('while the start-up check runs, reads are served and writes wait with a plain message', async () => {
  t = tempLedger();
  const host = new LedgerHost(t.dir, { ledger: t.ledger });
  const token = host.sessions.create(t.userId);
  host.checking = true;
  expect((await gateCall(host, { token, local: true }, 'items.list', {})).result).toMatchObject({ ok: true });
  expect((await gateCall(host, { token, local: true }, 'categories.create', { name: '新类别' })).result).toEqual({
    ok: false, error: { code: 'DATABASE_BUSY', message: '正在检查数据文件的完整性,请稍候再保存(查看不受影响)。' },
  });
  host.checking = false;
  expect((await gateCall(host, { token, local: true }, 'categories.create', { name: '新类别' })).result).toMatchObject({ ok: true });
});

test('a backup copied into the folder by hand is checked once and its note written', () => {
  t = tempLedger();
  const folder = join(t.dir, 'backups');
  mkdirSync(folder);
  t.ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(t.ledger.file, join(folder, 'ledger-20261120T080000000Z-manual.sqlite'));
  copyFileSync(join(t.dir, 'backups', 'ledger-20261120T080000000Z-manual.sqlite'), join(folder, 'ledger-20261121T080000000Z-daily.sqlite'));
  const fd = openSync(join(folder, 'ledger-20261121T080000000Z-daily.sqlite'), 'r+');
  writeSync(fd, Buffer.alloc(16), 0, 16, 0);
  closeSync(fd);
  expect(listBackups(t.dir).map((b) => [b.name, b.at, b.reason, b.check])).toEqual([
    ['ledger-20261121T080000000Z-daily.sqlite', '2026-11-21T08:00:00.000Z', 'daily', '已损坏:文件不是有效的数据库(文件头已损坏)'],
    ['ledger-20261120T080000000Z-manual.sqlite', '2026-11-20T08:00:00.000Z', 'manual', 'ok'],
  ]);
  expect(existsSync(join(folder, 'ledger-20261120T080000000Z-manual.sqlite.json'))).toBe(true);
});

test('retention by kind: dailies for 30 days, before-migration and before-restore until two newer of their kind, manual ones the newest 30', async () => {
  t = tempLedger('2026-11-01T10:00:00+08:00');
  const kinds = ['daily', 'before-restore', 'manual'] as const;
  // 40 days of a daily, a manual and a before-restore backup each day.
  for (let day = 0; day < 40; day++) {
    for (const reason of kinds) {
      await createBackup(t.ledger, reason);
      t.clock.advance(1000);
    }
    t.clock.advance(86_400_000 - 3000);
  }
  const kept = listBackups(t.dir);
  const count = (reason: string) => kept.filter((b) => b.reason === reason).length;
  expect({ daily: count('daily'), beforeRestore: count('before-restore'), manual: count('manual') }).toEqual({ daily: 30, beforeRestore: 2, manual: 30 });
  const oldestDaily = kept.filter((b) => b.reason === 'daily').at(-1)!;
  expect(Date.parse(kept[0].at) - Date.parse(oldestDaily.at)).toBeLessThanOrEqual(30 * 86_400_000);
});

test('a closing backup is taken only when something was written since the last backup', async () => {
  t = tempLedger();
  const host = new LedgerHost(t.dir, { ledger: t.ledger });
  await host.backup('manual');
  await host.close({ backup: true });
  expect(listBackups(t.dir).map((b) => b.reason)).toEqual(['manual']);
  const reopened = openLedger(t.dir, { clock: t.clock });
  const again = new LedgerHost(t.dir, { ledger: reopened });
  t.clock.advance(1000);
  await again.close({ backup: true });
  expect(listBackups(t.dir).map((b) => b.reason)).toEqual(['manual']);
  const third = openLedger(t.dir, { clock: t.clock });
  third.db.prepare("INSERT INTO categories (name, sort) VALUES ('新类别', 9)").run();
  t.clock.advance(1000);
  await new LedgerHost(t.dir, { ledger: third }).close({ backup: true });
  expect(listBackups(t.dir).map((b) => b.reason)).toEqual(['quit', 'manual']);
  // The test ledger's own connection is closed already; reopen it for afterEach.
  t.ledger = openLedger(t.dir, { clock: t.clock });
});
