import fc from 'fast-check';
import { expect, test } from 'vitest';
import { seedBasics, tempLedger } from '../helpers/ledger';

const HOUR = 3600_000;
const op = fc.record({
  kind: fc.constantFrom('receipt', 'receipt', 'issue', 'issue', 'return', 'loss', 'loan', 'loan_return', 'transfer_out', 'void', 'stocktake'),
  item: fc.nat(2),
  qty: fc.integer({ min: 1, max: 40 }),
  hours: fc.integer({ min: 0, max: 9 }),
});

test('random ledgers: every report identity holds and matches a computation from the raw movements', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), fc.integer({ min: 1, max: 3 }), async (ops, reportsToSubmit) => {
      const t = tempLedger('2026-11-20T08:00:00+08:00');
      try {
        const s = seedBasics(t);
        const items = [s.mask, s.speaker, s.rice];
        const posted: number[] = [];
        let submitted = 0;
        for (const o of ops) {
          t.clock.advance(o.hours * HOUR);
          // Loans are of durable goods (the loudspeaker), a few at a time; a loan return brings one back.
          const k = o.kind === 'loan' || o.kind === 'loan_return' ? 1 : o.item;
          const item = items[k];
          const q = o.kind === 'loan_return' ? 1 : o.kind === 'loan' ? 1 + (o.qty % 3) : item.decimals ? `${o.qty}.5` : o.qty;
          const cp = k % 2 ? s.gate : s.site;
          const person = k % 2 ? s.bob : s.alice;
          const line = { itemId: item.id, quantity: q };
          const r =
            o.kind === 'void' ? (posted.length ? t.call('docs.void', { documentId: posted[posted.length - 1], reason: '更正' }) : null)
            : o.kind === 'stocktake' ? t.call('docs.post', { type: 'stocktake', lines: [{ itemId: item.id, counted: q, reason: '盘点' }] })
            : t.call('docs.post', {
                type: o.kind === 'loan' && !item.durable ? 'issue' : o.kind, sourceId: s.allocation.id, checkpointId: cp.id, personId: person.id,
                counterparty: '西城街道', lines: [{ ...line, ...(o.kind === 'loss' ? { reason: '破损' } : {}) }],
              } as never);
          if (r?.ok && o.kind !== 'void') posted.push((r.data as { id: number }).id);
          // Now and then the liaison submits the next day's report (early, when its cutoff has not come).
          if (submitted < reportsToSubmit && o.hours >= 8 && t.ok('reports.daily.status').next) {
            const before = t.ok('reports.daily.preview');
            const sub = await t.okAsync('reports.daily.submit', { narrative: { work: '', problems: '', plans: '', filledBy: '', reviewedBy: '', phone: '' } });
            expect(sub.period).toEqual(before.period);
            submitted++;
            // Nothing may be posted into the submitted period any more.
            const locked = t.call('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: sub.period.to, lines: [line] });
            expect(locked).toMatchObject({ ok: false, error: { code: 'PERIOD_LOCKED' } });
          }
        }
        t.clock.advance(24 * HOUR);
        const reports = t.ok('reports.daily.list');
        const periods = [...reports.reverse().map((r) => t.ok('reports.daily.get', { id: r.id }).report), t.ok('reports.daily.preview')];
        for (const report of periods) {
          const { from, to } = report.period;
          for (const row of report.items) {
            const sum = (where: string, ...params: unknown[]) =>
              (t.ledger.db.prepare(`SELECT COALESCE(SUM(delta), 0) AS q FROM movements WHERE item_id = ? AND ${where}`).get(row.itemId, ...params) as { q: number }).q;
            const scale = 10 ** items.find((i) => i.id === row.itemId)!.decimals;
            const inPeriod = (kinds: string) => sum(`kind IN (${kinds}) AND occurred_at > ? AND occurred_at <= ?`, from ?? '', to);
            expect(Math.round(row.opening * scale)).toBe(sum('occurred_at <= ?', from ?? ''));
            expect(Math.round(row.closing * scale)).toBe(sum('occurred_at <= ?', to));
            expect(Math.round(row.received * scale)).toBe(inPeriod("'receipt'"));
            expect(Math.round(row.issued * scale)).toBe(-inPeriod("'issue','return'") || 0);
            expect(Math.round(row.adjusted * scale)).toBe(inPeriod("'loss','stocktake'"));
            // Lent net of what came back, and transferred out: counted as they leave the warehouse, like 本期出库.
            expect(Math.round(row.lent * scale)).toBe(-inPeriod("'loan','loan_return'") || 0);
            expect(Math.round(row.transferredOut * scale)).toBe(-inPeriod("'transfer_out'") || 0);
            const identity = row.opening * scale + row.received * scale - row.issued * scale + row.adjusted * scale - row.lent * scale - row.transferredOut * scale;
            expect(Math.round(identity)).toBe(Math.round(row.closing * scale));
            const perCheckpoint = report.checkpoints.reduce((acc, c) => acc + Math.round((c.quantities[row.itemId] ?? 0) * scale), 0);
            expect(perCheckpoint).toBe(Math.round(row.issued * scale) || 0);
          }
        }
        // The lists match the documents read independently, in the same order, as they stood at each
        // cutoff (作废 only when the reversal is at or before it; reversals of earlier periods as lines
        // of their own), and each list, counted as listed, adds up to the report's own figures.
        const db = t.ledger.db;
        const scaleOf = (itemId: number) => 10 ** items.find((i) => i.id === itemId)!.decimals;
        for (const report of periods) {
          const at = [report.period.from ?? '', report.period.to];
          const lines = (types: string[]) =>
            (db.prepare(
              `SELECT d.number, d.type, o.type AS orig, l.item_id, l.quantity, b.batch_no,
                      EXISTS (SELECT 1 FROM documents z WHERE z.reverses_id = d.id AND z.occurred_at <= ?) AS voided
               FROM documents d JOIN document_lines l ON l.document_id = d.id JOIN batches b ON b.id = l.batch_id
               LEFT JOIN documents o ON o.id = d.reverses_id
               WHERE d.occurred_at > ? AND d.occurred_at <= ?
                 AND (d.type IN (SELECT value FROM json_each(?)) OR (d.type = 'void' AND o.type IN (SELECT value FROM json_each(?)) AND o.occurred_at <= ?))
               ORDER BY d.occurred_at, d.id, l.line_no`,
            ).all(at[1], ...at, JSON.stringify(types), JSON.stringify(types), at[0]) as { number: string; type: string; orig: string | null; item_id: number; quantity: number; batch_no: string; voided: number }[])
              .map((r) => {
                const out = (type: string) => (type === 'return' ? -1 : 1);
                const sign = r.type === 'void' ? -out(r.orig!) : out(r.type);
                return [r.number, (sign * r.quantity) / scaleOf(r.item_id), r.batch_no, r.voided === 1];
              });
          const listed = (l: { number: string; quantity: number; batch: string; voided: boolean }) => [l.number, l.quantity, l.batch, l.voided];
          expect(report.slips.map(listed)).toEqual(lines(['issue', 'return']));
          expect(report.receipts.map(listed)).toEqual(lines(['receipt']));
          const counted = (list: { item: string; quantity: number; voided: boolean }[], name: string) =>
            list.filter((l) => l.item === name && !l.voided).reduce((q, l) => q + Math.round(l.quantity * 1000), 0) / 1000;
          for (const row of report.items) {
            expect(counted(report.slips, row.name)).toBe(row.issued);
            expect(counted(report.receipts, row.name)).toBe(row.received);
          }
          const perCheckpoint = db.prepare(
            `SELECT checkpoint_id, item_id, -SUM(delta) AS q FROM movements WHERE kind IN ('issue', 'return') AND occurred_at > ? AND occurred_at <= ?
             GROUP BY checkpoint_id, item_id HAVING SUM(delta) <> 0 ORDER BY checkpoint_id, item_id`,
          ).raw().all(...at);
          expect(report.checkpoints.flatMap((c) => Object.entries(c.quantities).map(([item, q]) => [c.checkpointId, Number(item), Math.round(q * scaleOf(Number(item)))]))).toEqual(perCheckpoint);
          const batches = (db.prepare(
            `SELECT i.name, b.batch_no, SUM(m.delta) AS q, m.item_id FROM movements m JOIN batches b ON b.id = m.batch_id JOIN items i ON i.id = m.item_id
             WHERE m.occurred_at <= ? GROUP BY m.batch_id HAVING SUM(m.delta) > 0`,
          ).all(report.period.to) as { name: string; batch_no: string; q: number; item_id: number }[]).map((b) => `${b.name}|${b.batch_no}|${b.q / scaleOf(b.item_id)}`);
          expect(report.batches.map((b) => `${b.item}|${b.batch}|${b.quantity}`).sort()).toEqual(batches.sort());
        }
        // Consecutive reports join up: each opening is the previous closing.
        for (let k = 1; k < periods.length; k++) {
          const prev = new Map(periods[k - 1].items.map((i) => [i.itemId, i.closing]));
          for (const row of periods[k].items) expect(row.opening).toBe(prev.get(row.itemId) ?? 0);
        }
      } finally {
        t.close();
      }
    }),
    { numRuns: 40 },
  );
});
