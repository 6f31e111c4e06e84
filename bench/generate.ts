/**
 * Ledgers of realistic shape for the benchmarks: 500 items (half with batches and expiry),
 * 60 checkpoints, 20 sources, 120 pickup persons, and a daily rhythm of receipts and slips going
 * back as many days as it takes to reach the wanted number of movements (~3,000 a day). Rows are
 * written with raw prepared statements (posting them one by one would take minutes), keeping
 * stock, numbering and the movement sums consistent; `ledger.verify` checks it.
 */
import { openLedger, write, type Ledger } from '../db/open';
import { createCheckpoint, createPerson } from '../db/reference/places';
import { createSource, localOperatorId } from '../db/reference/catalog';
import { createItem } from '../db/reference/items';
import { addDays, businessDate, compactDate, zonedInstant } from '../db/time';

export const GENERATOR_VERSION = '2';
export const MOVEMENTS_PER_DAY = 3000;
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

  const days = Math.max(1, Math.ceil(movements / MOVEMENTS_PER_DAY));
  const perDay = Math.ceil(movements / days);
  const lastDay = businessDate(end, TZ);
  const firstDay = addDays(lastDay, -(days - 1));
  const insertDoc = db.prepare(`INSERT INTO documents (type, number, state, occurred_at, business_date, store_id, source_id, checkpoint_id, person_id, counterparty, operator_id, note, created_at)
    VALUES (?, ?, 'posted', ?, ?, 1, ?, ?, ?, '', ?, '', ?)`);
  const insertLine = db.prepare('INSERT INTO document_lines (document_id, line_no, item_id, batch_id, quantity, unit_price) VALUES (?, ?, ?, ?, ?, 0)');
  const insertMove = db.prepare('INSERT INTO movements (document_id, line_id, kind, occurred_at, item_id, batch_id, store_id, checkpoint_id, source_id, delta) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)');
  const insertBatch = db.prepare('INSERT INTO batches (item_id, batch_no, production_date, expiry_date) VALUES (?, ?, ?, ?)');
  const stock = new Map<number, { item: number; qty: number }>();
  const itemBatches = new Map<number, number[]>();
  const counters = new Map<string, number>();
  const nextNumber = (prefix: string, type: string, day: string) => {
    const k = `${type}:${day}`;
    const n = (counters.get(k) ?? 0) + 1;
    counters.set(k, n);
    return `${prefix}${compactDate(day)}-${String(n).padStart(3, '0')}`;
  };

  write(ledger, () => {
    let written = 0;
    // An opening receipt of every item, ample for the whole history.
    const openAt = new Date(zonedInstant(firstDay, '07:00', TZ).getTime()).toISOString();
    const opening = Number(insertDoc.run('receipt', nextNumber('RK', 'receipt', firstDay), openAt, firstDay, sources[0].id, null, null, userId, openAt).lastInsertRowid);
    items.forEach((item, i) => {
      const batchNo = item.tracksBatches ? 'OPEN' : '';
      const batch = Number(insertBatch.run(item.id, batchNo, item.tracksBatches ? firstDay : null, item.tracksBatches ? addDays(lastDay, 365) : null).lastInsertRowid);
      itemBatches.set(item.id, [batch]);
      const qty = 1_000_000;
      const line = Number(insertLine.run(opening, i + 1, item.id, batch, qty).lastInsertRowid);
      insertMove.run(opening, line, 'receipt', openAt, item.id, batch, null, sources[0].id, qty);
      stock.set(batch, { item: item.id, qty });
      written++;
    });
    for (let d = 0; d < days && written < movements; d++) {
      const day = addDays(firstDay, d);
      const dayStart = zonedInstant(day, '08:00', TZ).getTime();
      // Morning receipts: 40 lines restocking what runs low.
      const receipts: number[] = [];
      for (let r = 0; r < 4 && written < movements; r++) {
        const at = new Date(dayStart + r * 60_000).toISOString();
        const doc = Number(insertDoc.run('receipt', nextNumber('RK', 'receipt', day), at, day, sources[(d + r) % sources.length].id, null, null, userId, at).lastInsertRowid);
        receipts.push(doc);
        for (let l = 0; l < 10; l++) {
          const item = items[Math.floor(random() * items.length)];
          const batchNo = item.tracksBatches ? `P${day.replaceAll('-', '')}${r}` : '';
          let batch = db.prepare('SELECT id FROM batches WHERE item_id = ? AND batch_no = ?').get(item.id, batchNo) as { id: number } | undefined;
          if (!batch) {
            batch = { id: Number(insertBatch.run(item.id, batchNo, item.tracksBatches ? day : null, item.tracksBatches ? addDays(day, 30 + Math.floor(random() * 400)) : null).lastInsertRowid) };
            itemBatches.set(item.id, [...(itemBatches.get(item.id) ?? []), batch.id]);
          }
          const qty = 200 + Math.floor(random() * 800);
          const line = Number(insertLine.run(doc, l + 1, item.id, batch.id, qty).lastInsertRowid);
          insertMove.run(doc, line, 'receipt', at, item.id, batch.id, null, sources[(d + r) % sources.length].id, qty);
          const s = stock.get(batch.id) ?? { item: item.id, qty: 0 };
          s.qty += qty;
          stock.set(batch.id, s);
          written++;
        }
      }
      // Slips through the day, five lines each, from batches that hold stock.
      const slips = Math.ceil((Math.min(perDay, movements - written) - 40) / 5);
      for (let k = 0; k < slips && written < movements; k++) {
        const at = new Date(dayStart + 10 * 60_000 + Math.floor((k / slips) * 9 * 3600_000)).toISOString();
        const person = people[Math.floor(random() * people.length)];
        const doc = Number(insertDoc.run('issue', nextNumber('CK', 'issue', day), at, day, null, person.checkpointId, person.id, userId, at).lastInsertRowid);
        for (let l = 0; l < 5; l++) {
          const item = items[Math.floor(random() * items.length)];
          const batch = (itemBatches.get(item.id) ?? []).find((b) => (stock.get(b)?.qty ?? 0) > 0);
          if (batch === undefined) continue;
          const s = stock.get(batch)!;
          const qty = Math.min(s.qty, 1 + Math.floor(random() * 20));
          const line = Number(insertLine.run(doc, l + 1, item.id, batch, qty).lastInsertRowid);
          insertMove.run(doc, line, 'issue', at, item.id, batch, person.checkpointId, null, -qty);
          s.qty -= qty;
          written++;
        }
      }
      void receipts;
    }
    const insertStock = db.prepare('INSERT INTO stock (item_id, batch_id, store_id, quantity) VALUES (?, ?, 1, ?)');
    for (const [batch, s] of stock) insertStock.run(s.item, batch, s.qty);
    const insertCounter = db.prepare('INSERT INTO doc_counters (type, day, last) VALUES (?, ?, ?)');
    for (const [k, n] of counters) {
      const [type, day] = k.split(':');
      insertCounter.run(type, day, n);
    }
    db.prepare("INSERT INTO settings (key, value) VALUES ('bench_generator', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(`${GENERATOR_VERSION}:${movements}`);
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  return ledger;
}
