import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { id } from '../reference/common';
import { toDisplayNumber } from '../quantity';
import { prepare } from '../sql';

// SQL written by hand on a measured hot path: loans still out as of the report cutoff (daily_report_ms); figures in docs/performance.md.

export const loansInput = z.strictObject({ checkpointId: id.optional() }).optional();

export interface OutstandingLoan {
  checkpointId: number;
  checkpointName: string;
  itemId: number;
  itemName: string;
  spec: string;
  unit: string;
  quantity: number;
  /** When the oldest piece still out was lent (loans are matched to returns first-in-first-out). */
  since: string;
}

/** Durable goods each checkpoint still holds, and since when; as of an instant (a report's cutoff) when `at` is given. */
export function outstandingLoans(db: Database, input: z.infer<typeof loansInput> = {}, at: string | null = null): OutstandingLoan[] {
  const rows = prepare(
    db,
    `SELECT m.checkpoint_id, c.name AS checkpoint_name, m.item_id, i.name AS item_name, i.spec, i.unit, i.decimals,
            m.occurred_at, m.delta
     FROM movements m JOIN checkpoints c ON c.id = m.checkpoint_id JOIN items i ON i.id = m.item_id
     WHERE m.kind IN ('loan', 'loan_return') AND (? IS NULL OR m.checkpoint_id = ?) AND (? IS NULL OR m.occurred_at <= ?)
     ORDER BY m.checkpoint_id, m.item_id, m.occurred_at, m.id`,
  ).all(input?.checkpointId ?? null, input?.checkpointId ?? null, at, at) as {
    checkpoint_id: number; checkpoint_name: string; item_id: number; item_name: string; spec: string; unit: string;
    decimals: number; occurred_at: string; delta: number;
  }[];
  const groups = new Map<string, { head: (typeof rows)[number]; queue: { at: string; q: number }[] }>();
  for (const r of rows) {
    const key = `${r.checkpoint_id}:${r.item_id}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { head: r, queue: [] }));
    if (r.delta < 0) {
      g.queue.push({ at: r.occurred_at, q: -r.delta });
      continue;
    }
    let back = r.delta;
    while (back > 0 && g.queue.length) {
      const take = Math.min(back, g.queue[0].q);
      g.queue[0].q -= take;
      back -= take;
      if (g.queue[0].q === 0) g.queue.shift();
    }
  }
  const result: OutstandingLoan[] = [];
  for (const { head, queue } of groups.values()) {
    const total = queue.reduce((s, e) => s + e.q, 0);
    if (total <= 0) continue;
    result.push({
      checkpointId: head.checkpoint_id, checkpointName: head.checkpoint_name, itemId: head.item_id,
      itemName: head.item_name, spec: head.spec, unit: head.unit, quantity: toDisplayNumber(total, head.decimals),
      since: queue[0].at,
    });
  }
  return result;
}
