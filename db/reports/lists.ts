import type { Database } from 'better-sqlite3';
import { toDisplayNumber } from '../quantity';
import { jsonRows } from '../sql';
import { localDateTime } from '../time';
import type { ItemMeta, PeriodMovement, Sources } from './compute';
import type { Period, ReportCheckpoint, ReportReceiptLine, ReportSlipLine } from './types';

type Line = [at: string, docId: number, lineNo: number, number: string, party: number | null, personId: number | null, itemId: number, quantity: number, batch: string, extra: string | null, operatorId: number, state: string];

/**
 * The period's slips, receipts and per-checkpoint issue totals. Thousands of lines a day: each list
 * is read as one JSON text of ids (see jsonRows), names come from the small reference tables, and the
 * lines are put in order here (an ORDER BY inside the aggregate sorts wide rows in SQLite; most of the
 * lines arrive in order already, which JavaScript's sort notices).
 */
export function reportLists(
  db: Database, period: Period, tz: string, { items, sources }: { items: Map<number, ItemMeta>; sources: Sources }, moved: PeriodMovement[],
) {
  const from = period.from ?? '';
  const names = (table: string, column = 'name') => new Map(jsonRows<[number, string]>(db, `id, ${column}`, `FROM ${table}`, null));
  const checkpoints = names('checkpoints');
  const people = names('people');
  const users = names('users', 'display_name');
  const lines = (type: 'issue' | 'receipt', party: string, extra: string) =>
    jsonRows<Line>(
      db,
      `d.occurred_at, d.id, l.line_no, d.number, ${party}, d.person_id, l.item_id, l.quantity, b.batch_no, ${extra}, d.operator_id, d.state`,
      `FROM documents d JOIN document_lines l ON l.document_id = d.id JOIN batches b ON b.id = l.batch_id
       WHERE d.type = ? AND d.occurred_at > ? AND d.occurred_at <= ?`,
      null,
      type,
      from,
      period.to,
    ).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
  const time = localTimes(tz);

  const slips: ReportSlipLine[] = lines('issue', 'd.checkpoint_id', 'NULL').map(([at, , , number, checkpointId, personId, itemId, quantity, batch, , operatorId, state]) => {
    const i = items.get(itemId)!;
    return {
      time: time(at), number, checkpoint: checkpoints.get(checkpointId!) ?? '', person: people.get(personId!) ?? '', item: i.name,
      spec: i.spec, unit: i.unit, quantity: toDisplayNumber(quantity, i.decimals), batch, issuer: users.get(operatorId) ?? '', voided: state === 'voided',
    };
  });
  const receipts: ReportReceiptLine[] = lines('receipt', 'd.source_id', 'b.expiry_date').map(([at, , , number, sourceId, , itemId, quantity, batch, expiry, , state]) => {
    const i = items.get(itemId)!;
    const source = sourceId === null ? undefined : sources.get(sourceId);
    return {
      time: time(at), number, source: source?.name ?? '', sourceType: source?.type ?? 'other', item: i.name,
      spec: i.spec, unit: i.unit, quantity: toDisplayNumber(quantity, i.decimals), batch, expiry, voided: state === 'voided',
    };
  });

  // Net issues per checkpoint and item, from the period's movements (issues less returns).
  const perCheckpoint = new Map<number, Map<number, number>>();
  for (const [itemId, kind, , checkpointId, delta] of moved) {
    if (checkpointId === null || (kind !== 'issue' && kind !== 'return')) continue;
    let byItem = perCheckpoint.get(checkpointId);
    if (!byItem) perCheckpoint.set(checkpointId, (byItem = new Map()));
    byItem.set(itemId, (byItem.get(itemId) ?? 0) - delta);
  }
  const table: ReportCheckpoint[] = [...perCheckpoint]
    .sort(([a], [b]) => a - b)
    .map(([checkpointId, byItem]) => {
      const quantities: Record<number, number> = {};
      for (const [itemId, q] of [...byItem].sort(([a], [b]) => a - b)) if (q !== 0) quantities[itemId] = toDisplayNumber(q, items.get(itemId)!.decimals);
      return { checkpointId, name: checkpoints.get(checkpointId) ?? '', quantities };
    })
    .filter((c) => Object.keys(c.quantities).length > 0);
  return { slips, receipts, checkpoints: table };
}

/** Office-local "YYYY-MM-DD HH:mm" of stored instants, worked out once per minute (slips share minutes). */
function localTimes(tz: string): (iso: string) => string {
  const seen = new Map<string, string>();
  return (iso) => {
    const minute = iso.slice(0, 16);
    let text = seen.get(minute);
    if (text === undefined) seen.set(minute, (text = localDateTime(new Date(iso), tz)));
    return text;
  };
}
