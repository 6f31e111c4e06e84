import { fail } from '../errors';
import type { Tx } from '../open';
import { parsePositiveQuantity, parseQuantity } from '../quantity';
import { checkRow, requireRow } from '../reference/common';
import { itemFacts, type ItemFacts } from './item-facts';
import { prepare } from '../sql';
import { businessDate } from '../time';
import { batchForIncoming, requireBatch } from './batches';
import { readForPosting, type PartyRow } from './context';
import type { PostInput, PostLineInput, PostableType } from './input';
import { nextNumber } from './numbering';
import { HeldAt, StockAt, holdingOf } from './as-of';
import type { Guard } from './guard';
import { checkPostingTime } from './period';
import { writeLines, type PlannedLine } from './lines';
import { EnteredText } from './entered';
import { allocateFefo, allocateReturn, expiredBatch, isExpired, Taken, type Allocation } from './stock';
import { donatedBatch, donationOf, recordDonation, refuseDonatedBatch, type DonationPosting } from '../donations/record';

// SQL written by hand on a measured hot path: the document row of every posting (post_slip_ms); figures in docs/performance.md.

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
  move: {},
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
  /** Out of its store; the same lines go into the receiving store (lines.ts writes both legs). */
  move: -1,
};

export interface Posted {
  id: number;
  number: string;
}

interface Header {
  type: PostableType;
  occurredAt: string;
  storeId: number;
  sourceId: number | null;
  checkpointId: number | null;
  personId: number | null;
  /** A donation receipt: its goods go into batches of their own (donations/record.ts). */
  donation: DonationPosting | null;
}

/** The document's view of the ledger at its own time (shared by the allocation and the final check) and its office day. */
type AtTime = Guard & { day: string };

/** Creates and posts a document of any type in the caller's transaction. */
export function postDocument(tx: Tx, input: PostInput, operatorId: number): Posted {
  const reads = readForPosting(tx.db, input, operatorId);
  const settings = reads.settings;
  const now = tx.clock.now();
  const at = input.time ? new Date(input.time) : now;
  checkPostingTime(at, now, settings);
  const needs = NEEDS[input.type];
  const storeId = input.storeId ? checkRow('stores', input.storeId, reads.store, true).id : (reads.store ?? fail('NOT_FOUND', '没有可用的库房。')).id;
  const party = (table: 'sources' | 'checkpoints' | 'people', id: number | undefined, row: PartyRow | undefined) => (id ? checkRow(table, id, row, true).id : null);
  const sourceId = party('sources', input.sourceId, reads.source);
  const checkpointId = party('checkpoints', input.checkpointId, reads.checkpoint);
  const personId = party('people', input.personId, reads.person);
  if (needs.source && !sourceId) fail('INVALID_INPUT', '入库单须选择物资来源。');
  if (needs.checkpoint && !checkpointId) fail('INVALID_INPUT', '请选择领用点位。');
  if (needs.person && !personId) fail('INVALID_INPUT', '请选择领取人。');
  if (needs.counterparty && !input.counterparty) fail('INVALID_INPUT', '调拨出库须填写接收单位。');
  checkRow('users', operatorId, reads.operator, true);
  const toStoreId = receivingStore(tx, input, storeId);
  const donated = donationOf(input.type, sourceId === null ? undefined : reads.source, input.donation);

  const day = businessDate(at, settings.timeZone);
  if (input.expectedReturn !== undefined && input.type !== 'loan') fail('INVALID_INPUT', '只有借用单可以填写预计归还日期。');
  if (input.expectedReturn && input.expectedReturn < day) fail('INVALID_INPUT', `预计归还日期 ${input.expectedReturn} 早于借用日期 ${day}。`);
  const number = nextNumber(tx, input.type, day);
  const doc = prepare(
    tx.db,
    `INSERT INTO documents (type, number, state, occurred_at, business_date, store_id, source_id, checkpoint_id,
       person_id, counterparty, operator_id, note, created_at, expected_return, to_store_id)
     VALUES (?, ?, 'posted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    input.type, number, at.toISOString(), day, storeId, sourceId, checkpointId, personId,
    input.counterparty ?? '', operatorId, input.note ?? '', now.toISOString(), input.expectedReturn ?? '', toStoreId,
  );
  const documentId = Number(doc.lastInsertRowid);
  const donation = donated && { ...donated, documentId, number, batches: new Set<number>() };
  const header: Header = { type: input.type, occurredAt: at.toISOString(), storeId, sourceId, checkpointId, personId, donation };
  const items = itemFacts(tx.db, input.lines.map((l) => l.itemId));
  const stock = new StockAt(tx.db, storeId, header.occurredAt);
  // Outgoing lines and counts read their items' stock at the document's time at once.
  if (DIRECTION[input.type] <= 0) stock.load(input.lines.map((l) => l.itemId));
  const holding = holdingOf(input.type);
  const held = holding && DIRECTION[input.type] > 0 && checkpointId ? new HeldAt(tx.db, holding, checkpointId, storeId, header.occurredAt) : null;
  const toStock = toStoreId === null ? undefined : new StockAt(tx.db, toStoreId, header.occurredAt);
  const view: AtTime = { tz: settings.timeZone, day, stock, toStock, held, items, checkpointName: reads.checkpoint?.name ?? '' };
  const counted = new Set<string>();
  const taken = new Taken();
  const planned: PlannedLine[] = [];
  const entered = new EnteredText(tx.db, input.lines);
  for (const line of input.lines) {
    const item = checkRow('items', line.itemId, items.get(line.itemId), true);
    if ((input.type === 'loan' || input.type === 'loan_return') && item.durable !== 1) {
      fail('NOT_DURABLE', `${item.name} 不是耐用品,不能借用或归还,请用出库发放或退库。`);
    }
    if (input.type === 'stocktake') {
      planned.push(stocktakeLine(tx, view, planned.length + 1, item, line, counted, entered));
      continue;
    }
    if (line.quantity === undefined) fail('INVALID_INPUT', `${item.name} 请填写数量。`);
    if (input.type === 'loss' && !line.reason) fail('INVALID_INPUT', `${item.name} 报损须填写原因。`);
    const qty = parsePositiveQuantity(line.quantity, item.decimals, item.name);
    const typed = entered.check(item, line.entered, qty, false);
    const allocations = allocate(tx, header, view, item, line, qty, taken);
    for (const a of allocations) {
      taken.add(a.batchId, a.quantity);
      // What was typed stands for the whole line: kept only where one batch took it all.
      const shown = allocations.length === 1 ? typed : '';
      planned.push(plannedLine(planned.length + 1, item, a.batchId, a.quantity, DIRECTION[input.type] * a.quantity, line, a.expired && input.type !== 'loss' && input.type !== 'move', shown));
    }
  }
  writeLines(tx, documentId, { kind: input.type, ...header, toStoreId }, planned, view);
  if (donation) recordDonation(tx, donation);
  return { id: documentId, number };
}

/** 移库 names an active store other than its own; every other type names none. */
function receivingStore(tx: Tx, input: PostInput, storeId: number): number | null {
  if (input.type !== 'move') {
    if (input.toStoreId !== undefined) fail('INVALID_INPUT', '只有移库单可以选择调入库房。');
    return null;
  }
  if (input.sourceId || input.checkpointId || input.personId || input.counterparty) fail('INVALID_INPUT', '移库单只在本单位的库房之间调拨,不填写来源、点位、领取人或接收单位。');
  if (!input.toStoreId) fail('INVALID_INPUT', '移库单须选择调入库房。');
  const to = requireRow<{ id: number; name: string }>(tx.db, 'stores', input.toStoreId, true);
  if (to.id === storeId) fail('INVALID_INPUT', `调入库房与调出库房相同(${to.name}),请选择另一个库房。`);
  return to.id;
}

function allocate(tx: Tx, h: Header, v: AtTime, item: ItemFacts, line: PostLineInput, qty: number, taken: Taken): Allocation[] {
  switch (h.type) {
    case 'receipt': {
      const batchId = h.donation ? donatedBatch(tx, item, line, h.donation) : batchForIncoming(tx, item, line);
      if (!h.donation) refuseDonatedBatch(tx.db, item, batchId);
      return [{ batchId, quantity: qty, expired: false }];
    }
    case 'return':
    case 'loan_return':
      return allocateReturn(tx.db, v.tz, v.held!, item, line.batchId, taken, qty, v.checkpointName);
    default: {
      if (!line.batchId) return allocateFefo(tx.db, v.tz, v.stock, item, taken, qty, v.day, h.type === 'loss' ? 'fefo' : line.expiredOverride || h.type === 'move' ? 'shortfall' : 'never');
      // A named batch: what it can give at this time and after is checked with the whole document, before writing.
      const batch = requireBatch(tx.db, item, line.batchId);
      const expired = isExpired(batch.expiry_date, v.day);
      if (expired && h.type !== 'loss' && h.type !== 'move' && !line.expiredOverride) expiredBatch(item, batch.batch_no, batch.expiry_date!);
      return [{ batchId: batch.id, quantity: qty, expired }];
    }
  }
}

/** A count: its book quantity is the balance at the stocktake's own time; the difference moves the stock there. */
function stocktakeLine(tx: Tx, v: AtTime, lineNo: number, item: ItemFacts, line: PostLineInput, seen: Set<string>, entered: EnteredText): PlannedLine {
  if (line.counted === undefined) fail('INVALID_INPUT', `${item.name} 请填写实盘数量。`);
  const counted = parseQuantity(line.counted, item.decimals, item.name);
  const typed = entered.check(item, line.entered, counted, true);
  const batchId = batchForIncoming(tx, item, line);
  const key = `${item.id}:${batchId}`;
  if (seen.has(key)) fail('INVALID_INPUT', `${item.name} 在本盘点单中重复出现。`);
  seen.add(key);
  const book = v.stock.series(item.id, batchId).atT;
  const diff = counted - book;
  if (diff !== 0 && !line.reason) fail('INVALID_INPUT', `${item.name} 实盘与账面不符,请填写差异原因。`);
  return { ...plannedLine(lineNo, item, batchId, diff, diff, line, false, typed), bookQuantity: book, countedQuantity: counted };
}

/** The override's reason goes only on lines that really took expired stock. */
function plannedLine(lineNo: number, item: ItemFacts, batchId: number, quantity: number, delta: number, line: PostLineInput, expired: boolean, entered: string): PlannedLine {
  return {
    lineNo, itemId: item.id, batchId, quantity, delta, bookQuantity: null, countedQuantity: null,
    unitPrice: line.unitPrice ?? item.unit_price, note: line.note ?? '', reason: line.reason ?? '', overrideReason: expired ? line.expiredOverride ?? '' : '',
    entered,
  };
}
