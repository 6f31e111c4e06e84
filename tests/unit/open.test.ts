import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { FixedClock } from '../../db/clock';
import { migrate, schemaVersion } from '../../db/migrate';
import { latestVersion, migrations } from '../../db/migrations';
import { LEDGER_FILE, openLedger } from '../../db/open';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ledger-open-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

test('opens with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
  const ledger = openLedger(tempDir());
  expect(ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(ledger.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  expect(ledger.db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(ledger.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  ledger.close();
});

test('records every migration and creates STRICT tables with the defaults', () => {
  const clock = new FixedClock(new Date('2026-11-28T02:00:00Z'));
  const ledger = openLedger(tempDir(), { clock });
  expect(ledger.db.prepare('SELECT * FROM schema_migrations').all()).toEqual(
    migrations.map((m) => ({ version: m.version, name: m.name, applied_at: '2026-11-28T02:00:00.000Z' })),
  );
  const tables = ledger.db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_migrations') AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string; sql: string }[];
  expect(tables.length).toBeGreaterThan(10);
  for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT/);
  expect(ledger.db.prepare('SELECT name FROM categories ORDER BY sort').pluck().all()).toEqual([
    '防护用品', '消杀用品', '检测试剂', '药品', '医疗器械/设备', '生活物资', '宣传物资', '其他',
  ]);
  expect(ledger.db.prepare('SELECT id, name, is_default, active FROM stores').all()).toEqual([
    { id: 1, name: '办事处库房', is_default: 1, active: 1 },
  ]);
  ledger.close();
});

test('reopening runs nothing again', () => {
  const dir = tempDir();
  openLedger(dir).close();
  const again = openLedger(dir);
  expect(schemaVersion(again.db)).toBe(latestVersion);
  expect(again.db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(migrations.length);
  expect(again.db.prepare('SELECT COUNT(*) FROM stores').pluck().get()).toBe(1);
  again.close();
});

test('a database from a newer version is refused with a clear message and left untouched', () => {
  const dir = tempDir();
  openLedger(dir).close();
  const raw = new Database(join(dir, LEDGER_FILE));
  raw.prepare("INSERT INTO schema_migrations VALUES (?, 'future', '2030-01-01T00:00:00.000Z')").run(latestVersion + 1);
  raw.close();
  expect(() => openLedger(dir)).toThrowError(`数据文件由更新版本的程序创建(结构版本 ${latestVersion + 1},本程序最高支持 ${latestVersion}),请升级程序后再打开。`);
  const check = new Database(join(dir, LEDGER_FILE));
  expect(check.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(latestVersion + 1);
  check.close();
});

test('an existing ledger is backed up before a new migration runs', () => {
  const dir = tempDir();
  const clock = new FixedClock(new Date('2026-11-28T02:00:00Z'));
  const first = openLedger(dir, { clock });
  first.db.prepare("INSERT INTO checkpoints (name, type, pinyin, initials) VALUES ('北门卡口', '卡口', 'beimenkakou', 'bmkk')").run();
  first.close();
  // The next release: the same list plus one more migration.
  const next = [...migrations, { version: latestVersion + 1, name: 'next', up: (db: Database.Database) => db.exec('CREATE TABLE extra (x INTEGER) STRICT') }];
  const ledger = openLedger(dir, { clock, migrations: next });
  expect(schemaVersion(ledger.db)).toBe(latestVersion + 1);
  ledger.close();
  const backups = readdirSync(join(dir, 'backups'));
  expect(backups).toEqual(['ledger-20261128T020000000Z-before-migration.sqlite', 'ledger-20261128T020000000Z-before-migration.sqlite.json']);
  expect(JSON.parse(readFileSync(join(dir, 'backups', backups[1]), 'utf8'))).toEqual({
    name: backups[0], at: '2026-11-28T02:00:00.000Z', reason: 'before-migration', size: statSync(join(dir, 'backups', backups[0])).size, check: 'ok', schemaVersion: latestVersion,
    // The file's size and time when noted: a backup changed afterwards is checked again when listed.
    stamp: `${statSync(join(dir, 'backups', backups[0])).size}:${statSync(join(dir, 'backups', backups[0])).mtimeMs}`,
  });
  const copy = new Database(join(dir, 'backups', backups[0]), { readonly: true });
  expect(copy.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(latestVersion);
  expect(copy.prepare('SELECT name FROM checkpoints').pluck().all()).toEqual(['北门卡口']);
  copy.close();
});

test('a new ledger is not backed up', () => {
  const dir = tempDir();
  openLedger(dir).close();
  expect(existsSync(join(dir, 'backups'))).toBe(false);
});

test('a failing migration leaves the file at the previous version', () => {
  const dir = tempDir();
  openLedger(dir).close();
  const db = new Database(join(dir, LEDGER_FILE));
  const broken = [...migrations, { version: latestVersion + 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (x INTEGER) STRICT; SELECT * FROM nowhere') }];
  expect(() => migrate(db, () => new Date(), broken)).toThrow();
  expect(schemaVersion(db)).toBe(latestVersion);
  expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
  db.close();
  expect(readdirSync(dir)).toContain(LEDGER_FILE);
});
