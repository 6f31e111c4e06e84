import fc from 'fast-check';
import { expect, test } from 'vitest';
import { callApi } from '../../db/api/call';
import { openLedger } from '../../db/open';
import { seedBasics, snapshot, tempLedger } from '../helpers/ledger';
import { HOLDINGS, holdingOfKind, MovementModel, type Move } from '../helpers/movement-model';

/**
 * Model-based test of the ledger as of an instant. Random sequences of documents of every type in two
 * stores, 移库 between them, many dated back, voids with times (after returns too), stocktakes, late entries and report submissions,
 * through two connections to one file, against MovementModel: timestamped movements replayed in time
 * order. The model decides whether a document can stand (enough at its time and every later instant,
 * nothing before a later count, nothing in a locked period) and checks every accepted document's
 * movements and every report's figures; a refused document must change nothing.
 */
const HOUR = 3600_000;
const START = Date.parse('2026-11-20T08:00:00+08:00');
/** The office zone is fixed at UTC+8 (Asia/Shanghai has no summer time): the office day of an instant. */
const officeDay = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);
const DAY = 24 * HOUR;
/** The daily report an instant counts towards, as a day number: (the day before's 15:00, this day's 15:00]. */
const dayOf = (t: number) => Math.ceil((t - 7 * HOUR) / DAY);
const BATCHES = [
  { no: 'A', expiry: '2026-11-22' },
  { no: 'B', expiry: '2026-12-31' },
  { no: 'C', expiry: '2027-06-30' },
];
const OUT = ['issue', 'loss', 'transfer_out', 'loan', 'move'];

type Op =
  | { op: 'post'; type: 'receipt' | 'issue' | 'return' | 'loan' | 'loan_return' | 'loss' | 'transfer_out' | 'move'; item: number; qty: number; cp: number; batch: number; override: boolean; store: number }
  | { op: 'stocktake'; item: number; counted: number; batch: number; store: number }
  | { op: 'void'; pick: number }
  | { op: 'report' }
  | { op: 'bad'; kind: number };
type Step = Op & { wait: number; back: number; conn: number };

const back = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 30 * HOUR }));
const step = (op: fc.Arbitrary<Op>) =>
  fc.tuple(op, fc.integer({ min: 0, max: 5 * HOUR }), back, fc.nat(1)).map(([o, wait, b, conn]) => ({ ...o, wait, back: o.op === 'report' ? Math.min(b, 12 * HOUR) : b, conn }) as Step);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: step(fc.record({ op: fc.constant('post' as const), type: fc.constantFrom('receipt', 'receipt', 'issue', 'issue', 'issue', 'return', 'return', 'loan', 'loan_return', 'loan_return', 'loss', 'transfer_out', 'move', 'move'), item: fc.nat(3), qty: fc.integer({ min: 1, max: 10 }), cp: fc.nat(1), batch: fc.nat(2), override: fc.boolean(), store: fc.nat(3).map((n) => (n === 3 ? 1 : 0)) })) },
  { weight: 2, arbitrary: step(fc.record({ op: fc.constant('stocktake' as const), item: fc.nat(3), counted: fc.integer({ min: 0, max: 40 }), batch: fc.nat(2), store: fc.nat(1) })) },
  { weight: 3, arbitrary: step(fc.record({ op: fc.constant('void' as const), pick: fc.nat(6) })) },
  { weight: 1, arbitrary: step(fc.record({ op: fc.constant('report' as const) })) },
  { weight: 1, arbitrary: step(fc.record({ op: fc.constant('bad' as const), kind: fc.nat(4) })) },
);

test('backdated posts, dated voids, counts and reports agree with a replay of timestamped movements', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(stepArb, { minLength: 10, maxLength: 40 }), async (steps) => {
      const t = tempLedger(new Date(START).toISOString());
      const other = openLedger(t.dir, { clock: t.clock });
      try {
        const s = seedBasics(t);
        // Two stores: the office's own and a second one that goods reach by 移库 or by receipts into it.
        const stores = [t.ok('stores.list')[0].id, t.ok('stores.create', { name: '北区库房' }).id];
        const items = [s.mask, s.reagent, s.rice, s.speaker];
        const scale = (i: number) => 10 ** items[i].decimals;
        const cps = [s.site, s.gate];
        const people = [s.alice, s.bob];
        const conns = [t.ledger, other];
        const call = (conn: number, method: string, input: unknown) => callApi({ ledger: conns[conn], userId: t.userId }, method, input);
        const model = new MovementModel();
        const docs: { id: number; number: string; type: string; t: number; voidedAt: number | null }[] = [];
        const reports: { id: number; from: number; to: number }[] = [];
        let lock = -Infinity;
        let lastDay: number | null = null;
        const batchIds = new Map<string, number>(); // `${item}:${batchNo}` → batch id, learnt from the ledger
        const movesOf = (docId: number): Move[] =>
          (t.ledger.db.prepare('SELECT store_id, item_id, batch_id, checkpoint_id, kind, occurred_at, delta FROM movements WHERE document_id = ? ORDER BY id').all(docId) as { store_id: number; item_id: number; batch_id: number; checkpoint_id: number | null; kind: string; occurred_at: string; delta: number }[])
            .map((m) => ({ t: Date.parse(m.occurred_at), store: m.store_id, item: m.item_id, batch: m.batch_id, cp: m.checkpoint_id, kind: m.kind, delta: m.delta, doc: docId }));
        const learnBatches = () => {
          for (const b of t.ledger.db.prepare('SELECT id, item_id, batch_no FROM batches').all() as { id: number; item_id: number; batch_no: string }[]) batchIds.set(`${b.item_id}:${b.batch_no}`, b.id);
        };

        // Opening stock two days before the first step, so that most documents, backdated ones too, can stand.
        const opening = t.ok('docs.post', {
          type: 'receipt', time: new Date(START - 48 * HOUR).toISOString(), sourceId: s.allocation.id,
          lines: items.flatMap((item) => (item.tracksBatches ? BATCHES.map((b) => ({ itemId: item.id, quantity: 6, batchNo: b.no, expiryDate: b.expiry })) : [{ itemId: item.id, quantity: 15 }])),
        });
        learnBatches();
        model.moves.push(...movesOf(opening.id));
        docs.push({ id: opening.id, number: opening.number, type: 'receipt', t: START - 48 * HOUR, voidedAt: null });

        for (const o of steps) {
          t.clock.advance(o.wait);
          const now = t.clock.now().getTime();
          let at = now - o.back;
          const before = snapshot(t.ledger);
          let expected: boolean | 'either';
          let r: { ok: boolean; data?: unknown; error?: { code: string; message: string } };
          let check: (() => void) | null = null;

          if (o.op === 'report') {
            // The next office day after the last one sent (the first: the opening receipt's day), cut at its
            // 15:00 (07:00 UTC) or now, whichever comes first; a day not yet begun cannot be sent.
            const next: number = lastDay === null ? dayOf(START - 48 * HOUR) : lastDay + 1;
            at = Math.min(next * DAY + 7 * HOUR, now);
            expected = next <= dayOf(now);
            r = await call(o.conn, 'reports.daily.submit', { narrative: {}, formats: ['balance'] });
            if (r.ok) {
              reports.push({ id: (r.data as { id: number }).id, from: lock, to: at });
              lock = at;
              lastDay = next;
            }
          } else if (o.op === 'bad') {
            expected = false;
            const bad = [
              { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: -1 }] },
              { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.rice.id, quantity: '1.0001' }] },
              { type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 1 }] },
              { type: 'receipt', sourceId: s.allocation.id, time: '2099-01-01T00:00:00Z', lines: [{ itemId: s.mask.id, quantity: 1 }] },
              { type: 'receipt', sourceId: 999, lines: [{ itemId: s.mask.id, quantity: 1 }] },
            ][o.kind];
            r = call(o.conn, 'docs.post', bad) as typeof r;
          } else if (o.op === 'void') {
            const live = docs.filter((d) => d.type !== 'void');
            if (!live.length) continue;
            const target = live[Math.max(0, live.length - 1 - o.pick)];
            // A dated void falls between the original and now (now and then just before the original, to be refused).
            at = !o.back ? now : o.back % 7 === 0 ? target.t - 1000 : target.t + Math.floor(((now - target.t) * (o.back % 1000)) / 1000);
            const reversal = model.moves.filter((m) => m.doc === target.id).map((m) => ({ ...m, t: at, delta: -m.delta }));
            const net = new Map<string, Move & { net: number }>();
            for (const m of reversal) {
              const k = `${m.store}:${m.item}:${m.batch}`;
              net.set(k, { ...m, net: (net.get(k)?.net ?? 0) + m.delta });
            }
            const stands = [...net.values()].every((m) =>
              (m.net >= 0 || model.lowestStock(m.store, m.item, m.batch, at) + m.net >= 0) &&
              (m.net === 0 || !model.countFrom(m.store, m.item, m.batch, at, target.id)) &&
              (m.net <= 0 || m.cp === null || !holdingOfKind(m.kind) || model.lowestHeld(m.store, m.cp, m.item, m.batch, holdingOfKind(m.kind)!, at) - m.net >= 0));
            expected = target.voidedAt === null && at >= target.t && at > lock && stands;
            r = call(o.conn, 'docs.void', { documentId: target.id, reason: '更正', ...(o.back ? { time: new Date(at).toISOString() } : {}) }) as typeof r;
            if (r.ok) {
              const z = r.data as { id: number; number: string };
              check = () => expect(movesOf(z.id).map(({ doc: _d, ...m }) => m)).toEqual(reversal.map(({ doc: _d, ...m }) => m));
              target.voidedAt = at;
              model.moves.push(...reversal.map((m) => ({ ...m, doc: z.id })));
              model.counts = model.counts.filter((c) => c.doc !== target.id);
              docs.push({ id: z.id, number: z.number, type: 'void', t: at, voidedAt: null });
            }
          } else if (o.op === 'stocktake') {
            const item = items[o.item];
            const batchNo = item.tracksBatches ? BATCHES[o.batch].no : '';
            const batch = batchIds.get(`${item.id}:${batchNo}`);
            const store = stores[o.store];
            const book = batch === undefined ? 0 : model.stockAt(store, item.id, batch, at);
            const counted = o.counted * scale(o.item);
            const diff = counted - book;
            expected = at > lock && (batch === undefined || ((diff >= 0 || model.lowestStock(store, item.id, batch, at) + diff >= 0) && (diff === 0 || !model.countFrom(store, item.id, batch, at))));
            r = call(o.conn, 'docs.post', {
              type: 'stocktake', time: new Date(at).toISOString(), storeId: store,
              lines: [{ itemId: item.id, counted: String(o.counted), reason: '盘点差异', ...(item.tracksBatches ? { batchNo, expiryDate: BATCHES[o.batch].expiry } : {}) }],
            }) as typeof r;
            if (r.ok) {
              const id = (r.data as { id: number }).id;
              learnBatches();
              const b = batchIds.get(`${item.id}:${batchNo}`)!;
              const line = t.ledger.db.prepare('SELECT book_quantity, counted_quantity, quantity FROM document_lines WHERE document_id = ?').get(id);
              check = () => {
                expect(line).toEqual({ book_quantity: book, counted_quantity: counted, quantity: diff });
                expect(movesOf(id).map((m) => [m.store, m.item, m.batch, m.delta, m.t])).toEqual(diff ? [[store, item.id, b, diff, at]] : []);
              };
              model.moves.push(...movesOf(id));
              model.counts.push({ t: at, store, item: item.id, batch: b, counted, doc: id });
              docs.push({ id, number: (r.data as { number: string }).number, type: 'stocktake', t: at, voidedAt: null });
            }
          } else {
            // Loans are for durable goods: they lend the loudspeaker. A return brings back part of an earlier slip.
            const returning = o.type === 'return' || o.type === 'loan_return';
            const slips = docs.filter((d) => d.type === (o.type === 'return' ? 'issue' : 'loan'));
            const slip = returning ? slips[Math.max(0, slips.length - 1 - (o.qty % 3))] : undefined;
            const slipMove = slip && model.moves.find((m) => m.doc === slip.id);
            const k = o.type === 'loan' || o.type === 'loan_return' ? 3 : slipMove ? items.findIndex((i) => i.id === slipMove.item) : o.item;
            const item = items[k];
            const units = returning ? 1 + (o.qty % 4) : o.qty;
            const qty = units * scale(k);
            const cp = slipMove ? cps.find((c) => c.id === slipMove.cp)! : cps[o.type === 'loan' ? 1 : o.cp];
            // Goods come back to the store they left; a 移库 goes to the other store.
            const store = slipMove ? slipMove.store : stores[o.store];
            const to = stores.find((x) => x !== store)!;
            const day = officeDay(at);
            const batchNo = item.tracksBatches ? BATCHES[o.batch].no : '';
            const expiryOf = (b: number) => BATCHES.find((x) => batchIds.get(`${item.id}:${x.no}`) === b)?.expiry ?? null;
            const usable = (b: number, withExpired: boolean) => withExpired || (expiryOf(b) ?? '9999') >= day;
            const room = (b: number) => Math.max(0, model.lowestStock(store, item.id, b, at));
            const countedLater = (bs: number[]) => bs.some((b) => model.countFrom(store, item.id, b, at) || (o.type === 'move' && model.countFrom(to, item.id, b, at)));
            let fresh = 0;
            if (o.type === 'receipt') {
              const b = batchIds.get(`${item.id}:${batchNo}`);
              expected = at > lock && (b === undefined || !model.countFrom(store, item.id, b, at));
            } else if (OUT.includes(o.type)) {
              const withExpired = o.type === 'loss' || o.type === 'move' || o.override;
              const candidates = model.batchesOf(item.id).filter((b) => usable(b, withExpired) && room(b) > 0);
              fresh = model.batchesOf(item.id).filter((b) => usable(b, false)).reduce((q, b) => q + room(b), 0);
              const enough = candidates.reduce((q, b) => q + room(b), 0) >= qty;
              // Which batches a document takes is the ledger's rule; a later count of one of them may refuse it.
              expected = at > lock && enough ? (countedLater(candidates) ? 'either' : true) : false;
            } else {
              const holding = o.type === 'return' ? 'issue' : 'loan';
              const held = model.batchesOf(item.id).map((b) => [b, Math.max(0, model.lowestHeld(store, cp.id, item.id, b, holding, at))]).filter(([, q]) => q > 0);
              const enough = held.reduce((q, [, n]) => q + n, 0) >= qty;
              expected = at > lock && enough ? (countedLater(held.map(([b]) => b)) ? 'either' : true) : false;
            }
            r = call(o.conn, 'docs.post', {
              type: o.type, time: new Date(at).toISOString(), storeId: store,
              // A 移库 names its two stores and no outside party.
              ...(o.type === 'move' ? { toStoreId: to } : { sourceId: s.allocation.id, checkpointId: cp.id, personId: people[o.cp].id, counterparty: '西城街道' }),
              lines: [{
                itemId: item.id, quantity: String(units),
                ...(o.type === 'receipt' && item.tracksBatches ? { batchNo, expiryDate: BATCHES[o.batch].expiry } : {}),
                ...(o.type === 'loss' ? { reason: '破损' } : {}), ...(o.override ? { expiredOverride: '急用' } : {}),
              }],
            }) as typeof r;
            if (r.ok) {
              const id = (r.data as { id: number }).id;
              learnBatches();
              const moved = movesOf(id);
              const sign = o.type === 'receipt' || o.type === 'return' || o.type === 'loan_return' ? 1 : -1;
              const lines = t.ledger.db.prepare('SELECT batch_id, override_reason FROM document_lines WHERE document_id = ?').all(id) as { batch_id: number; override_reason: string }[];
              check = () => {
                if (o.type === 'move') {
                  // One document, two legs at one instant: what leaves one store's batches enters the other's.
                  const out = moved.filter((m) => m.store === store);
                  expect(moved.filter((m) => m.store === to).map((m) => [m.batch, m.delta])).toEqual(out.map((m) => [m.batch, -m.delta]));
                  expect(out.reduce((q, m) => q - m.delta, 0)).toBe(qty);
                  expect(moved.every((m) => m.kind === 'move' && m.t === at && m.delta !== 0 && m.cp === null)).toBe(true);
                  // Expired stock moves only for what unexpired stock cannot cover.
                  expect(out.filter((m) => !usable(m.batch, false)).reduce((q, m) => q - m.delta, 0)).toBeLessThanOrEqual(Math.max(0, qty - fresh));
                  return;
                }
                expect(moved.reduce((q, m) => q + m.delta, 0)).toBe(sign * qty);
                expect(moved.every((m) => Math.sign(m.delta) === sign && m.kind === o.type && m.t === at && m.cp === cp.id)).toBe(true);
                if (o.type === 'receipt') expect(moved.map((m) => m.batch)).toEqual([batchIds.get(`${item.id}:${batchNo}`)]);
                if (OUT.includes(o.type) && o.type !== 'loss') {
                  // Expired stock only with an override, and then only for what unexpired stock could not give.
                  const expiredTaken = moved.filter((m) => !usable(m.batch, false)).reduce((q, m) => q - m.delta, 0);
                  expect(expiredTaken).toBeLessThanOrEqual(o.override ? Math.max(0, qty - fresh) : 0);
                  expect(lines.every((l) => (l.override_reason === '急用') === !usable(l.batch_id, false))).toBe(true);
                }
              };
              model.moves.push(...moved);
              docs.push({ id, number: (r.data as { number: string }).number, type: o.type, t: at, voidedAt: null });
            }
          }

          const label = `${JSON.stringify(o)} at ${new Date(at).toISOString()} → ${r.ok ? 'ok' : JSON.stringify(r.error)}`;
          if (expected !== 'either') expect(r.ok, label).toBe(expected);
          if (!r.ok) {
            expect(snapshot(t.ledger), label).toEqual(before);
            if (o.op === 'report') expect(r.error!.code, label).toBe('INVALID_INPUT');
            else if (at <= lock && (o.op === 'post' || o.op === 'stocktake')) expect(r.error!.code, label).toBe('PERIOD_LOCKED');
          } else {
            check?.();
            expect(model.violations(), label).toEqual([]);
          }
        }

        // The kept stock is the model's balance now, and every submitted report the model's figures for its period.
        const end = t.clock.now().getTime() + 11 * 60_000;
        const kept = t.ledger.db.prepare('SELECT store_id, item_id, batch_id, quantity FROM stock WHERE quantity <> 0 ORDER BY store_id, item_id, batch_id').all();
        const replayed = [...new Set(model.moves.map((m) => `${m.store}:${m.item}:${m.batch}`))].map((k) => k.split(':').map(Number))
          .map(([store, item, batch]) => ({ store_id: store, item_id: item, batch_id: batch, quantity: model.stockAt(store, item, batch, end) })).filter((x) => x.quantity !== 0)
          .sort((a, b) => a.store_id - b.store_id || a.item_id - b.item_id || a.batch_id - b.batch_id);
        expect(kept).toEqual(replayed);
        // So is what each checkpoint is kept as holding.
        const keptHeld = t.ledger.db.prepare('SELECT store_id, checkpoint_id, item_id, holding, batch_id, quantity FROM holdings WHERE quantity <> 0 ORDER BY 1, 2, 3, 4, 5').all();
        const heldKeys = [...new Set(model.moves.filter((m) => m.cp !== null && holdingOfKind(m.kind)).map((m) => `${m.store}:${m.cp}:${m.item}:${holdingOfKind(m.kind)}:${m.batch}`))].map((k) => k.split(':'));
        const replayedHeld = heldKeys
          .map(([store, cp, item, holding, batch]) => ({ store_id: Number(store), checkpoint_id: Number(cp), item_id: Number(item), holding, batch_id: Number(batch), quantity: model.heldAt(Number(store), Number(cp), Number(item), Number(batch), holding, end) }))
          .filter((x) => x.quantity !== 0)
          .sort((a, b) => a.store_id - b.store_id || a.checkpoint_id - b.checkpoint_id || a.item_id - b.item_id || a.holding.localeCompare(b.holding) || a.batch_id - b.batch_id);
        expect(keptHeld).toEqual(replayedHeld);
        expect(t.ok('ledger.verify').ok).toBe(true);
        for (const rep of reports) {
          const report = t.ok('reports.daily.get', { id: rep.id }).report;
          items.forEach((item, k) => {
            const row = report.items.find((i) => i.itemId === item.id);
            const f = (kinds: string[]) => model.flow(item.id, rep.from, rep.to, kinds);
            const want = {
              opening: model.balance(item.id, rep.from), received: f(['receipt']), issued: -f(['issue', 'return']), adjusted: f(['loss', 'stocktake']),
              lent: -f(HOLDINGS.loan), transferredOut: -f(['transfer_out']), closing: model.balance(item.id, rep.to),
            };
            const got = row
              ? { opening: row.opening, received: row.received, issued: row.issued, adjusted: row.adjusted, lent: row.lent, transferredOut: row.transferredOut, closing: row.closing }
              : { opening: 0, received: 0, issued: 0, adjusted: 0, lent: 0, transferredOut: 0, closing: 0 };
            expect(Object.fromEntries(Object.entries(got).map(([key, v]) => [key, Math.round(v * scale(k))])), `report ${rep.id} ${item.name}`).toEqual(
              Object.fromEntries(Object.entries(want).map(([key, v]) => [key, v || 0])),
            );
            // The slip list, counted as listed, is 本期出库; a slip is 作废 only if voided by the cutoff.
            const slips = report.slips.filter((l) => l.item === item.name);
            expect(Math.round(slips.reduce((q, l) => q + (l.voided ? 0 : l.quantity), 0) * scale(k))).toBe(want.issued || 0);
            for (const l of slips.filter((x) => x.kind === 'issue')) {
              const d = docs.find((x) => x.number === l.number)!;
              expect(l.voided, `${l.number} in report ${rep.id}`).toBe(d.voidedAt !== null && d.voidedAt <= rep.to);
            }
          });
          // Loans out at the cutoff.
          const out = model.moves.filter((m) => m.t <= rep.to && holdingOfKind(m.kind) === 'loan').reduce((q, m) => q - m.delta, 0);
          expect(report.loans.reduce((q, l) => q + l.quantity, 0)).toBe(out);
        }
        // Numbers stay gap-free per type and day.
        const numbers = t.ledger.db.prepare('SELECT type, business_date, number FROM documents ORDER BY type, business_date, number').all() as { type: string; business_date: string; number: string }[];
        const groups = new Map<string, number[]>();
        for (const n of numbers) groups.set(`${n.type}:${n.business_date}`, [...(groups.get(`${n.type}:${n.business_date}`) ?? []), Number(n.number.split('-')[1])]);
        for (const seq of groups.values()) expect(seq).toEqual(seq.map((_, i) => i + 1));
      } finally {
        other.close();
        t.close();
      }
    }),
    { numRuns: 100 },
  );
});
