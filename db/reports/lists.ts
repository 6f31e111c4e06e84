import type { Database } from 'better-sqlite3';
import { toDisplayNumber } from '../quantity';
import type { SourceType } from '../schema';
import { prepare } from '../sql';
import { localDateTime } from '../time';
import type { Period, ReportReceiptLine, ReportSlipLine } from './types';

/** The period's slips, receipts and per-checkpoint issue totals. */
export function reportLists(db: Database, period: Period, tz: string) {
  const from = period.from ?? '';
  const slipRows = prepare(
    db,
    `SELECT d.occurred_at AS time, d.number, cp.name AS checkpoint, p.name AS person, i.name AS item, i.spec, i.unit, i.decimals,
            l.quantity, b.batch_no AS batch, u.display_name AS issuer, d.state
     FROM documents d JOIN document_lines l ON l.document_id = d.id JOIN items i ON i.id = l.item_id
     JOIN batches b ON b.id = l.batch_id JOIN users u ON u.id = d.operator_id
     LEFT JOIN checkpoints cp ON cp.id = d.checkpoint_id LEFT JOIN people p ON p.id = d.person_id
     WHERE d.type = 'issue' AND d.occurred_at > ? AND d.occurred_at <= ? ORDER BY d.occurred_at, d.id, l.line_no`,
  ).raw().all(from, period.to) as [string, string, string | null, string | null, string, string, string, number, number, string, string, string][];
  // Rows as arrays: thousands of lines a day, and an object per row costs more than the query.
  const slips: ReportSlipLine[] = slipRows.map(([time, number, checkpoint, person, item, spec, unit, decimals, quantity, batch, issuer, state]) => ({
    time: localDateTime(new Date(time), tz), number, checkpoint: checkpoint ?? '', person: person ?? '', item,
    spec, unit, quantity: toDisplayNumber(quantity, decimals), batch, issuer, voided: state === 'voided',
  }));
  const receiptRows = prepare(
    db,
    `SELECT d.occurred_at AS time, d.number, s.name AS source, s.type AS sourceType, i.name AS item, i.spec, i.unit, i.decimals,
            l.quantity, b.batch_no AS batch, b.expiry_date AS expiry, d.state
     FROM documents d JOIN document_lines l ON l.document_id = d.id JOIN items i ON i.id = l.item_id
     JOIN batches b ON b.id = l.batch_id LEFT JOIN sources s ON s.id = d.source_id
     WHERE d.type = 'receipt' AND d.occurred_at > ? AND d.occurred_at <= ? ORDER BY d.occurred_at, d.id, l.line_no`,
  ).raw().all(from, period.to) as [string, string, string | null, SourceType | null, string, string, string, number, number, string, string | null, string][];
  const receipts: ReportReceiptLine[] = receiptRows.map(([time, number, source, sourceType, item, spec, unit, decimals, quantity, batch, expiry, state]) => ({
    time: localDateTime(new Date(time), tz), number, source: source ?? '', sourceType: sourceType ?? 'other', item,
    spec, unit, quantity: toDisplayNumber(quantity, decimals), batch, expiry, voided: state === 'voided',
  }));
  const perCheckpoint = prepare(
    db,
    `SELECT m.checkpoint_id AS id, c.name, m.item_id AS item, -SUM(m.delta) AS q
     FROM movements m JOIN checkpoints c ON c.id = m.checkpoint_id
     WHERE m.kind IN ('issue', 'return') AND m.occurred_at > ? AND m.occurred_at <= ?
     GROUP BY m.checkpoint_id, m.item_id HAVING SUM(m.delta) <> 0 ORDER BY c.id`,
  ).all(from, period.to) as { id: number; name: string; item: number; q: number }[];
  return {
    slips,
    receipts,
    /** Net issues per checkpoint and item (items by id, quantities in base units). */
    checkpoints(decimals: Map<number, number>) {
      const out = new Map<number, { checkpointId: number; name: string; quantities: Record<number, number> }>();
      for (const r of perCheckpoint) {
        let c = out.get(r.id);
        if (!c) out.set(r.id, (c = { checkpointId: r.id, name: r.name, quantities: {} }));
        c.quantities[r.item] = toDisplayNumber(r.q, decimals.get(r.item) ?? 0);
      }
      return [...out.values()];
    },
  };
}
