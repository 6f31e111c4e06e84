import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { isoDate } from '../reference/common';
import { readSettings } from '../reference/settings';
import { all, qb } from '../sql';
import { addDays, localDateTime, zonedInstant } from '../time';

export const registerInput = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() }).optional();

/**
 * 捐赠登记簿: the office's own list of donation receipts (voided ones too, marked), with the donor as
 * given and how to reach them. Internal: the public table (disclosure.ts) shows 匿名 and no contact.
 */
export function donationRegister(db: Database, input: z.infer<typeof registerInput>) {
  const tz = readSettings(db).timeZone;
  let q = qb
    .selectFrom('documents as d')
    .innerJoin('sources as s', 's.id', 'd.source_id')
    .leftJoin('donations as g', 'g.document_id', 'd.id')
    .select(['d.id', 'd.number', 'd.occurred_at', 'd.state', 's.name as sourceName', 'g.donor', 'g.anonymous', 'g.contact', 'g.receipt_no'])
    .select((e) => e.selectFrom('document_lines as l').whereRef('l.document_id', '=', 'd.id').select((f) => f.fn.countAll<number>().as('n')).as('lines'))
    .where('d.type', '=', 'receipt')
    .where('s.type', '=', 'donation');
  if (input?.from) q = q.where('d.occurred_at', '>=', zonedInstant(input.from, '00:00', tz).toISOString());
  if (input?.to) q = q.where('d.occurred_at', '<', zonedInstant(addDays(input.to, 1), '00:00', tz).toISOString());
  return all(db, q.orderBy('d.occurred_at', 'desc').orderBy('d.id', 'desc').limit(1000)).map((r) => ({
    documentId: r.id,
    number: r.number,
    time: localDateTime(new Date(r.occurred_at), tz),
    voided: r.state === 'voided',
    donor: r.donor ?? r.sourceName,
    anonymous: r.anonymous === 1,
    contact: r.contact ?? '',
    receiptNo: r.receipt_no ?? '',
    sourceName: r.sourceName,
    lines: r.lines ?? 0,
  }));
}
