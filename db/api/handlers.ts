import { z } from 'zod';
import { postDocument } from '../ledger/post';
import { postInput, voidInput } from '../ledger/input';
import { voidDocument } from '../ledger/void';
import { recentItems, stockCard, stockCardInput } from '../queries/card';
import { docListInput, getDocument, listDocuments } from '../queries/documents';
import { dashboard } from '../queries/dashboard';
import { checkpointHoldings, holdingsInput } from '../queries/holdings';
import { loansInput, openLoans, outstandingLoans } from '../queries/loans';
import { listStock, stockListInput } from '../queries/stock';
import { verifyLedger } from '../queries/verify';
import {
  categoryCreateInput, categoryUpdateInput, createCategory, createSource, listCategories, listSources,
  sourceCreateInput, sourceListInput, sourceUpdateInput, updateCategory, updateSource,
} from '../reference/catalog';
import { id, instant } from '../reference/common';
import { listAudit, verifyAudit } from '../audit';
import { createStore, listStores, storeCreateInput, storeUpdateInput, updateStore } from '../reference/stores';
import { createItem, getItem, itemCreateInput, itemListInput, itemUpdateInput, listItems, updateItem } from '../reference/items';
import {
  checkpointCreateInput, checkpointUpdateInput, createCheckpoint, createPerson, listCheckpoints, listInput, listPeople,
  personCreateInput, personListInput, personUpdateInput, updateCheckpoint, updatePerson,
} from '../reference/places';
import { command, noInput, query, type OutputOf } from './handler';
import { catalogIoHandlers } from './catalog-io';
import { printHistory, printSlip, printSlipInput, printSlips, printSlipsInput } from '../print/slip';
import { reportHandlers } from './reports';
import { settingsHandlers } from './settings';
import { authHandlers } from './auth';
import { backupHandlers } from './backups';
import { templateHandlers } from './templates';
import { stockSheetHandlers } from './stock-sheets';
import { roundHandlers } from './rounds';
import { districtHandlers } from './district';
import { donationHandlers } from './donations';
import { districtInboxHandlers } from './district-inbox';
import { allocationHandlers } from './allocations';

/** The contract between the UI and the core: one map, `domain.verb` names. */
export const handlers = {
  ...authHandlers,

  'items.list': query(itemListInput, ({ ledger }, input) => listItems(ledger.db, input)),
  'items.get': query(z.strictObject({ id }), ({ ledger }, input) => getItem(ledger.db, input.id)),
  'items.create': command(itemCreateInput, createItem),
  'items.update': command(itemUpdateInput, updateItem),

  'categories.list': query(noInput, ({ ledger }) => listCategories(ledger.db)),
  'categories.create': command(categoryCreateInput, createCategory),
  'categories.update': command(categoryUpdateInput, updateCategory),

  'stores.list': query(noInput, ({ ledger }) => listStores(ledger.db)),
  'stores.create': command(storeCreateInput, createStore),
  'stores.update': command(storeUpdateInput, updateStore),

  'sources.list': query(sourceListInput, ({ ledger }, input) => listSources(ledger.db, input)),
  'sources.create': command(sourceCreateInput, createSource),
  'sources.update': command(sourceUpdateInput, updateSource),

  'checkpoints.list': query(listInput, ({ ledger }, input) => listCheckpoints(ledger.db, input)),
  'checkpoints.create': command(checkpointCreateInput, createCheckpoint),
  'checkpoints.update': command(checkpointUpdateInput, updateCheckpoint),

  'people.list': query(personListInput, ({ ledger }, input) => listPeople(ledger.db, input)),
  'people.create': command(personCreateInput, createPerson),
  'people.update': command(personUpdateInput, updatePerson),

  'docs.post': command(postInput, (tx, input, ctx) => postDocument(tx, input, ctx.userId)),
  'docs.void': command(voidInput, (tx, input, ctx) => {
    const reversal = voidDocument(tx, input, ctx.userId);
    return getDocument(tx.db, reversal.id);
  }),
  'docs.get': query(z.strictObject({ id }), ({ ledger }, input) => getDocument(ledger.db, input.id)),
  'docs.list': query(docListInput, ({ ledger }, input) => listDocuments(ledger.db, input)),

  'stock.list': query(stockListInput, ({ ledger }, input) => listStock(ledger.db, ledger.clock.now(), input)),
  'stock.card': query(stockCardInput, ({ ledger }, input) => stockCard(ledger.db, input)),
  'stock.recent': query(noInput, ({ ledger }) => recentItems(ledger.db, ledger.clock.now())),
  'loans.outstanding': query(loansInput, ({ ledger }, input) => outstandingLoans(ledger.db, input)),
  'loans.open': query(noInput, ({ ledger }) => openLoans(ledger.db, ledger.clock.now())),
  'holdings.list': query(holdingsInput, ({ ledger }, input) => checkpointHoldings(ledger.db, input)),
  'ledger.verify': query(noInput, ({ ledger }) => verifyLedger(ledger.db)),
  // A preview writes nothing worth a line in the audit trail.
  'print.slip': command(printSlipInput, (tx, input, ctx) => printSlip(tx, input, ctx.userId), (input) => !input.preview),
  'print.slips': command(printSlipsInput, (tx, input, ctx) => printSlips(tx, input, ctx.userId), (input) => !input.preview),
  'print.history': query(z.strictObject({ documentId: id }), ({ ledger }, input) => printHistory(ledger.db, input.documentId)),
  'audit.verify': query(noInput, ({ ledger }) => verifyAudit(ledger.db)),
  'audit.list': query(
    z.strictObject({ method: z.string().max(60).optional(), userId: id.optional(), from: instant.optional(), to: instant.optional(), limit: z.number().int().min(1).max(1000).optional(), offset: z.number().int().min(0).optional() }).optional(),
    ({ ledger }, input) => listAudit(ledger.db, input ?? {}),
  ),
  'dashboard.get': query(noInput, ({ ledger }) => dashboard(ledger.db, ledger.clock.now())),

  ...settingsHandlers,
  ...catalogIoHandlers,
  ...reportHandlers,
  ...backupHandlers,
  ...templateHandlers,
  ...stockSheetHandlers,
  ...roundHandlers,
  ...districtHandlers,
  ...donationHandlers,
  ...districtInboxHandlers,
  ...allocationHandlers,
};

export type Handlers = typeof handlers;
export type Method = keyof Handlers;
export type ApiInput<M extends Method> = z.input<Handlers[M]['input']>;
export type ApiOutput<M extends Method> = Awaited<OutputOf<Handlers[M]>>;
