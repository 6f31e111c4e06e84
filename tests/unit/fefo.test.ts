import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { migrations } from '../../db/migrations';
import { LEDGER_FILE, openLedger } from '../../db/open';
import { seedBasics, tempLedger, testLedgerOn, type TestLedger } from '../helpers/ledger';

/**
 * First-expiry-first-out reads the batches in order from the `stock_fefo` index (migration 0009),
 * which needs each stock row to carry its batch's expiry date. These tests check the allocation
 * against a model computed from the receipts alone, and the copy of the expiry date.
 */
let t: TestLedger | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const TODAY = '2026-11-28';
const NO_EXPIRY = '9999-12-31';
const dates = ['2026-11-01', '2026-11-27', '2026-11-28', '2026-11-29', '2026-12-31', '2027-03-01', null] as const;
const batchArb = fc.record({ expiry: fc.constantFrom(...dates), qty: fc.integer({ min: 1, max: 9 }) });
// An issue slip of one to three lines of the item (a slip may name the same goods twice).
const issueArb = fc.record({ lines: fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 3 }), override: fc.boolean() });

type Model = { no: string; expiry: string | null; left: number }[];
type Outcome = { ok: true; taken: [string, number][] } | { ok: false; code: string; message: string };

/** What FEFO must do, from the model's batches (in the order they were received). */
function expected(model: Model, qty: number, override: boolean): Outcome {
  const key = (b: Model[number]) => b.expiry ?? NO_EXPIRY;
  const inStock = model.filter((b) => b.left > 0).sort((a, b) => key(a).localeCompare(key(b)) || model.indexOf(a) - model.indexOf(b));
  // With an override, expired batches serve only the shortfall, after every unexpired one.
  const usable = [...inStock.filter((b) => key(b) >= TODAY), ...(override ? inStock.filter((b) => key(b) < TODAY) : [])];
  const sum = (bs: Model) => bs.reduce((s, b) => s + b.left, 0);
  if (sum(usable) < qty) {
    if (!override && sum(inStock) >= qty) {
      const first = inStock[0];
      return { ok: false, code: 'BATCH_EXPIRED', message: `核酸检测试剂 批号 ${first.no} 已于 ${first.expiry} 过期,不能发放。如确需发放,请填写过期发放原因。` };
    }
    return { ok: false, code: 'INSUFFICIENT_STOCK', message: `核酸检测试剂 库存不足:现有 ${sum(usable)} 盒,申请 ${qty} 盒` };
  }
  const taken: [string, number][] = [];
  let left = qty;
  for (const b of usable) {
    if (left === 0) break;
    const n = Math.min(left, b.left);
    taken.push([b.no, n]);
    left -= n;
  }
  return { ok: true, taken };
}

test('issues take exactly the batches a first-expiry-first-out model takes, in any mix of dates', () => {
  fc.assert(
    fc.property(fc.array(batchArb, { minLength: 1, maxLength: 10 }), fc.array(issueArb, { minLength: 1, maxLength: 6 }), (batches, issues) => {
      t = tempLedger(`${TODAY}T10:00:00+08:00`);
      try {
        const s = seedBasics(t);
        const model: Model = batches.map((b, i) => ({ no: `B${i}`, expiry: b.expiry, left: b.qty }));
        t.ok('docs.post', {
          type: 'receipt', sourceId: s.allocation.id, time: '2026-10-01T09:00:00+08:00',
          lines: model.map((b) => ({ itemId: s.reagent.id, quantity: b.left, batchNo: b.no, ...(b.expiry ? { expiryDate: b.expiry } : {}) })),
        });
        for (const issue of issues) {
          // The model takes the lines one after the other; the first refusal refuses the whole slip.
          const trial = model.map((b) => ({ ...b }));
          let refusal: Outcome | null = null;
          const taken: [string, number][] = [];
          for (const qty of issue.lines) {
            const want = expected(trial, qty, issue.override);
            if (!want.ok) {
              refusal = want;
              break;
            }
            for (const [no, n] of want.taken) trial.find((b) => b.no === no)!.left -= n;
            taken.push(...want.taken);
          }
          const lines = issue.lines.map((qty) => ({ itemId: s.reagent.id, quantity: qty, ...(issue.override ? { expiredOverride: '急用' } : {}) }));
          const r = t.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines });
          if (refusal && !refusal.ok) {
            expect(r).toEqual({ ok: false, error: { code: refusal.code, message: refusal.message } });
            continue;
          }
          if (!r.ok) throw new Error(`expected ${JSON.stringify(taken)}, got ${r.error.message}`);
          expect(t.ok('docs.get', { id: r.data.id }).lines.map((l) => [l.batchNo, l.quantity])).toEqual(taken);
          model.splice(0, model.length, ...trial);
        }
        const rows = t.ledger.db.prepare(
          `SELECT b.batch_no AS no, s.quantity AS left, nullif(s.expiry_key, '9999-12-31') AS expiry FROM stock s JOIN batches b ON b.id = s.batch_id
           WHERE s.item_id = ? ORDER BY b.id`,
        ).all(s.reagent.id);
        expect(rows).toEqual(model.map((b) => ({ no: b.no, left: b.left, expiry: b.expiry })));
        expect(t.ok('ledger.verify').ok).toBe(true);
      } finally {
        t.close();
        t = undefined;
      }
    }),
    { numRuns: 40 },
  );
});

test('an expiry date filled in later reaches the stock rows, and FEFO follows it', () => {
  t = tempLedger(`${TODAY}T10:00:00+08:00`);
  const s = seedBasics(t);
  t.ok('docs.post', {
    type: 'receipt', sourceId: s.allocation.id,
    lines: [
      { itemId: s.reagent.id, quantity: 5, batchNo: 'LATER' },
      { itemId: s.reagent.id, quantity: 5, batchNo: 'KNOWN', expiryDate: '2027-06-01' },
    ],
  });
  // Without a date, LATER sorts last.
  const first = t.posted({ type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 1 }] });
  expect(first.lines.map((l) => l.batchNo)).toEqual(['KNOWN']);
  // A second delivery of LATER names its date: the batch and its stock row both get it.
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.reagent.id, quantity: 1, batchNo: 'LATER', expiryDate: '2027-01-15' }] });
  expect(t.ledger.db.prepare('SELECT batch_id, quantity, expiry_key FROM stock WHERE item_id = ? ORDER BY batch_id').all(s.reagent.id)).toEqual([
    { batch_id: 1, quantity: 6, expiry_key: '2027-01-15' },
    { batch_id: 2, quantity: 4, expiry_key: '2027-06-01' },
  ]);
  const second = t.posted({ type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 7 }] });
  expect(second.lines.map((l) => [l.batchNo, l.quantity])).toEqual([['LATER', 6], ['KNOWN', 1]]);
});

test('migration 0009 copies every batch expiry into the stock rows of an existing ledger', () => {
  const fresh = tempLedger(`${TODAY}T10:00:00+08:00`);
  const { dir, clock } = fresh;
  fresh.ledger.close();
  rmSync(join(dir, LEDGER_FILE));
  // The ledger as the previous release left it: version 8, stock rows without expiry dates. Written
  // in that version's own tables (today's code writes columns of later versions): goods, their
  // batches and the stock a receipt left, as a receipt of version 8 wrote them.
  const old = openLedger(dir, { clock, migrations: migrations.slice(0, 8) });
  const cat = old.db.prepare("SELECT id FROM categories WHERE name = '检测试剂'").pluck().get() as number;
  const item = old.db.prepare("INSERT INTO items (code, name, spec, category_id, unit, tracks_batches, pinyin, initials, created_at) VALUES (?, ?, '', ?, ?, ?, '', '', '2026-01-01T00:00:00.000Z')");
  const reagent = Number(item.run('SJ01', '核酸检测试剂', cat, '盒', 1).lastInsertRowid);
  const mask = Number(item.run('KZ01', '医用外科口罩', cat, '只', 0).lastInsertRowid);
  const batch = old.db.prepare('INSERT INTO batches (item_id, batch_no, expiry_date) VALUES (?, ?, ?)');
  const batches = [batch.run(reagent, 'R1', '2027-02-01'), batch.run(reagent, 'R2', null), batch.run(mask, '', null)].map((r) => Number(r.lastInsertRowid));
  const stock = old.db.prepare('INSERT INTO stock (item_id, batch_id, store_id, quantity) VALUES (?, ?, 1, ?)');
  stock.run(reagent, batches[0], 3);
  stock.run(reagent, batches[1], 4);
  stock.run(mask, batches[2], 10);
  old.close();
  t = testLedgerOn(openLedger(dir, { clock }), clock);
  const db = t.ledger.db;
  const s = { reagent: { id: reagent }, mask: { id: mask } };
  expect(db.prepare('SELECT item_id, batch_id, store_id, quantity, expiry_key FROM stock ORDER BY batch_id').all()).toEqual([
    { item_id: s.reagent.id, batch_id: 1, store_id: 1, quantity: 3, expiry_key: '2027-02-01' },
    { item_id: s.reagent.id, batch_id: 2, store_id: 1, quantity: 4, expiry_key: '9999-12-31' },
    { item_id: s.mask.id, batch_id: 3, store_id: 1, quantity: 10, expiry_key: '9999-12-31' },
  ]);
  expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('document_lines_item', 'stock_fefo')").pluck().all()).toEqual(['stock_fefo']);
  const site = t.ok('checkpoints.create', { name: '东湖小区核酸采样点', type: '核酸采样点' });
  const alice = t.ok('people.create', { name: '林晓雯', checkpointId: site.id });
  const slip = t.posted({ type: 'issue', checkpointId: site.id, personId: alice.id, lines: [{ itemId: s.reagent.id, quantity: 5 }] });
  expect(slip.lines.map((l) => [l.batchNo, l.quantity])).toEqual([['R1', 3], ['R2', 2]]);
});
