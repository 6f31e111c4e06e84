import { z } from 'zod';
import { purchaseOrderWorkbook } from '../../excel/rounds/purchase-order-workbook';
import { readTable } from '../../excel/read-table';
import { fail } from '../errors';
import { flag, id, text } from '../reference/common';
import { commitHouseholdImport, planHouseholdImport } from '../rounds/household-import';
import { readPriceList } from '../rounds/goods-import';
import { allotInput, allotOrder, handOver, handoverInput } from '../rounds/handover';
import { deliverInput, deliverOrder, payInput, payOrder, reconcile, reconcileInput, settle, settlementInput, unpayInput, unpayOrder } from '../rounds/settlement';
import { readSettings } from '../reference/settings';
import { consolidate, consolidationInput } from '../rounds/consolidate';
import {
  createHousehold, getHousehold, householdCreateInput, householdView, householdListInput, householdUpdateInput, listCompounds, listHouseholds, updateHousehold,
} from '../rounds/households';
import { changeOrder, getOrder, listOrders, orderChangeInput, orderListInput, orderRecordInput, recordOrder } from '../rounds/orders';
import { closeRound, createRound, cutoffText, getRound, getRoundRow, listRounds, roundCreateInput, roundListInput, roundUpdateInput, updateRound } from '../rounds/rounds';
import { createSupplier, listSuppliers, supplierCreateInput, supplierUpdateInput, updateSupplier } from '../rounds/suppliers';
import { businessDate, localDateTime } from '../time';
import { fileSafe } from '../file-name';
import { command, job, noInput, query } from './handler';
import { userName } from './stock-sheets';
import { deliveryInput, deliveryLabelsHtml, deliverySheetHtml } from '../print/delivery';
import { anonymiseInput, anonymiseRounds } from '../rounds/privacy';
import { createFreeRound, distribute, distributeInput, freeExclude, freeExcludeInput, freeRoundInput } from '../rounds/free';


/** A workbook or CSV sent from the screen (the grid worker's household list, a supplier's price list). */
const uploadedFile = z.strictObject({
  fileName: text(200).refine((s) => s.length > 0, '请选择文件'),
  /** The file's bytes, base64. */
  data: z.string().max(24 * 1024 * 1024),
});

async function uploadedTable(input: z.infer<typeof uploadedFile>) {
  const bytes = Buffer.from(input.data, 'base64');
  if (bytes.length === 0) fail('INVALID_INPUT', '文件是空的。');
  return readTable(input.fileName, bytes);
}

/** 住户导入: a preview with every row's errors, then all or nothing. */
export const householdImportHandlers = {
  'households.importPreview': query(uploadedFile, async ({ ledger }, input) => planHouseholdImport(ledger.db, await uploadedTable(input))),
  'rounds.goodsPreview': query(uploadedFile, async (_ctx, input) => readPriceList(await uploadedTable(input))),
  'households.importCommit': job(uploadedFile, async (ctx, input) => {
    const table = await uploadedTable(input);
    return ctx.commit((tx) => commitHouseholdImport(tx, planHouseholdImport(tx.db, table)));
  }),
};

/** 居民代购保供: households, suppliers, order rounds and their orders. Nothing here touches the stock ledger. */
export const roundHandlers = {
  'households.list': query(householdListInput, ({ ledger }, input) => listHouseholds(ledger.db, input)),
  'households.get': query(z.strictObject({ id }), ({ ledger }, input) => householdView(getHousehold(ledger.db, input.id))),
  'households.compounds': query(noInput, ({ ledger }) => listCompounds(ledger.db)),
  'households.create': command(householdCreateInput, createHousehold),
  'households.update': command(householdUpdateInput, updateHousehold),

  'suppliers.list': query(z.strictObject({ includeInactive: flag.optional() }).optional(), ({ ledger }, input) => listSuppliers(ledger.db, input)),
  'suppliers.create': command(supplierCreateInput, createSupplier),
  'suppliers.update': command(supplierUpdateInput, updateSupplier),

  'rounds.list': query(roundListInput, ({ ledger }, input) => listRounds(ledger.db, input)),
  'rounds.get': query(z.strictObject({ id }), ({ ledger }, input) => getRound(ledger.db, input.id)),
  'rounds.create': command(roundCreateInput, (tx, input, ctx) => createRound(tx, input, ctx.userId)),
  'rounds.update': command(roundUpdateInput, updateRound),
  'rounds.close': command(z.strictObject({ id }), (tx, input) => closeRound(tx, input.id)),
  'rounds.consolidation': query(consolidationInput, ({ ledger }, input) => consolidate(ledger.db, input)),
  'rounds.purchaseOrderExport': query(consolidationInput, async (ctx, input) => {
    const db = ctx.ledger.db;
    const c = consolidate(db, input);
    const settings = readSettings(db);
    const now = ctx.ledger.clock.now();
    const by = userName(ctx);
    const bytes = await purchaseOrderWorkbook(c, {
      officeName: settings.officeName, cutoff: `${c.round.day} ${cutoffText(db, getRoundRow(db, c.round.id))}`,
      printedAt: localDateTime(now, settings.timeZone), by,
    });
    return { fileName: fileSafe(`采购单-${c.round.number}-${c.round.supplierName}-${businessDate(now, settings.timeZone)}.xlsx`), data: bytes.toString('base64') };
  }),

  'orders.list': query(orderListInput, ({ ledger }, input) => listOrders(ledger.db, input)),
  'orders.get': query(z.strictObject({ id }), ({ ledger }, input) => getOrder(ledger.db, input.id)),
  'orders.record': command(orderRecordInput, (tx, input, ctx) => recordOrder(tx, input, ctx.userId)),
  'orders.change': command(orderChangeInput, changeOrder),
  'rounds.handover': command(handoverInput, (tx, input, ctx) => handOver(tx, input, ctx.userId)),
  'rounds.settlement': query(settlementInput, ({ ledger }, input) => settle(ledger.db, input.roundId)),
  'rounds.reconcile': command(reconcileInput, reconcile),
  'orders.allot': command(allotInput, allotOrder),
  'orders.pay': command(payInput, (tx, input, ctx) => payOrder(tx, input, ctx.userId)),
  'orders.unpay': command(unpayInput, unpayOrder),
  'orders.deliver': command(deliverInput, (tx, input, ctx) => deliverOrder(tx, input, ctx.userId)),
  'print.deliverySheets': query(deliveryInput, (ctx, input) => {
    return { html: deliverySheetHtml(ctx.ledger.db, input, ctx.ledger.clock.now(), userName(ctx)) };
  }),
  'print.deliveryLabels': query(deliveryInput, (ctx, input) => ({ html: deliveryLabelsHtml(ctx.ledger.db, input) })),
  'rounds.createFree': command(freeRoundInput, (tx, input, ctx) => createFreeRound(tx, input, ctx.userId)),
  'rounds.freeExclude': command(freeExcludeInput, freeExclude),
  'rounds.distribute': command(distributeInput, (tx, input, ctx) => distribute(tx, input, ctx.userId)),
  'rounds.anonymise': command(anonymiseInput, (tx, input) => anonymiseRounds(tx, input?.keepDays)),
  ...householdImportHandlers,
};
