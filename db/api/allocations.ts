import { z } from 'zod';
import { allocationPackage, allocationStates } from '../district/allocation';
import { allocationAck, allocationFileInput, allocationReceiveInput, previewAllocation, receiveAllocation, receivedAllocations } from '../district/receive';
import { id } from '../reference/common';
import { command, noInput, query } from './handler';

const asFile = (f: { fileName: string; bytes: Buffer }) => ({ fileName: f.fileName, data: f.bytes.toString('base64') });

/** 调拨单 and 签收: the district's allocation as a file, taken in by the unit as a receipt, answered with a 签收. */
export const allocationHandlers = {
  'allocations.package': query(z.strictObject({ documentId: id }), ({ ledger }, input) => asFile(allocationPackage(ledger.db, input.documentId))),
  'allocations.list': query(noInput, ({ ledger }) => allocationStates(ledger.db)),
  'allocations.preview': query(allocationFileInput, ({ ledger }, input) => previewAllocation(ledger.db, input)),
  'allocations.receive': command(allocationReceiveInput, (tx, input, ctx) => receiveAllocation(tx, input, ctx.userId)),
  'allocations.received': query(noInput, ({ ledger }) => receivedAllocations(ledger.db)),
  'allocations.ack': query(z.strictObject({ documentId: id }), ({ ledger }, input) => asFile(allocationAck(ledger.db, input.documentId))),
};
