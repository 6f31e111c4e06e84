import { rmSync } from 'node:fs';
import { callApiSync } from '../db/api/call';
import type { Ledger } from '../db/open';
import { localOperatorId } from '../db/reference/catalog';
import { prepare } from '../db/sql';
import { slipInput, POST_WARMUP } from './cases';
import { HISTORY_END, copyOf } from './ledgers';
import { timeSync } from './measure';

const DAY_MS = 86_400_000;

/**
 * The as-of checks at their most expensive: a 5-line slip dated 7 days before the end of the history
 * (every movement of its items since then is read and walked, docs/performance.md), and a void of a
 * slip (its reversal is checked like a posting, and what the checkpoint holds is summed).
 */
export function backdatedAndVoid(file: string): { backdatedMs: number; voidMs: number } {
  const l = copyOf(file);
  try {
    const userId = localOperatorId(l.db);
    const call = (method: 'docs.post' | 'docs.void', input: unknown) => {
      const r = callApiSync({ ledger: l, userId }, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data as { id: number };
    };
    const input = slipInput(l);
    const at = HISTORY_END.getTime() - 7 * DAY_MS;
    topUp(l, call, input.lines.map((x) => x.itemId), new Date(at - 3600_000).toISOString());
    // Each slip one millisecond after the last: all of them in the same week of history.
    let k = 0;
    const backdated = () => call('docs.post', { ...input, time: new Date(at + k++).toISOString() });
    const backdatedMs = timeSync(backdated, 80, POST_WARMUP);
    const slips: number[] = [];
    for (let i = 0; i < 100; i++) slips.push(call('docs.post', input).id);
    const voidMs = timeSync(() => call('docs.void', { documentId: slips.pop()!, reason: '测试' }), 80, 20);
    return { backdatedMs, voidMs };
  } finally {
    l.close();
    rmSync(l.dir, { recursive: true, force: true });
  }
}

/** Enough stock of the slip's items from before the backdated time on, so that none of the slips runs short. */
function topUp(l: Ledger, call: (m: 'docs.post', i: unknown) => unknown, itemIds: number[], time: string): void {
  const source = prepare(l.db, 'SELECT id FROM sources LIMIT 1').pluck().get() as number;
  const tracked = (id: number) => prepare(l.db, 'SELECT tracks_batches FROM items WHERE id = ?').pluck().get(id) === 1;
  call('docs.post', {
    type: 'receipt', sourceId: source, time,
    lines: itemIds.map((itemId) => (tracked(itemId) ? { itemId, quantity: 2000, batchNo: 'BENCH-ASOF', expiryDate: '2099-12-31' } : { itemId, quantity: 2000 })),
  });
}
