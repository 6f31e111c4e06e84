import type { Tx } from '../open';
import type { DocType } from '../schema';
import { prepare } from '../sql';
import { compactDate } from '../time';

// SQL written by hand on a measured hot path: the gap-free counter of every posting (post_slip_ms); figures in docs/performance.md.

export const PREFIXES: Record<DocType, string> = {
  receipt: 'RK',
  issue: 'CK',
  return: 'TK',
  loan: 'JY',
  loan_return: 'GH',
  stocktake: 'PD',
  loss: 'BS',
  transfer_out: 'DB',
  move: 'YK',
  void: 'ZF',
};

/**
 * Next number for a type on an office-local day, e.g. CK20261128-007. Runs inside the posting
 * transaction, so numbers are gap-free; a counter only goes up, so a number is never reused.
 */
export function nextNumber(tx: Tx, type: DocType, day: string): string {
  const row = prepare(
    tx.db,
    `INSERT INTO doc_counters (type, day, last) VALUES (?, ?, 1)
     ON CONFLICT (type, day) DO UPDATE SET last = last + 1
     RETURNING last`,
  ).get(type, day) as { last: number };
  return `${PREFIXES[type]}${compactDate(day)}-${String(row.last).padStart(3, '0')}`;
}
