import { rmSync } from 'node:fs';
import { callApiSync } from '../db/api/call';
import type { Method } from '../db/api/handlers';
import { FixedClock } from '../db/clock';
import { openLedger } from '../db/open';
import { localOperatorId } from '../db/reference/catalog';
import { prepare } from '../db/sql';
import { HISTORY_END, copyOf } from './ledgers';
import { timeSync } from './measure';

const DAY_MS = 86_400_000;

/**
 * donation_trace_ms: the 公示表 of one donation whose batch went to all 60 checkpoints over 30 days
 * (an issue to each, some goods returned, one loss), in the large ledger, its item busy with the
 * history's own slips all the while. The trace reads the donated item's movements through the per-item
 * time index; the rest of the ledger's movements are never read.
 */
export function donationTraceMs(file: string): { ms: number; uses: number } {
  const copy = copyOf(file);
  copy.close();
  const l = openLedger(copy.dir, { clock: new FixedClock(HISTORY_END) });
  try {
    const userId = localOperatorId(l.db);
    const call = (method: Method, input: unknown) => {
      const r = callApiSync({ ledger: l, userId }, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data as { id: number; donations?: { goods: { uses: unknown[] }[] }[] };
    };
    const source = prepare(l.db, "SELECT id FROM sources WHERE type = 'donation' LIMIT 1").pluck().get() as number;
    const item = prepare(l.db, 'SELECT id FROM items WHERE tracks_batches = 1 ORDER BY id LIMIT 1 OFFSET 120').pluck().get() as number;
    const start = HISTORY_END.getTime() - 30 * DAY_MS;
    const at = (ms: number) => new Date(ms).toISOString();
    const gift = call('docs.post', {
      type: 'receipt', sourceId: source, time: at(start), donation: { donor: '晨光爱心企业', contact: '13900000000', receiptNo: 'JZ-BENCH' },
      lines: [{ itemId: item, quantity: 60_000, batchNo: 'JZ-BENCH', expiryDate: '2099-12-31' }],
    });
    const batchId = prepare(l.db, "SELECT id FROM batches WHERE item_id = ? AND batch_no = 'JZ-BENCH'").pluck().get(item) as number;
    const places = prepare(l.db, 'SELECT c.id, (SELECT id FROM people WHERE checkpoint_id = c.id LIMIT 1) AS person FROM checkpoints c ORDER BY c.id').all() as { id: number; person: number }[];
    places.forEach((c, k) => {
      const when = start + (k + 1) * (29 * DAY_MS / places.length);
      call('docs.post', { type: 'issue', checkpointId: c.id, personId: c.person, time: at(when), lines: [{ itemId: item, quantity: 500, batchId }] });
      if (k % 6 === 0) call('docs.post', { type: 'return', checkpointId: c.id, time: at(when + 3600_000), lines: [{ itemId: item, quantity: 40, batchId }] });
    });
    call('docs.post', { type: 'loss', time: at(start + 29 * DAY_MS), lines: [{ itemId: item, quantity: 5, batchId, reason: '包装破损' }] });
    const trace = () => call('donations.disclosure', { documentId: gift.id });
    const uses = trace().donations![0].goods[0].uses.length;
    return { ms: timeSync(trace, 30, 5), uses };
  } finally {
    l.close();
    rmSync(copy.dir, { recursive: true, force: true });
  }
}
