import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { fail } from '../errors';
import type { Tx } from '../open';
import { flag, text } from '../reference/common';
import { first, qb, run } from '../sql';
import { batchForIncoming, batchLabel, findOrCreateBatch } from '../ledger/batches';
import type { ItemFacts } from '../ledger/item-facts';
import type { PostLineInput } from '../ledger/input';

/** 捐赠登记 on a receipt from a 社会捐赠 source: who gave (or 匿名), how to reach them, the 捐赠收据 number. */
export const donationInput = z.strictObject({
  /** The donor as they want to be named; may stay empty when anonymous (kept, never published). */
  donor: text(60).optional(),
  anonymous: flag.optional(),
  contact: text(60).optional(),
  receiptNo: text(40).optional(),
});
export type DonationInput = z.infer<typeof donationInput>;

/** What a donation receipt being posted carries: its facts, and the batches its lines took. */
export interface DonationPosting {
  documentId: number;
  number: string;
  donor: string;
  anonymous: boolean;
  contact: string;
  receiptNo: string;
  batches: Set<number>;
}

const TYPE_NAMES: Record<string, string> = { allocation: '上级调拨', purchase: '自行采购', donation: '社会捐赠', other: '其他' };

/**
 * Whether the receipt being posted is a donation (its source a 社会捐赠), and with what facts; null for
 * any other document. Donor details on anything else are refused, naming the source's type.
 * A donation receipt without details names its source as the donor.
 */
export function donationOf(type: string, source: { name?: string; type?: string } | undefined, given: DonationInput | undefined): Omit<DonationPosting, 'documentId' | 'number' | 'batches'> | null {
  const isDonation = type === 'receipt' && source?.type === 'donation';
  if (!isDonation) {
    if (given) fail('INVALID_INPUT', type === 'receipt' && source ? `来源“${source.name}”是${TYPE_NAMES[source.type!] ?? source.type},不是社会捐赠,不能登记捐赠方。` : '只有社会捐赠的入库单可以登记捐赠方。');
    return null;
  }
  const anonymous = given?.anonymous === true;
  const donor = given ? (given.donor ?? '') : source!.name ?? '';
  if (!anonymous && !donor) fail('INVALID_INPUT', '请填写捐赠方,或选择匿名捐赠。');
  return { donor, anonymous, contact: given?.contact ?? '', receiptNo: given?.receiptNo ?? '' };
}

type Owner = { documentId: number; state: string; number: string };
const ownerOf = (db: Database, batchId: number): Owner | undefined =>
  first(db, qb.selectFrom('donation_batches as o').innerJoin('documents as d', 'd.id', 'o.document_id').select(['o.document_id as documentId', 'd.state', 'd.number']).where('o.batch_id', '=', batchId));
/** A movement of the batch that still stands (its document posted and not a reversal): the batch has been used. */
const usedBy = (db: Database, itemId: number, batchId: number): string | undefined =>
  first(db, qb.selectFrom('movements as m').innerJoin('documents as d', 'd.id', 'm.document_id').select('d.number')
    .where('m.item_id', '=', itemId).where('m.batch_id', '=', batchId).where('d.state', '=', 'posted').where('d.type', '<>', 'void').limit(1))?.number;
const batchNoOf = (db: Database, batchId: number) => first(db, qb.selectFrom('batches').select('batch_no').where('id', '=', batchId))!.batch_no;

/**
 * The batch a donated line goes into: donated goods keep batches of their own, so that where they went
 * is read exactly from those batches. A tracked item names a batch number no other goods have used;
 * goods without batch numbers get a batch named after the receipt. The batch becomes the donation's.
 */
export function donatedBatch(tx: Tx, item: ItemFacts, line: PostLineInput, d: DonationPosting): number {
  const own = !line.batchId && item.tracks_batches !== 1;
  if (own && line.productionDate && line.expiryDate && line.expiryDate <= line.productionDate) fail('INVALID_INPUT', `${item.name} 的有效期必须晚于生产日期。`);
  const existed = !!line.batchId || (!own && !!first(tx.db, qb.selectFrom('batches').select('id').where('item_id', '=', item.id).where('batch_no', '=', line.batchNo ?? '')));
  const batchId = own ? findOrCreateBatch(tx, item.id, d.number, line.productionDate ?? null, line.expiryDate ?? null) : batchForIncoming(tx, item, line);
  if (d.batches.has(batchId)) return batchId;
  const owner = ownerOf(tx.db, batchId);
  const label = () => batchLabel(batchNoOf(tx.db, batchId), item.tracks_batches) || '(无批号)';
  if (owner && owner.state === 'posted') fail('DUPLICATE', `${item.name} 批号 ${label()} 已是捐赠 ${owner.number} 的批次;每次捐赠的物资单独立批,请填写新的批号。`);
  if (existed) {
    const used = usedBy(tx.db, item.id, batchId);
    if (used) fail('DUPLICATE', `${item.name} 批号 ${label()} 已有单据 ${used} 的出入库记录;捐赠物资须单独立批,请填写新的批号。`);
  }
  d.batches.add(batchId);
  return batchId;
}

/** A receipt of anything but that donation may not put goods into a donation's batch. */
export function refuseDonatedBatch(db: Database, item: ItemFacts, batchId: number): void {
  const owner = ownerOf(db, batchId);
  if (!owner || owner.state !== 'posted') return;
  fail('DUPLICATE', `${item.name} 批号 ${batchLabel(batchNoOf(db, batchId), item.tracks_batches) || '(无批号)'} 是捐赠 ${owner.number} 的批次,其他来源的物资不能入同一批次,请填写另一个批号。`);
}

/** Writes the donation beside its receipt, and which batches are its own (a voided donation's batch passes to this one). */
export function recordDonation(tx: Tx, d: DonationPosting): void {
  run(tx.db, qb.insertInto('donations').values({ document_id: d.documentId, donor: d.donor, anonymous: d.anonymous ? 1 : 0, contact: d.contact, receipt_no: d.receiptNo }));
  for (const b of d.batches) {
    run(tx.db, qb.insertInto('donation_batches').values({ batch_id: b, document_id: d.documentId }).onConflict((oc) => oc.column('batch_id').doUpdateSet({ document_id: d.documentId })));
  }
}
