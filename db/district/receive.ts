import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { fail } from '../errors';
import { fileSafe } from '../file-name';
import { postDocument } from '../ledger/post';
import type { Tx } from '../open';
import { getDocument } from '../queries/documents';
import { createSource } from '../reference/catalog';
import { id, instant, isoDate, quantity, text } from '../reference/common';
import { readSettings } from '../reference/settings';
import { all, first, qb, run } from '../sql';
import { ACK_FORMAT, ALLOCATION_FORMAT, ALLOCATION_SCHEMA, type AckLine, type AllocationFile } from './allocation';
import { openSigned, signedFile } from './signed';

/*
 * At the unit: a 调拨单 from the superior opens as a pre-filled receipt. Each line is matched to the
 * unit's own goods (code and unit, else name + spec + unit; the clerk picks the rest), the clerk enters
 * what really came, and a difference needs its reason. Posting it keeps the allocation beside the
 * receipt, and the 签收 file says what came back to the district.
 */

export const allocationFileInput = z.strictObject({ fileName: text(200), data: z.string().max(8 * 1024 * 1024) });

export interface AllocationPreview {
  from: { code: string; name: string };
  fingerprint: string;
  number: string;
  time: string;
  note: string;
  /** The unit's allocation source named after its superior, when it has one already. */
  sourceId: number | null;
  lines: (AllocationFile['lines'][number] & { itemId: number | null; tracksBatches: boolean })[];
}

function opened(db: Database, input: z.infer<typeof allocationFileInput>): { file: AllocationFile; text: string; fingerprint: string } {
  const raw = Buffer.from(input.data, 'base64').toString('utf8');
  const o = openSigned<AllocationFile>(raw, ALLOCATION_FORMAT, ALLOCATION_SCHEMA, '调拨单');
  if (!o.ok) fail('INVALID_INPUT', o.reason);
  const s = readSettings(db);
  const file = o.body;
  const isText = (v: unknown) => typeof v === 'string';
  const formed = isText(file.number) && isText(file.time) && file.from && isText(file.from.code) && isText(file.from.name) && Array.isArray(file.lines) && file.lines.length > 0
    && file.lines.every((l) => Number.isInteger(l?.line) && l.item && isText(l.item.code) && isText(l.item.name) && isText(l.item.spec) && isText(l.item.unit) && typeof l.quantity === 'number' && l.quantity > 0);
  if (!formed) fail('INVALID_INPUT', '调拨单内容不完整或格式不对:请上级用本程序重新导出。');
  if (file.to?.code !== s.unitCode) fail('INVALID_INPUT', `这张调拨单是发给“${file.to?.name}”(区划代码 ${file.to?.code})的,不是本单位(${s.unitCode || '未填写区划代码'})。`);
  const had = first(db, qb.selectFrom('allocation_receipts as a').innerJoin('documents as d', 'd.id', 'a.document_id').select('d.number')
    .where('a.from_code', '=', file.from.code).where('a.allocation_number', '=', file.number).where('d.state', '=', 'posted'));
  if (had) fail('DUPLICATE', `调拨单 ${file.number} 已签收入库(入库单 ${had.number}),不能重复入库。`);
  return { file, text: raw, fingerprint: o.fingerprint };
}

/** The office's 上级调拨 source named after the superior, when it has one. */
const allocationSource = (db: Database, name: string) =>
  first(db, qb.selectFrom('sources').select('id').where('name', '=', name).where('type', '=', 'allocation').where('active', '=', 1));

export function previewAllocation(db: Database, input: z.infer<typeof allocationFileInput>): AllocationPreview {
  const { file, fingerprint } = opened(db, input);
  const items = all(db, qb.selectFrom('items').select(['id', 'code', 'name', 'spec', 'unit', 'tracks_batches']).where('active', '=', 1));
  const match = (g: AllocationFile['lines'][number]['item']) =>
    items.find((i) => g.code && i.code === g.code && i.unit === g.unit) ?? items.find((i) => i.name === g.name && i.spec === g.spec && i.unit === g.unit);
  const source = allocationSource(db, file.from.name);
  return {
    from: file.from, fingerprint, number: file.number, time: file.time, note: file.note, sourceId: source?.id ?? null,
    lines: file.lines.map((l) => { const i = match(l.item); return { ...l, itemId: i?.id ?? null, tracksBatches: i?.tracks_batches === 1 }; }),
  };
}

export const allocationReceiveInput = allocationFileInput.extend({
  time: instant.optional(),
  lines: z.array(z.strictObject({
    line: z.number().int().min(1), itemId: id, quantity, reason: text(200).default(''),
    /** For goods this office keeps by batch that came without one. */
    batchNo: text(40).optional(), expiryDate: isoDate.optional(),
  })).min(1).max(500),
});

export function receiveAllocation(tx: Tx, input: z.infer<typeof allocationReceiveInput>, userId: number): { id: number; number: string } {
  const { file, text } = opened(tx.db, input);
  const given = new Map(input.lines.map((l) => [l.line, l]));
  const acks: AckLine[] = [];
  for (const l of file.lines) {
    const g = given.get(l.line);
    if (!g) fail('INVALID_INPUT', `调拨单第 ${l.line} 行(${l.item.name})还没有填写实收数量。`);
    const received = Number(g.quantity);
    if (!Number.isFinite(received) || received < 0) fail('INVALID_INPUT', `第 ${l.line} 行(${l.item.name})的实收数量“${String(g.quantity)}”无效。`);
    if (received !== l.quantity && !g.reason) fail('INVALID_INPUT', `第 ${l.line} 行 ${l.item.name}:调拨 ${l.quantity} ${l.item.unit},实收 ${received} ${l.item.unit},请填写差异原因。`);
    acks.push({ line: l.line, item: l.item, sent: l.quantity, received, reason: received === l.quantity ? '' : g.reason });
  }
  const items = new Map(all(tx.db, qb.selectFrom('items').select(['id', 'name', 'unit']).where('id', 'in', input.lines.map((l) => l.itemId))).map((i) => [i.id, i]));
  for (const l of file.lines) {
    const mine = items.get(given.get(l.line)!.itemId);
    if (!mine) fail('NOT_FOUND', `第 ${l.line} 行(${l.item.name})选择的物资不存在。`);
    if (mine.unit !== l.item.unit) fail('INVALID_INPUT', `第 ${l.line} 行 ${l.item.name} 以“${l.item.unit}”调拨,所选的“${mine.name}”以“${mine.unit}”计:请选择以“${l.item.unit}”计的物资,或先新增一个。`);
  }
  const arrived = file.lines.filter((l) => Number(given.get(l.line)!.quantity) > 0);
  if (!arrived.length) fail('INVALID_INPUT', `调拨单 ${file.number} 的物资一件都没有收到:不生成入库单,请与上级联系。`);
  const sourceId = allocationSource(tx.db, file.from.name)?.id ?? createSource(tx, { name: file.from.name, type: 'allocation' }).id;
  const posted = postDocument(tx, {
    type: 'receipt', sourceId, ...(input.time ? { time: input.time } : {}), note: `调拨单 ${file.number}`,
    lines: arrived.map((l) => {
      const g = given.get(l.line)!;
      return {
        itemId: g.itemId, quantity: g.quantity, ...(l.batchNo || g.batchNo ? { batchNo: l.batchNo || g.batchNo } : {}),
        ...(l.productionDate ? { productionDate: l.productionDate } : {}), ...(l.expiryDate || g.expiryDate ? { expiryDate: l.expiryDate ?? g.expiryDate } : {}),
        ...(g.reason ? { note: g.reason } : {}),
      };
    }),
  }, userId);
  run(tx.db, qb.insertInto('allocation_receipts').values({
    document_id: posted.id, from_code: file.from.code, from_name: file.from.name, allocation_number: file.number, package: text, lines: JSON.stringify(acks),
  }));
  return posted;
}

/** The 签收 of a receipt that took in an allocation: signed by this office, for the district to import. */
export function allocationAck(db: Database, documentId: number): { fileName: string; bytes: Buffer } {
  const row = first(db, qb.selectFrom('allocation_receipts').selectAll().where('document_id', '=', documentId));
  if (!row) fail('NOT_FOUND', '这张入库单不是从调拨单入库的,没有签收单。');
  const doc = getDocument(db, documentId);
  if (doc.voidedById) fail('INVALID_INPUT', `入库单 ${doc.number} 已作废,不再签收。`);
  const s = readSettings(db);
  const file = JSON.parse(row.package) as AllocationFile;
  const text = signedFile(db, {
    format: ACK_FORMAT, schema: ALLOCATION_SCHEMA, from: { code: s.unitCode, name: s.officeName }, to: file.from,
    allocation: row.allocation_number, receipt: { number: doc.number, time: doc.time }, lines: JSON.parse(row.lines) as AckLine[],
  });
  return { fileName: fileSafe(`签收-${row.allocation_number}-${s.officeName}.slpkg`), bytes: Buffer.from(text, 'utf8') };
}

/** The allocations this office took in, newest first, each with its receipt and what differed: where its 签收 is sent again from. */
export function receivedAllocations(db: Database) {
  return all(db, qb.selectFrom('allocation_receipts as a').innerJoin('documents as d', 'd.id', 'a.document_id')
    .select(['a.document_id as documentId', 'd.number as receiptNumber', 'd.occurred_at as time', 'd.state', 'a.from_name as from', 'a.allocation_number as allocation', 'a.lines'])
    .orderBy('d.occurred_at', 'desc').limit(100))
    .map(({ lines, ...r }) => ({ ...r, differences: (JSON.parse(lines) as AckLine[]).filter((l) => l.received !== l.sent) }));
}
