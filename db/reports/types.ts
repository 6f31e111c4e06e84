import type { SourceType } from '../schema';
import type { SupplyDay } from '../rounds/supply-day';

/** Movements with from < time <= to belong to the period (the lock refuses times <= its instant). */
export interface Period {
  from: string | null;
  to: string;
}

export interface ReportItem {
  itemId: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  category: string;
  opening: number;
  receipts: Record<SourceType, number>;
  received: number;
  /** 本期出库: issues net of returns; out is positive. */
  issued: number;
  /** 报损 and 盘盈盘亏, signed as stock moves (a loss is negative). */
  adjusted: number;
  /** 借出: loans net of loan returns, signed like `issued` (lent out is positive, more back than lent negative). */
  lent: number;
  /** 调出: transfers out to another unit, signed like `issued` (a voided transfer counts back). */
  transferredOut: number;
  /** opening + received − issued + adjusted − lent − transferredOut. */
  closing: number;
  /** Average daily net issue over the seven days before the cutoff. */
  dailyIssue: number;
  /** closing ÷ dailyIssue; null when nothing was issued. */
  coverDays: number | null;
  minStock: number;
  belowMinimum: boolean;
  nearExpiry: boolean;
  /** Fen per base unit (the item's default price) and the closing amount in fen. */
  unitPrice: number;
  closingAmount: number;
}

/**
 * A line of the period's slips and returns as it stood at the cutoff. `quantity` is signed as it
 * counts towards 本期出库: a slip +, a return −, a reversal of an earlier period's document the
 * opposite of it; a line `voided` by the cutoff counts 0.
 */
export interface ReportSlipLine {
  time: string;
  number: string;
  kind: 'issue' | 'return' | 'void';
  /** A reversal's original: the number of the document it voids. */
  reverses: string | null;
  checkpoint: string;
  person: string;
  item: string;
  spec: string;
  unit: string;
  quantity: number;
  batch: string;
  issuer: string;
  voided: boolean;
}

/** A receipt line at the cutoff; a reversal of an earlier receipt counts negative. */
export interface ReportReceiptLine {
  time: string;
  number: string;
  reverses: string | null;
  source: string;
  sourceType: SourceType;
  item: string;
  spec: string;
  unit: string;
  quantity: number;
  batch: string;
  expiry: string | null;
  voided: boolean;
}

export interface ReportBatch {
  item: string;
  spec: string;
  unit: string;
  category: string;
  batch: string;
  production: string | null;
  expiry: string | null;
  quantity: number;
  expired: boolean;
  nearExpiry: boolean;
}

export interface Narrative {
  work: string;
  problems: string;
  plans: string;
  filledBy: string;
  reviewedBy: string;
  phone: string;
}

/** Net issues (issues less returns) of one checkpoint in the period, by item id. */
export interface ReportCheckpoint {
  checkpointId: number;
  name: string;
  quantities: Record<number, number>;
}

export interface DailyReport {
  officeName: string;
  /** The office day "YYYY-MM-DD" a daily report is for; null for any other range. */
  day?: string | null;
  /** A daily report's kind: the day's first, a 补报 after an early one, a 更正. */
  kind?: 'daily' | 'supplement' | 'correction';
  /** Why a 补报 or 更正 was sent. */
  reason?: string | null;
  timeZone: string;
  period: Period;
  /** True when the cutoff is "now", before today's official cutoff (a preview 截至 hh:mm). */
  partial: boolean;
  /** Office-local text: 2026年11月27日15:00—11月28日15:00 */
  periodText: string;
  items: ReportItem[];
  checkpoints: ReportCheckpoint[];
  slips: ReportSlipLine[];
  receipts: ReportReceiptLine[];
  batches: ReportBatch[];
  loans: { checkpoint: string; item: string; unit: string; quantity: number; since: string }[];
  narrative: Narrative;
  submittedAt: string | null;
  /** The audit chain's head when the report was submitted: an anchor the superior holds outside the PC. */
  audit?: { count: number; hash: string } | null;
  /**
   * 居民代购保供 of the report's day (a daily report only; absent from reports sent before it existed). Not
   * the ledger's: resident purchases are not stock, so it is not part of what the sender confirms.
   */
  supply?: SupplyDay | null;
  /**
   * 各单位: a consolidating office's units' figures of the day, a row per unit and good as their
   * packages state them (db/district/consolidate.ts); absent for an office that does not consolidate.
   */
  units?: UnitGoodRow[] | null;
}

export interface UnitGoodRow {
  unit: string;
  unitCode: string;
  name: string;
  spec: string;
  measure: string;
  opening: number;
  received: number;
  issued: number;
  closing: number;
  coverDays: number | null;
}

/** What a list line says in its 状态/备注 column: 作废, 退库, 冲销 CK…, or nothing. */
export function lineState(l: { voided: boolean; kind?: ReportSlipLine['kind']; reverses: string | null }): string {
  if (l.voided) return '作废';
  if (l.reverses) return `冲销 ${l.reverses}`;
  return l.kind === 'return' ? '退库' : '';
}
