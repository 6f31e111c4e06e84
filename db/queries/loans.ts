import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { id } from '../reference/common';
import { toDisplayNumber } from '../quantity';
import { prepare } from '../sql';
import { businessDate } from '../time';
import { readSettings } from '../reference/settings';

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

export interface OpenLoan {
  documentId: number;
  number: string;
  checkpointId: number;
  checkpointName: string;
  personName: string;
  personPhone: string;
  itemId: number;
  itemName: string;
  spec: string;
  unit: string;
  /** As lent on the document, and what of it is still out. */
  lent: number;
  out: number;
  lentAt: string;
  expectedReturn: string;
  /** Office days since the loan day (0 on the day itself). */
  daysOut: number;
  /** Office days past the promised day, 0 when not overdue or no day was promised. */
  overdueDays: number;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * Every loan line still (partly) out now, oldest first: returns of a checkpoint's item are matched
 * to its loans first-in-first-out; voided loans and returns, and their reversals, are left out (each
 * pair nets to nothing).
 */
export function openLoans(db: Database, now: Date): OpenLoan[] {
  const { timeZone } = readSettings(db);
  const rows = prepare(
    db,
    `SELECT d.id, d.number, d.type, d.checkpoint_id, c.name AS checkpoint_name, p.name AS person_name, p.phone,
            d.occurred_at, d.expected_return, l.item_id, i.name AS item_name, i.spec, i.unit, i.decimals, l.quantity
     FROM documents d JOIN document_lines l ON l.document_id = d.id JOIN items i ON i.id = l.item_id
       JOIN checkpoints c ON c.id = d.checkpoint_id LEFT JOIN people p ON p.id = d.person_id
     WHERE d.type IN ('loan', 'loan_return') AND d.state = 'posted' AND d.reverses_id IS NULL
     ORDER BY d.occurred_at, d.id, l.line_no`,
  ).all() as {
    id: number; number: string; type: 'loan' | 'loan_return'; checkpoint_id: number; checkpoint_name: string; person_name: string | null;
    phone: string | null; occurred_at: string; expected_return: string; item_id: number; item_name: string; spec: string; unit: string;
    decimals: number; quantity: number;
  }[];
  const queues = new Map<string, { row: (typeof rows)[number]; out: number }[]>();
  const all: { row: (typeof rows)[number]; out: number }[] = [];
  for (const r of rows) {
    const key = `${r.checkpoint_id}:${r.item_id}`;
    const queue = queues.get(key) ?? [];
    queues.set(key, queue);
    if (r.type === 'loan') {
      const entry = { row: r, out: r.quantity };
      queue.push(entry);
      all.push(entry);
      continue;
    }
    let back = r.quantity;
    for (const e of queue) {
      if (back === 0) break;
      const take = Math.min(back, e.out);
      e.out -= take;
      back -= take;
    }
  }
  const today = dayNumber(businessDate(now, timeZone));
  return all.filter((e) => e.out > 0).map(({ row: r, out }) => ({
    documentId: r.id, number: r.number, checkpointId: r.checkpoint_id, checkpointName: r.checkpoint_name,
    personName: r.person_name ?? '', personPhone: r.phone ?? '', itemId: r.item_id, itemName: r.item_name, spec: r.spec, unit: r.unit,
    lent: toDisplayNumber(r.quantity, r.decimals), out: toDisplayNumber(out, r.decimals), lentAt: r.occurred_at, expectedReturn: r.expected_return,
    daysOut: today - dayNumber(businessDate(new Date(r.occurred_at), timeZone)),
    overdueDays: r.expected_return ? Math.max(0, today - dayNumber(r.expected_return)) : 0,
  }));
}
