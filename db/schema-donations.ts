import type { Flag } from './schema';

/** 捐赠登记 (migration 0024): the donor beside a donation receipt, and the batches that hold donated goods. */
export interface DonationsDB {
  donations: DonationsTable;
  donation_batches: DonationBatchesTable;
}

export interface DonationsTable {
  /** The receipt (a document of type 'receipt' whose source is a 社会捐赠). */
  document_id: number;
  /** As the donor gave it; kept even when anonymous, never shown in public. */
  donor: string;
  /** 1: shown as 匿名 on everything public. */
  anonymous: Flag;
  contact: string;
  /** 捐赠收据 number, '' when none was issued yet. */
  receipt_no: string;
}

export interface DonationBatchesTable {
  batch_id: number;
  document_id: number;
}
