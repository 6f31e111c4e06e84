import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { FixedClock } from '../../db/clock';
import { LEDGER_FILE, openLedger, PAGE_SIZE } from '../../db/open';
import { seedBasics, snapshot, tempLedger, testLedgerOn, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => {
  t?.close();
  vi.restoreAllMocks();
});

/** A ledger with some history, closed and rewritten with 4 KiB pages: what an older release left behind. */
function olderLedger(): { dir: string; rows: Record<string, unknown[]> } {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 500 }, { itemId: s.reagent.id, quantity: 40, batchNo: 'R1', expiryDate: '2027-03-01' }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 120 }, { itemId: s.reagent.id, quantity: 6 }] });
  const rows = snapshot(t.ledger);
  t.ledger.close();
  const raw = new Database(join(t.dir, LEDGER_FILE));
  raw.pragma('journal_mode = DELETE');
  raw.pragma('page_size = 4096');
  raw.exec('VACUUM');
  raw.pragma('journal_mode = WAL');
  expect(raw.pragma('page_size', { simple: true })).toBe(4096);
  raw.close();
  return { dir: t.dir, rows };
}

const reopen = (dir: string, clock = new FixedClock(new Date('2026-11-29T02:00:00Z'))) => {
  t = testLedgerOn(openLedger(dir, { clock }), clock);
  return t.ledger.db;
};

test('a new ledger is made with 2 KiB pages, in WAL mode', () => {
  t = tempLedger();
  expect(PAGE_SIZE).toBe(2048);
  expect(t.ledger.db.pragma('page_size', { simple: true })).toBe(2048);
  expect(t.ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
});

test('a ledger with 4 KiB pages is backed up, then rewritten with 2 KiB pages, every row kept', () => {
  const { dir, rows } = olderLedger();
  const db = reopen(dir);
  expect(db.pragma('page_size', { simple: true })).toBe(2048);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(snapshot(t.ledger)).toEqual(rows);
  // The backup holds every row as it was before the rewrite.
  const backups = readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.sqlite'));
  expect(backups).toEqual(['ledger-20261129T020000000Z-before-migration.sqlite']);
  const copy = new Database(join(dir, 'backups', backups[0]), { readonly: true });
  expect(copy.prepare('SELECT * FROM movements ORDER BY 1').all()).toEqual(rows.movements);
  expect(copy.prepare('SELECT * FROM stock ORDER BY 1').all()).toEqual(rows.stock);
  copy.close();
  // The rewritten ledger keeps posting.
  const mask = rows.items.find((i) => (i as { code: string }).code === 'KZ01') as { id: number };
  const site = rows.checkpoints[0] as { id: number };
  const person = rows.people[0] as { id: number };
  t.ok('docs.post', { type: 'issue', checkpointId: site.id, personId: person.id, lines: [{ itemId: mask.id, quantity: 30 }] });
  expect(db.prepare('SELECT quantity FROM stock WHERE item_id = ?').pluck().get(mask.id)).toBe(350);
});

test('while another program has the file open, the ledger opens with its old pages and is rewritten at the next start', () => {
  const { dir, rows } = olderLedger();
  const other = new Database(join(dir, LEDGER_FILE));
  other.prepare('SELECT COUNT(*) FROM documents').get();
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const started = performance.now();
  let db = reopen(dir);
  expect(performance.now() - started).toBeLessThan(4000); // not the 5 s busy wait
  expect(warn).toHaveBeenCalledWith(expect.stringContaining('文件正被另一个程序使用'));
  expect(db.pragma('page_size', { simple: true })).toBe(4096);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(snapshot(t.ledger)).toEqual(rows);
  other.close();
  t.ledger.close();
  db = reopen(dir);
  expect(db.pragma('page_size', { simple: true })).toBe(2048);
  expect(snapshot(t.ledger)).toEqual(rows);
});
