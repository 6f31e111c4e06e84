import type { Database } from 'better-sqlite3';
import { batchLabel } from '../ledger/batches';
import { toDisplayNumber } from '../quantity';
import { jsonRows } from '../sql';
import type { DocType } from '../schema';
import { localDateTime } from '../time';
import type { ItemMeta, PeriodMovement, Sources } from './compute';
import type { Period, ReportCheckpoint, ReportReceiptLine, ReportSlipLine } from './types';

// SQL written by hand on a measured hot path: thousands of lines a day for the detail sheets (daily_report_xlsx_ms); figures in docs/performance.md.

type Line = [at: string, docId: number, lineNo: number, number: string, party: number | null, personId: number | null, itemId: number, quantity: number, batch: string, extra: string | null, operatorId: number, type: DocType];

/** A reversal in the period: the document it reverses, that one's type, time and number. */
type Reversal = [id: number, reverses: number, type: DocType, at: string, number: string];

/**
 * The period's slips and returns, receipts and per-checkpoint issue totals, as they stood at the
 * cutoff: a document is 作废 here only if its reversal is at or before the cutoff (and so in the
 * period); a reversal of a document from an earlier period is listed as a line of its own, with the
 * opposite sign. Each list, counted as it is listed, adds up to the report's own figures: the slips
 * less the returns to 本期出库, the receipts to 本期入库.
 *
 * Thousands of lines a day: each list is read as one JSON text of ids (see jsonRows), names come from
 * the small reference tables, and the lines are put in order here (an ORDER BY inside the aggregate
 * sorts wide rows in SQLite; most of the lines arrive in order already, which JavaScript's sort notices).
 */
export function reportLists(
  db: Database, period: Period, tz: string, { items, sources }: { items: Map<number, ItemMeta>; sources: Sources }, moved: PeriodMovement[],
) {
  const from = period.from ?? '';
  const names = (table: string, column = 'name') => new Map(jsonRows<[number, string]>(db, `id, ${column}`, `FROM ${table}`, null));
  const checkpoints = names('checkpoints');
  const people = names('people');
  const users = names('users', 'display_name');
  const reversals = jsonRows<Reversal>(
    db, 'd.id, d.reverses_id, o.type, o.occurred_at, o.number',
    "FROM documents d INDEXED BY documents_type_time JOIN documents o ON o.id = d.reverses_id WHERE d.type = 'void' AND d.occurred_at > ? AND d.occurred_at <= ?",
    null, from, period.to,
  );
  const voidedInPeriod = new Set(reversals.map((r) => r[1]));
  // Reversals of documents before the period: these are the only ones not netted out by their original.
  const earlier = new Map(reversals.filter((r) => r[3] <= from).map((r) => [r[0], r]));
  const earlierOf = (types: DocType[]) => JSON.stringify([...earlier.values()].filter((r) => types.includes(r[2])).map((r) => r[0]));
  const LINE = (party: string, extra: string) => `d.occurred_at, d.id, l.line_no, d.number, ${party}, d.person_id, l.item_id, l.quantity, b.batch_no, ${extra}, d.operator_id, d.type`;
  const JOINS = 'FROM documents d JOIN document_lines l ON l.document_id = d.id JOIN batches b ON b.id = l.batch_id';
  const lines = (types: DocType[], party: string, extra: string) =>
    [
      ...jsonRows<Line>(db, LINE(party, extra), `${JOINS} WHERE d.type IN (SELECT value FROM json_each(?)) AND d.occurred_at > ? AND d.occurred_at <= ?`, null, JSON.stringify(types), from, period.to),
      ...jsonRows<Line>(db, LINE(party, extra), `${JOINS} WHERE d.id IN (SELECT value FROM json_each(?))`, null, earlierOf(types)),
    ].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
  const time = localTimes(tz);
  /** Issues out (+), returns back (−); a reversal the opposite of what it reverses. */
  const kindOf = (docId: number, type: DocType) => (type === 'void' ? earlier.get(docId)![2] : type);

  const slips: ReportSlipLine[] = lines(['issue', 'return'], 'd.checkpoint_id', 'NULL').map(([at, docId, , number, checkpointId, personId, itemId, quantity, batch, , operatorId, type]) => {
    const i = items.get(itemId)!;
    const sign = (kindOf(docId, type) === 'issue' ? 1 : -1) * (type === 'void' ? -1 : 1);
    return {
      time: time(at), number, kind: type === 'void' ? 'void' : type === 'issue' ? 'issue' : 'return', reverses: type === 'void' ? earlier.get(docId)![4] : null,
      checkpoint: checkpoints.get(checkpointId!) ?? '', person: personId === null ? '' : people.get(personId) ?? '', item: i.name,
      spec: i.spec, unit: i.unit, quantity: sign * toDisplayNumber(quantity, i.decimals), batch: batchLabel(batch, i.tracks_batches), issuer: users.get(operatorId) ?? '', voided: voidedInPeriod.has(docId),
    };
  });
  const receipts: ReportReceiptLine[] = lines(['receipt'], 'd.source_id', 'b.expiry_date').map(([at, docId, , number, sourceId, , itemId, quantity, batch, expiry, , type]) => {
    const i = items.get(itemId)!;
    const source = sourceId === null ? undefined : sources.get(sourceId);
    return {
      time: time(at), number, reverses: type === 'void' ? earlier.get(docId)![4] : null, source: source?.name ?? '', sourceType: source?.type ?? 'other', item: i.name,
      spec: i.spec, unit: i.unit, quantity: (type === 'void' ? -1 : 1) * toDisplayNumber(quantity, i.decimals), batch: batchLabel(batch, i.tracks_batches), expiry, voided: voidedInPeriod.has(docId),
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
