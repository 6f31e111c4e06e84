import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { getDocument } from '../queries/documents';
import { amountFen, formatQuantity } from '../quantity';
import { id, isoDate, text } from '../reference/common';
import { packsByItem } from '../reference/item-units';
import { readSettings } from '../reference/settings';
import type { Paper } from '../schema';
import { all, first, qb, run } from '../sql';
import { addDays, localDateTime, zonedInstant } from '../time';
import { PRINTABLE_TEXT, PRINTED_KINDS } from './doc-kinds';
import { PAPER_IDS } from './papers';
import { quantityText } from './slip-cells';
import { slipPageHtml, type PageMode, type SlipView } from './slip-html';

const paper = z.enum(PAPER_IDS as [Paper, ...Paper[]]);
/** With preview: the page as the next print will look (补打 once one is recorded), or as each slip's last recorded print. */
const view = z.enum(['next', 'last']);
export const printSlipInput = z.strictObject({
  /** The slip by its id, or by the number printed on it (CK20261128-001). */
  documentId: id.optional(),
  number: text(30).optional(),
  paper: paper.optional(),
  copies: z.number().int().min(1).max(3).optional(),
  /** A preview is not a print: nothing is recorded, no 补打 mark. */
  preview: z.boolean().optional(),
  autoPrint: z.boolean().optional(),
  /** With preview, in browser mode: an on-screen 打印 button that records the print first. */
  confirm: z.boolean().optional(),
  /** With preview: the page of a print already recorded (its number, 补打 after the first). */
  printNo: id.optional(),
  view: view.optional(),
}).refine((x) => (x.documentId === undefined) !== (x.number === undefined), { message: '请给出单据或单号(只给一个)', path: ['documentId'] });
export const printSlipsInput = z.strictObject({
  date: isoDate,
  checkpointId: id.optional(),
  paper: paper.optional(),
  copies: z.number().int().min(1).max(3).optional(),
  preview: z.boolean().optional(),
  autoPrint: z.boolean().optional(),
  confirm: z.boolean().optional(),
  view: view.optional(),
});

const pageMode = (input: { autoPrint?: boolean; confirm?: boolean }, what: 'slip' | 'slips'): PageMode =>
  input.confirm ? { confirm: what } : input.autoPrint ? 'auto' : 'none';


function slipView(db: Database, documentId: number): Omit<SlipView, 'printNo'> {
  const doc = getDocument(db, documentId);
  const kind = PRINTED_KINDS[doc.type];
  if (!kind) fail('INVALID_INPUT', `${doc.number} 不是${PRINTABLE_TEXT},不能打印。`);
  const settings = readSettings(db);
  const itemIds = [...new Set(doc.lines.map((l) => l.itemId))];
  const packs = packsByItem(db, itemIds);
  const totals = new Map<string, number>();
  let amount = 0;
  const lines = doc.lines.map((l) => {
    const scaled = Math.round(l.quantity * 10 ** l.decimals);
    const a = amountFen(scaled, l.decimals, l.unitPrice);
    amount += a;
    totals.set(l.unit, (totals.get(l.unit) ?? 0) + scaled * 10 ** (3 - l.decimals));
    const own = kind.line?.(l);
    return {
      name: l.itemName, spec: l.spec, unit: l.unit,
      quantity: own?.quantity ?? quantityText(scaled, l.entered, { unit: l.unit, decimals: l.decimals, packs: packs.get(l.itemId) ?? [] }),
      batch: l.batchNo ?? '',
      expiry: l.expiryDate ?? '',
      note: own?.note ?? [l.reason && `原因:${l.reason}`, l.note, l.overrideReason && `过期发放:${l.overrideReason}`].filter(Boolean).join(';'),
      unitPrice: l.unitPrice, amount: a,
    };
  });
  return {
    title: kind.title ?? settings.slipTitle,
    officeName: settings.officeName,
    number: doc.number,
    time: localDateTime(new Date(doc.time), settings.timeZone),
    parties: kind.parties(doc),
    signs: kind.signs,
    operator: doc.operatorName,
    lines,
    totals: kind.total?.(doc.lines) ?? [...totals].map(([unit, milli]) => `${formatQuantity(milli, 3)} ${unit}`).join('、'),
    amount,
    voided: doc.state === 'voided',
    voidReason: doc.voidReason ?? '',
  };
}

function lastPrint(db: Database, documentId: number): number {
  return first(db, qb.selectFrom('print_log').select((e) => e.fn.max('print_no').as('n')).where('document_id', '=', documentId))?.n ?? 0;
}

function recordPrint(tx: Tx, documentId: number, userId: number, paperId: Paper, copies: number): number {
  const next = lastPrint(tx.db, documentId) + 1;
  run(tx.db, qb.insertInto('print_log').values({ document_id: documentId, printed_at: tx.clock.now().toISOString(), user_id: userId, paper: paperId, copies, print_no: next }));
  return next;
}

/**
 * The print number a page shows without recording: a recorded print's (checked), the next print's,
 * the last recorded one's, or 0 (预览).
 */
function shownPrint(db: Database, documentId: number, printNo: number | undefined, as: 'next' | 'last' | undefined): number {
  if (printNo === undefined) return as === 'next' ? lastPrint(db, documentId) + 1 : as === 'last' ? lastPrint(db, documentId) : 0;
  if (!first(db, qb.selectFrom('print_log').select('id').where('document_id', '=', documentId).where('print_no', '=', printNo))) {
    fail('NOT_FOUND', `这张单据没有第 ${printNo} 次打印的记录。`);
  }
  return printNo;
}

function documentByNumber(db: Database, number: string): number {
  const doc = first(db, qb.selectFrom('documents').select('id').where('number', '=', number.trim().toUpperCase()));
  if (!doc) fail('NOT_FOUND', `单号 ${number} 不存在。`);
  return doc.id;
}

function userName(db: Database, userId: number): string {
  return first(db, qb.selectFrom('users').select('display_name').where('id', '=', userId))?.display_name ?? '';
}

/** Paper, copies and the printed-by line: the request's choice, else the office's slip settings. */
function printOptions(tx: Tx, input: { paper?: Paper; copies?: number }, userId: number) {
  const settings = readSettings(tx.db);
  return {
    paper: input.paper ?? settings.slipPaper,
    copies: input.copies ?? settings.slipCopies,
    showPrices: settings.slipShowPrices,
    printedBy: userName(tx.db, userId),
    printedAt: localDateTime(tx.clock.now(), settings.timeZone),
    timeZone: settings.timeZone,
  };
}

/** One slip's printable page; a real print is recorded and every print after the first says 补打. */
export function printSlip(tx: Tx, input: z.infer<typeof printSlipInput>, userId: number) {
  const documentId = input.documentId ?? documentByNumber(tx.db, input.number!);
  const view = slipView(tx.db, documentId);
  const opt = printOptions(tx, input, userId);
  const printNo = input.preview ? shownPrint(tx.db, documentId, input.printNo, input.view) : recordPrint(tx, documentId, userId, opt.paper, opt.copies);
  const html = slipPageHtml([{ ...view, printNo }], opt, pageMode(input, 'slip'));
  return { html, paper: opt.paper, copies: opt.copies, printNo, number: view.number, documentId };
}

/** All issue slips of an office-local day (optionally of one checkpoint) in one print job. */
export function printSlips(tx: Tx, input: z.infer<typeof printSlipsInput>, userId: number) {
  const opt = printOptions(tx, input, userId);
  const from = zonedInstant(input.date, '00:00', opt.timeZone).toISOString();
  const to = zonedInstant(addDays(input.date, 1), '00:00', opt.timeZone).toISOString();
  // Voided slips stay out: the day's print is what was handed over and stands.
  let slips = qb.selectFrom('documents').select('id').where('type', '=', 'issue').where('state', '=', 'posted').where('occurred_at', '>=', from).where('occurred_at', '<', to);
  if (input.checkpointId !== undefined) slips = slips.where('checkpoint_id', '=', input.checkpointId);
  const ids = all(tx.db, slips.orderBy('occurred_at').orderBy('id')).map((r) => r.id);
  if (ids.length === 0) fail('NOT_FOUND', `${input.date} 没有可打印的发放单。`);
  const printNos = ids.map((docId) => (input.preview ? shownPrint(tx.db, docId, undefined, input.view) : recordPrint(tx, docId, userId, opt.paper, opt.copies)));
  const html = slipPageHtml(ids.map((docId, i) => ({ ...slipView(tx.db, docId), printNo: printNos[i] })), opt, pageMode(input, 'slips'));
  return { html, paper: opt.paper, copies: opt.copies, count: ids.length };
}

export function printHistory(db: Database, documentId: number) {
  return all(
    db,
    qb.selectFrom('print_log as p').innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.print_no as printNo', 'p.printed_at as printedAt', 'u.display_name as userName', 'p.paper', 'p.copies'])
      .where('p.document_id', '=', documentId).orderBy('p.print_no'),
  );
}
