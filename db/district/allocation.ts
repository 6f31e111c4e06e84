import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import { fileSafe } from '../file-name';
import { getDocument } from '../queries/documents';
import { readSettings } from '../reference/settings';
import { all, first, qb } from '../sql';
import { signedFile } from './signed';

/*
 * 调拨单: a district's 调拨出库 to one of its units, as a signed file the unit imports as a pre-filled
 * receipt (source, goods, batches, expiry). The unit answers with a 签收 (db/district/receive.ts) the
 * district imports beside its units' reports, and sees here: 已签收, with the differences.
 */

export const ALLOCATION_FORMAT = 'supply-ledger/allocation';
export const ACK_FORMAT = 'supply-ledger/allocation-ack';
export const ALLOCATION_SCHEMA = 1;

export interface AllocationLine {
  line: number;
  item: { code: string; name: string; spec: string; unit: string };
  batchNo: string;
  productionDate: string | null;
  expiryDate: string | null;
  /** In the item's unit, as the document shows it. */
  quantity: number;
}

export interface AllocationFile {
  format: typeof ALLOCATION_FORMAT;
  schema: number;
  from: { code: string; name: string };
  to: { code: string; name: string };
  number: string;
  time: string;
  note: string;
  lines: AllocationLine[];
  publicKey: string;
  signature: string;
}

/** A line of a 签收: what the allocation sent, what came, and why they differ. */
export interface AckLine { line: number; item: AllocationLine['item']; sent: number; received: number; reason: string }

export interface AckFile {
  format: typeof ACK_FORMAT;
  schema: number;
  from: { code: string; name: string };
  to: { code: string; name: string };
  allocation: string;
  receipt: { number: string; time: string };
  lines: AckLine[];
  publicKey: string;
  signature: string;
}

/** The registered unit a 调拨出库 went to: its 接收单位 is the unit's name. */
function unitOf(db: Database, counterparty: string) {
  return first(db, qb.selectFrom('sub_units').select(['id', 'code', 'name', 'active']).where('name', '=', counterparty.trim()));
}

export function allocationPackage(db: Database, documentId: number): { fileName: string; bytes: Buffer } {
  const doc = getDocument(db, documentId);
  if (doc.type !== 'transfer_out') fail('INVALID_INPUT', `${doc.number} 不是调拨出库单,不生成调拨单。`);
  if (doc.voidedById) fail('INVALID_INPUT', `${doc.number} 已作废(${doc.voidedByNumber}),不生成调拨单。`);
  const unit = unitOf(db, doc.counterparty);
  if (!unit) fail('NOT_FOUND', `接收单位“${doc.counterparty}”不是已登记的下级单位:调拨单只发给“下级报送 › 下级单位”中登记的单位(名称须一致)。`);
  if (!unit.active) fail('INACTIVE', `下级单位“${unit.name}”已停用,不再给它发调拨单。`);
  const s = readSettings(db);
  if (!s.unitCode) fail('INVALID_INPUT', '本单位还没有区划代码:请管理员在“设置 › 单位信息”中填写,下级按它识别本单位。');
  const text = signedFile(db, {
    format: ALLOCATION_FORMAT, schema: ALLOCATION_SCHEMA,
    from: { code: s.unitCode, name: s.officeName }, to: { code: unit.code, name: unit.name },
    number: doc.number, time: doc.time, note: doc.note,
    lines: doc.lines.map((l): AllocationLine => ({
      line: l.lineNo, item: { code: l.itemCode, name: l.itemName, spec: l.spec, unit: l.unit },
      batchNo: l.batchNo, productionDate: l.productionDate, expiryDate: l.expiryDate, quantity: Number(l.quantity),
    })),
  });
  return { fileName: fileSafe(`调拨单-${doc.number}-${unit.name}.slpkg`), bytes: Buffer.from(text, 'utf8') };
}

export interface AllocationState {
  documentId: number;
  number: string;
  time: string;
  unit: string;
  lines: number;
  /** Voided after the unit signed for it: the goods are there, the allocation is not (a difference to settle with the unit). */
  voided: boolean;
  /** null until the unit's 签收 is imported. */
  ack: { receiptNumber: string; receivedAt: string; differences: AckLine[] } | null;
}

/** The district's 调拨出库 to registered units, newest first, each with its 签收 once it came. */
export function allocationStates(db: Database): AllocationState[] {
  const rows = all(db, qb.selectFrom('documents as d').innerJoin('sub_units as u', 'u.name', 'd.counterparty')
    .leftJoin('allocation_acks as a', 'a.document_id', 'd.id')
    .select((eb) => ['d.id', 'd.number', 'd.occurred_at', 'd.state', 'u.name', 'a.receipt_number', 'a.received_at', 'a.lines',
      eb.selectFrom('document_lines as l').select((l) => l.fn.countAll<number>().as('n')).whereRef('l.document_id', '=', 'd.id').as('n')])
    .where('d.type', '=', 'transfer_out').where((eb) => eb.or([eb('d.state', '=', 'posted'), eb('a.id', 'is not', null)])).orderBy('d.occurred_at', 'desc').limit(200));
  return rows.map((r) => ({
    documentId: r.id, number: r.number, time: r.occurred_at, unit: r.name, lines: r.n ?? 0, voided: r.state === 'voided',
    ack: r.receipt_number ? { receiptNumber: r.receipt_number, receivedAt: r.received_at!, differences: (JSON.parse(r.lines!) as AckLine[]).filter((l) => l.received !== l.sent) } : null,
  }));
}
