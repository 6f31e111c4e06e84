import { z } from 'zod';
import { fen, id, instant, isoDate, quantity, text } from '../reference/common';
import { donationInput } from '../donations/record';

/** Document types a user can post; 'void' documents are only written by voiding. */
export const POSTABLE_TYPES = ['receipt', 'issue', 'return', 'loan', 'loan_return', 'stocktake', 'loss', 'transfer_out', 'move'] as const;
export type PostableType = (typeof POSTABLE_TYPES)[number];

export const postLineInput = z.strictObject({
  itemId: id,
  /** In the item's base unit; required for every type but stocktake. */
  quantity: quantity.optional(),
  /** Stocktake only: the counted quantity (zero allowed). */
  counted: quantity.optional(),
  batchId: id.optional(),
  batchNo: text(40).optional(),
  productionDate: isoDate.optional(),
  expiryDate: isoDate.optional(),
  unitPrice: fen.optional(),
  note: text(200).optional(),
  /** Stocktake differences and losses need one. */
  reason: text(200).optional(),
  /** Issue an expired batch anyway; the reason is recorded on the line. */
  expiredOverride: text(200).optional(),
  /** What the clerk typed ("2盒10只"): parsed again with the item's units, it must equal the quantity (the count on a stocktake). */
  entered: text(40).optional(),
});

export const postInput = z.strictObject({
  type: z.enum(POSTABLE_TYPES),
  /** ISO 8601 with offset; default now. Backdating inside the open period is allowed. */
  time: instant.optional(),
  storeId: id.optional(),
  sourceId: id.optional(),
  checkpointId: id.optional(),
  personId: id.optional(),
  /** 移库: the store the goods go to (storeId, or the default store, is where they leave). */
  toStoreId: id.optional(),
  /** The receiving unit of a transfer-out. */
  counterparty: text(60).optional(),
  /** A loan's promised return day (office date). */
  expectedReturn: isoDate.optional(),
  note: text(500).optional(),
  /** 捐赠登记: only on a receipt whose source is a 社会捐赠 (without it, the source is named as the donor). */
  donation: donationInput.optional(),
  lines: z.array(postLineInput).min(1, '单据至少要有一行物资').max(500),
});

export type PostInput = z.infer<typeof postInput>;
export type PostLineInput = z.infer<typeof postLineInput>;

export const voidInput = z.strictObject({
  documentId: id,
  /** When the reversal happens; default now. Not before the original, not in a locked period. */
  time: instant.optional(),
  reason: text(200).refine((s) => s.length > 0, '请填写作废原因'),
});
export type VoidInput = z.infer<typeof voidInput>;
