import { fail } from '../errors';
import type { Tx } from '../open';
import { parsePositiveQuantity, parseQuantity } from '../quantity';
import { defaultStoreId } from '../reference/catalog';
import { requireRow } from '../reference/common';
import { readSettings } from '../reference/settings';
import type { DocType, ItemRow } from '../schema';
import { prepare } from '../sql';
import { businessDate } from '../time';
import { batchForIncoming, requireBatch } from './batches';
import type { PostInput, PostLineInput, PostableType } from './input';
import { nextNumber } from './numbering';
import { outstandingByBatch } from './outstanding';
import { checkPostingTime } from './period';
import { allocateFefo, applyMovement, expiredBatch, isExpired, stockOf, takeInOrder, type Allocation } from './stock';

/** Which parties each document type needs. */
const NEEDS: Record<PostableType, { source?: true; checkpoint?: true; person?: true; counterparty?: true }> = {
  receipt: { source: true },
  issue: { checkpoint: true, person: true },
  return: { checkpoint: true },
  loan: { checkpoint: true, person: true },
  loan_return: { checkpoint: true },
  stocktake: {},
  loss: {},
  transfer_out: { counterparty: true },
};

/** Signed direction of the stock change for each type (stocktake carries its own sign). */
const DIRECTION: Record<PostableType, 1 | -1 | 0> = {
  receipt: 1,
  issue: -1,
  return: 1,
  loan: -1,
  loan_return: 1,
  stocktake: 0,
  loss: -1,
  transfer_out: -1,
};

export interface Posted {
  id: number;
  number: string;
}

interface Header {
  type: DocType;
  occurredAt: string;
  storeId: number;
  sourceId: number | null;
  checkpointId: number | null;
  personId: number | null;
}

/** Creates and posts a document of any type in the caller's transaction. */
export function postDocument(tx: Tx, input: PostInput, operatorId: number): Posted {
  const settings = readSettings(tx.db);
  const now = tx.clock.now();
  const at = input.time ? new Date(input.time) : now;
  checkPostingTime(at, now, settings);
  const needs = NEEDS[input.type];
  const storeId = input.storeId ? requireRow<{ id: number }>(tx.db, 'stores', input.storeId, true).id : defaultStoreId(tx.db);
  const sourceId = input.sourceId ? requireRow<{ id: number }>(tx.db, 'sources', input.sourceId, true).id : null;
  const checkpointId = input.checkpointId ? requireRow<{ id: number }>(tx.db, 'checkpoints', input.checkpointId, true).id : null;
  const personId = input.personId ? requireRow<{ id: number }>(tx.db, 'people', input.personId, true).id : null;
  if (needs.source && !sourceId) fail('INVALID_INPUT', '入库单须选择物资来源。');
  if (needs.checkpoint && !checkpointId) fail('INVALID_INPUT', '请选择领用点位。');
  if (needs.person && !personId) fail('INVALID_INPUT', '请选择领取人。');
  if (needs.counterparty && !input.counterparty) fail('INVALID_INPUT', '调拨出库须填写接收单位。');
  requireRow(tx.db, 'users', operatorId, true);

  const day = businessDate(at, settings.timeZone);
  const number = nextNumber(tx, input.type, day);
  const doc = prepare(
    tx.db,
    `INSERT INTO documents (type, number, state, occurred_at, business_date, store_id, source_id, checkpoint_id,
       person_id, counterparty, operator_id, note, created_at)
     VALUES (?, ?, 'posted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.type, number, at.toISOString(), day, storeId, sourceId, checkpointId, personId,
    input.counterparty ?? '', operatorId, input.note ?? '', now.toISOString(),
  );
  const header: Header = { type: input.type, occurredAt: at.toISOString(), storeId, sourceId, checkpointId, personId };
  const documentId = Number(doc.lastInsertRowid);
  const counted = new Set<string>();
  let lineNo = 0;
  for (const line of input.lines) {
    const item = requireRow<ItemRow>(tx.db, 'items', line.itemId, true);
    if ((input.type === 'loan' || input.type === 'loan_return') && item.durable !== 1) {
      fail('NOT_DURABLE', `${item.name} 不是耐用品,不能借用或归还,请用出库发放或退库。`);
    }
    if (input.type === 'stocktake') {
      lineNo = postStocktakeLine(tx, header, documentId, ++lineNo, item, line, counted);
      continue;
    }
    if (line.quantity === undefined) fail('INVALID_INPUT', `${item.name} 请填写数量。`);
    if (input.type === 'loss' && !line.reason) fail('INVALID_INPUT', `${item.name} 报损须填写原因。`);
    const qty = parsePositiveQuantity(line.quantity, item.decimals, item.name);
    const allocations = allocate(tx, header, item, line, qty, day);
    for (const a of allocations) {
      lineNo++;
      const lineId = insertLine(tx, documentId, lineNo, item, a.batchId, a.quantity, line);
      applyMovement(tx, movement(header, documentId, lineId, item.id, a.batchId, DIRECTION[input.type] * a.quantity), item);
    }
  }
  return { id: documentId, number };
}

function allocate(tx: Tx, h: Header, item: ItemRow, line: PostLineInput, qty: number, today: string): Allocation[] {
  switch (h.type) {
    case 'receipt':
      return [{ batchId: batchForIncoming(tx, item, line), quantity: qty }];
    case 'return':
    case 'loan_return':
      return outstandingAllocation(tx, h, item, line, qty);
    default: {
      const allowExpired = h.type === 'loss' || !!line.expiredOverride;
      if (!line.batchId) return allocateFefo(tx.db, item, h.storeId, qty, today, allowExpired);
      const batch = requireBatch(tx.db, item, line.batchId);
      if (!allowExpired && isExpired(batch.expiry_date, today)) expiredBatch(item, batch.batch_no, batch.expiry_date!);
      return [{ batchId: batch.id, quantity: qty }];
    }
  }
}

/** Returns go back to the batches the checkpoint still holds, never more than it holds. */
function outstandingAllocation(tx: Tx, h: Header, item: ItemRow, line: PostLineInput, qty: number): Allocation[] {
  const held = outstandingByBatch(tx.db, h.type === 'loan_return' ? 'loan' : 'issue', h.checkpointId!, item.id, h.storeId);
  const candidates = line.batchId ? held.filter((b) => b.batchId === line.batchId) : held;
  const total = candidates.reduce((s, b) => s + b.quantity, 0);
  if (total < qty) {
    const what = h.type === 'loan_return' ? '借用未还' : '已领未退';
    fail(h.type === 'loan_return' ? 'LOAN_RETURN_EXCEEDS' : 'RETURN_EXCEEDS_ISSUED', `${item.name} 退回数量超过该点位${what}的数量。`);
  }
  return takeInOrder(candidates, qty).result;
}

function postStocktakeLine(
  tx: Tx, h: Header, documentId: number, lineNo: number, item: ItemRow, line: PostLineInput, seen: Set<string>,
): number {
  if (line.counted === undefined) fail('INVALID_INPUT', `${item.name} 请填写实盘数量。`);
  const counted = parseQuantity(line.counted, item.decimals, item.name);
  const batchId = batchForIncoming(tx, item, line);
  const key = `${item.id}:${batchId}`;
  if (seen.has(key)) fail('INVALID_INPUT', `${item.name} 在本盘点单中重复出现。`);
  seen.add(key);
  const book = stockOf(tx.db, item.id, batchId, h.storeId);
  const diff = counted - book;
  if (diff !== 0 && !line.reason) fail('INVALID_INPUT', `${item.name} 实盘与账面不符,请填写差异原因。`);
  const lineId = insertLine(tx, documentId, lineNo, item, batchId, diff, line, { book, counted });
  if (diff !== 0) applyMovement(tx, movement(h, documentId, lineId, item.id, batchId, diff), item);
  return lineNo;
}

function insertLine(
  tx: Tx, documentId: number, lineNo: number, item: ItemRow, batchId: number, quantity: number, line: PostLineInput,
  stocktake?: { book: number; counted: number },
): number {
  const r = prepare(
    tx.db,
    `INSERT INTO document_lines (document_id, line_no, item_id, batch_id, quantity, book_quantity, counted_quantity,
       unit_price, note, reason, override_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    documentId, lineNo, item.id, batchId, quantity, stocktake?.book ?? null, stocktake?.counted ?? null,
    line.unitPrice ?? item.unit_price, line.note ?? '', line.reason ?? '', line.expiredOverride ?? '',
  );
  return Number(r.lastInsertRowid);
}

function movement(h: Header, documentId: number, lineId: number, itemId: number, batchId: number, delta: number) {
  return {
    documentId, lineId, kind: h.type, occurredAt: h.occurredAt, itemId, batchId, storeId: h.storeId,
    checkpointId: h.checkpointId, sourceId: h.sourceId, delta,
  };
}
