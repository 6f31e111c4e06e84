/**
 * Ledgers of realistic shape for the benchmarks: 500 items (half with batches and expiry),
 * 60 checkpoints, 20 sources, 120 pickup persons, and a daily rhythm of 3,000 movements (morning
 * receipts restocking the 40 items that run lowest, then five-line slips through the day, each line
 * taken first-expiry-first-out) going back as many days as it takes to reach the wanted number of
 * movements. Stock turns over as in a real warehouse, so what is on hand (about two batches per
 * batch-tracked item) is the same size whatever the length of the history. Rows are written with raw
 * prepared statements (posting them one by one would take minutes), keeping stock, numbering and the
 * movement sums consistent; `ledger.verify` checks it.
 */
import { openLedger, write, type Ledger } from '../db/open';
import { holdingSums } from '../db/queries/verify';
import { qb, run } from '../db/sql';
import { createCheckpoint, createPerson } from '../db/reference/places';
import { createSource, localOperatorId } from '../db/reference/catalog';
import { createItem } from '../db/reference/items';
import { addDays, businessDate, compactDate, zonedInstant } from '../db/time';

export const GENERATOR_VERSION = '4';
export const MOVEMENTS_PER_DAY = 3000;
const RECEIPTS_PER_DAY = 4;
const RECEIPT_LINES = 10;
const SLIP_LINES = 5;
/** Each item is restocked up to about three weeks of its average issues. */
const TARGET_STOCK = 1300;
const TZ = 'Asia/Shanghai';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export interface Shape {
  items: number;
  checkpoints: number;
  sources: number;
}
export const SHAPE: Shape = { items: 500, checkpoints: 60, sources: 20 };

/** Builds a ledger in `dir` whose history ends at `end` with about `movements` movements. */
export function generateLedger(dir: string, movements: number, end: Date, shape: Shape = SHAPE): Ledger {
  const ledger = openLedger(dir);
  const random = rng(7);
  const db = ledger.db;
  const userId = localOperatorId(db);
  const { items, sources, people } = write(ledger, (tx) => {
    const cats = (db.prepare('SELECT id FROM categories').all() as { id: number }[]).map((c) => c.id);
    const items = Array.from({ length: shape.items }, (_, i) =>
      createItem(tx, { code: `B${String(i).padStart(4, '0')}`, name: `物资${i}号`, spec: `规格${i % 7}`, categoryId: cats[i % cats.length], unit: '个', tracksBatches: i % 2 === 0, minStock: 10, unitPrice: 100 + i }),
    );
    const sources = Array.from({ length: shape.sources }, (_, i) => createSource(tx, { name: `来源单位${i}`, type: (['allocation', 'purchase', 'donation', 'other'] as const)[i % 4] }));
    const checkpoints = Array.from({ length: shape.checkpoints }, (_, i) => createCheckpoint(tx, { name: `点位${i}`, type: '核酸采样点' }));
    const people = checkpoints.flatMap((c, i) => [0, 1].map((k) => createPerson(tx, { name: `领取人${i}-${k}`, phone: '13800000000', checkpointId: c.id })));
    return { items, sources, people };
  });

  const slipsPerDay = (MOVEMENTS_PER_DAY - RECEIPTS_PER_DAY * RECEIPT_LINES) / SLIP_LINES;
  const days = Math.max(1, Math.round((movements - items.length) / MOVEMENTS_PER_DAY));
  const lastDay = businessDate(end, TZ);
  const firstDay = addDays(lastDay, -(days - 1));
  const insertDoc = db.prepare(`INSERT INTO documents (type, number, state, occurred_at, business_date, store_id, source_id, checkpoint_id, person_id, counterparty, operator_id, note, created_at)
    VALUES (?, ?, 'posted', ?, ?, 1, ?, ?, ?, '', ?, '', ?)`);
  const insertLine = db.prepare('INSERT INTO document_lines (document_id, line_no, item_id, batch_id, quantity, unit_price) VALUES (?, ?, ?, ?, ?, 0)');
  const insertMove = db.prepare('INSERT INTO movements (document_id, line_id, kind, occurred_at, item_id, batch_id, store_id, checkpoint_id, source_id, delta) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)');
  const insertBatch = db.prepare('INSERT INTO batches (item_id, batch_no, production_date, expiry_date) VALUES (?, ?, ?, ?)');
  type Batch = { id: number; item: number; expiry: string; qty: number };
  const batches: Batch[] = [];
  /** Per item: its batches holding stock, in first-expiry-first-out order. */
  const onHand = new Map<number, Batch[]>(items.map((i) => [i.id, []]));
  const held = (itemId: number) => onHand.get(itemId)!.reduce((s, b) => s + b.qty, 0);
  /** Goods without batch numbers keep one batch each. */
  const plainBatch = new Map<number, Batch>();
  const counters = new Map<string, number>();
  const nextNumber = (prefix: string, type: string, day: string) => {
    const k = `${type}:${day}`;
    const n = (counters.get(k) ?? 0) + 1;
    counters.set(k, n);
    return `${prefix}${compactDate(day)}-${String(n).padStart(3, '0')}`;
  };
  const receive = (doc: number, lineNo: number, at: string, item: (typeof items)[number], batchNo: string, produced: string | null, expiry: string | null, qty: number, sourceId: number) => {
    const id = Number(insertBatch.run(item.id, batchNo, produced, expiry).lastInsertRowid);
    const batch = { id, item: item.id, expiry: expiry ?? '9999-12-31', qty };
    batches.push(batch);
    if (!batchNo) plainBatch.set(item.id, batch);
    const list = onHand.get(item.id)!;
    list.push(batch);
    list.sort((a, b) => a.expiry.localeCompare(b.expiry) || a.id - b.id);
    const line = Number(insertLine.run(doc, lineNo, item.id, id, qty).lastInsertRowid);
    insertMove.run(doc, line, 'receipt', at, item.id, id, null, sourceId, qty);
  };

  write(ledger, () => {
    // An opening receipt of every item.
    const openAt = zonedInstant(firstDay, '07:00', TZ).toISOString();
    const opening = Number(insertDoc.run('receipt', nextNumber('RK', 'receipt', firstDay), openAt, firstDay, sources[0].id, null, null, userId, openAt).lastInsertRowid);
    items.forEach((item, i) => {
      const tracked = item.tracksBatches;
      receive(opening, i + 1, openAt, item, tracked ? 'OPEN' : '', tracked ? firstDay : null, tracked ? addDays(lastDay, 365) : null, TARGET_STOCK, sources[0].id);
    });
    for (let d = 0; d < days; d++) {
      const day = addDays(firstDay, d);
      const dayStart = zonedInstant(day, '08:00', TZ).getTime();
      // Morning receipts restock the items that run lowest; goods without batch numbers go to their one batch.
      const lowest = [...items].sort((a, b) => held(a.id) - held(b.id) || a.id - b.id).slice(0, RECEIPTS_PER_DAY * RECEIPT_LINES);
      for (let r = 0; r < RECEIPTS_PER_DAY; r++) {
        const at = new Date(dayStart + r * 60_000).toISOString();
        const source = sources[(d + r) % sources.length].id;
        const doc = Number(insertDoc.run('receipt', nextNumber('RK', 'receipt', day), at, day, source, null, null, userId, at).lastInsertRowid);
        lowest.slice(r * RECEIPT_LINES, (r + 1) * RECEIPT_LINES).forEach((item, l) => {
          const qty = Math.max(200, TARGET_STOCK - held(item.id)) + Math.floor(random() * 100);
          if (item.tracksBatches) {
            receive(doc, l + 1, at, item, `P${compactDate(day)}${r}`, day, addDays(day, 30 + Math.floor(random() * 400)), qty, source);
            return;
          }
          const plain = plainBatch.get(item.id)!;
          if (plain.qty === 0) onHand.get(item.id)!.push(plain);
          plain.qty += qty;
          const line = Number(insertLine.run(doc, l + 1, item.id, plain.id, qty).lastInsertRowid);
          insertMove.run(doc, line, 'receipt', at, item.id, plain.id, null, source, qty);
        });
      }
      // Slips through the day, five lines each, first-expiry-first-out.
      for (let k = 0; k < slipsPerDay; k++) {
        const at = new Date(dayStart + 10 * 60_000 + Math.floor((k / slipsPerDay) * 9 * 3600_000)).toISOString();
        const person = people[Math.floor(random() * people.length)];
        const doc = Number(insertDoc.run('issue', nextNumber('CK', 'issue', day), at, day, null, person.checkpointId, person.id, userId, at).lastInsertRowid);
        for (let l = 0; l < SLIP_LINES; l++) {
          // An item that happens to be out is swapped for another, as a clerk would.
          let list = onHand.get(items[Math.floor(random() * items.length)].id)!;
          while (!list.length) list = onHand.get(items[Math.floor(random() * items.length)].id)!;
          const batch = list[0];
          const qty = Math.min(batch.qty, 1 + Math.floor(random() * 20));
          const line = Number(insertLine.run(doc, l + 1, batch.item, batch.id, qty).lastInsertRowid);
          insertMove.run(doc, line, 'issue', at, batch.item, batch.id, person.checkpointId, null, -qty);
          batch.qty -= qty;
          if (batch.qty === 0) list.shift();
        }
      }
    }
    const insertStock = db.prepare('INSERT INTO stock (item_id, batch_id, store_id, quantity) VALUES (?, ?, 1, ?)');
    for (const b of batches) insertStock.run(b.item, b.id, b.qty);
    // What each checkpoint holds, kept as posting keeps it (migration 0011).
    run(db, qb.insertInto('holdings').columns(['checkpoint_id', 'item_id', 'holding', 'batch_id', 'store_id', 'quantity']).expression(holdingSums));
    const insertCounter = db.prepare('INSERT INTO doc_counters (type, day, last) VALUES (?, ?, ?)');
    for (const [k, n] of counters) {
      const [type, day] = k.split(':');
      insertCounter.run(type, day, n);
    }
    db.prepare("INSERT INTO settings (key, value) VALUES ('bench_generator', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(`${GENERATOR_VERSION}:${movements}`);
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  // No ANALYZE: the app never runs it, so an office's ledger has no statistics and neither does this.
  // (With statistics, SQLite's STAT4 re-plans a statement whenever a bound range value changes.)
  return ledger;
}
