import fc from 'fast-check';
import { expect, test } from 'vitest';
import { seedBasics, snapshot, tempLedger } from '../helpers/ledger';

/**
 * Model-based test: random sequences of posts, voids, stocktakes and bad inputs against a simple
 * in-memory model of per-item stock and per-checkpoint holdings. Every item keeps one batch here,
 * so the model's per-item numbers are exact.
 */
type Op =
  | { op: 'receipt' | 'issue' | 'return' | 'loan' | 'loan_return' | 'loss' | 'transfer_out'; item: number; qty: number; cp: number; wait: number }
  | { op: 'stocktake'; item: number; qty: number; wait: number }
  | { op: 'void'; pick: number; wait: number }
  | { op: 'bad'; kind: number; wait: number };

const wait = fc.integer({ min: 0, max: 6 * 3600_000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('receipt', 'issue', 'issue', 'return', 'loan', 'loan', 'loan_return', 'loss', 'transfer_out'), item: fc.nat(3), qty: fc.integer({ min: 1, max: 12 }), cp: fc.nat(1), wait }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('stocktake'), item: fc.nat(3), qty: fc.integer({ min: 0, max: 60 }), wait }) },
  // Voids mostly hit recent documents, as they do in an office.
  { weight: 2, arbitrary: fc.record({ op: fc.constant('void'), pick: fc.nat(5), wait }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bad'), kind: fc.nat(5), wait }) },
) as fc.Arbitrary<Op>;

test('random sequences keep stock == model == Σ movements, never negative, numbers gap-free', () => {
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), (ops) => {
      const t = tempLedger('2026-11-20T08:00:00+08:00');
      try {
        const s = seedBasics(t);
        const items = [s.mask, s.reagent, s.rice, s.speaker];
        const cps = [s.site, s.gate];
        const people = [s.alice, s.bob];
        const stock = new Map<number, number>(); // item id → quantity in scaled units (rice: ×1000)
        const held = new Map<string, number>(); // `${kind}:${cp}:${item}` → what the checkpoint holds
        const posted: { id: number; effects: { item: number; delta: number; hold?: string }[]; voided: boolean; type: string }[] = [];
        const scale = (itemIdx: number) => (items[itemIdx].decimals === 3 ? 1000 : 1);
        const get = (m: Map<string | number, number>, k: string | number) => m.get(k as never) ?? 0;
        // An opening receipt of every item, so that most outgoing documents can succeed.
        const opening = t.ok('docs.post', {
          type: 'receipt', sourceId: s.allocation.id,
          lines: items.map((i) => ({ itemId: i.id, quantity: 50, ...(i.tracksBatches ? { batchNo: 'P1', expiryDate: '2030-01-01' } : {}) })),
        });
        posted.push({ id: opening.id, effects: items.map((i, k) => ({ item: i.id, delta: 50 * scale(k) })), voided: false, type: 'receipt' });
        items.forEach((i, k) => stock.set(i.id, 50 * scale(k)));

        for (const o of ops) {
          t.clock.advance(o.wait);
          const before = snapshot(t.ledger);
          let expectOk: boolean;
          let r;
          let effects: { item: number; delta: number; hold?: string }[] = [];
          if (o.op === 'void') {
            if (posted.length === 0) continue;
            const target = posted[Math.max(0, posted.length - 1 - o.pick)];
            const after = new Map(stock);
            const heldAfter = new Map(held);
            for (const e of target.effects) {
              after.set(e.item, get(after, e.item) - e.delta);
              if (e.hold) heldAfter.set(e.hold, get(heldAfter, e.hold) + e.delta);
            }
            const loanNegative = target.type === 'loan' && [...heldAfter].some(([k, v]) => k.startsWith('loan:') && v < 0);
            expectOk = !target.voided && [...after.values()].every((v) => v >= 0) && !loanNegative;
            r = t.call('docs.void', { documentId: target.id, reason: '测试作废' });
            if (r.ok) {
              target.voided = true;
              stock.clear();
              after.forEach((v, k) => stock.set(k, v));
              held.clear();
              heldAfter.forEach((v, k) => held.set(k, v));
            }
          } else if (o.op === 'bad') {
            const bad = [
              { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: -1 }] },
              { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [] },
              { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.rice.id, quantity: '1.0001' }] },
              { type: 'receipt', sourceId: 999, lines: [{ itemId: s.mask.id, quantity: 1 }] },
              { type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 1 }] },
              { type: 'receipt', sourceId: s.allocation.id, time: '2099-01-01T00:00:00Z', lines: [{ itemId: s.mask.id, quantity: 1 }] },
            ][o.kind];
            expectOk = false;
            r = t.call('docs.post', bad as never);
          } else {
            // Loans are for durable goods: lend the loudspeaker (the 'bad' ops try a mask).
            const itemIdx = o.op === 'loan' || o.op === 'loan_return' ? 3 : o.item;
            const item = items[itemIdx];
            const scaled = o.qty * scale(itemIdx);
            const qty = item.decimals === 3 ? `${o.qty}` : o.qty;
            // Loans all go to one checkpoint, so that lend → partial return → void cycles come up often.
            const cp = cps[o.op === 'stocktake' ? 0 : o.op === 'loan' || o.op === 'loan_return' ? 1 : o.cp];
            const line: Record<string, unknown> = { itemId: item.id };
            if (item.tracksBatches) Object.assign(line, { batchNo: 'P1', expiryDate: '2030-01-01' });
            const cur = get(stock, item.id);
            const durable = item.durable;
            const hk = (kind: string) => `${kind}:${cp.id}:${item.id}`;
            switch (o.op) {
              case 'receipt': expectOk = true; effects = [{ item: item.id, delta: scaled }]; break;
              case 'issue': expectOk = cur >= scaled; effects = [{ item: item.id, delta: -scaled, hold: hk('issue') }]; break;
              case 'loss': case 'transfer_out': expectOk = cur >= scaled; effects = [{ item: item.id, delta: -scaled }]; break;
              case 'return': expectOk = get(held, hk('issue')) >= scaled; effects = [{ item: item.id, delta: scaled, hold: hk('issue') }]; break;
              case 'loan': expectOk = durable && cur >= scaled; effects = [{ item: item.id, delta: -scaled, hold: hk('loan') }]; break;
              case 'loan_return': expectOk = durable && get(held, hk('loan')) >= scaled; effects = [{ item: item.id, delta: scaled, hold: hk('loan') }]; break;
              case 'stocktake': expectOk = true; effects = [{ item: item.id, delta: scaled - cur }]; break;
            }
            if (o.op === 'stocktake') Object.assign(line, { counted: qty, reason: '盘点差异' });
            else Object.assign(line, { quantity: qty, reason: '报损' });
            if (o.op !== 'loss') delete line.reason;
            if (o.op === 'stocktake') line.reason = '盘点差异';
            r = t.call('docs.post', {
              type: o.op, sourceId: s.allocation.id, checkpointId: cp.id, personId: people[o.op === 'stocktake' ? 0 : o.cp].id,
              counterparty: '西城街道', lines: [line],
            } as never);
            if (r.ok) {
              for (const e of effects) {
                stock.set(e.item, get(stock, e.item) + e.delta);
                if (e.hold) held.set(e.hold, get(held, e.hold) - e.delta);
              }
              posted.push({ id: r.data.id, effects, voided: false, type: o.op });
            }
          }
          expect(r.ok, `${JSON.stringify(o)} → ${JSON.stringify(r.ok ? 'ok' : r.error)}`).toBe(expectOk);
          if (!r.ok) expect(snapshot(t.ledger)).toEqual(before);
          const actual = t.ledger.db.prepare('SELECT item_id, SUM(quantity) AS q, MIN(quantity) AS lowest FROM stock GROUP BY item_id').all() as { item_id: number; q: number; lowest: number }[];
          for (const row of actual) {
            expect(row.lowest).toBeGreaterThanOrEqual(0);
            expect(row.q).toBe(get(stock, row.item_id));
          }
        }
        expect(t.ok('ledger.verify').ok).toBe(true);
        const numbers = t.ledger.db.prepare('SELECT type, business_date, number FROM documents ORDER BY type, business_date, number').all() as { type: string; business_date: string; number: string }[];
        const groups = new Map<string, number[]>();
        for (const n of numbers) {
          const k = `${n.type}:${n.business_date}`;
          groups.set(k, [...(groups.get(k) ?? []), Number(n.number.split('-')[1])]);
        }
        for (const seq of groups.values()) expect(seq).toEqual(seq.map((_, i) => i + 1));
      } finally {
        t.close();
      }
    }),
    { numRuns: 250 },
  );
});
