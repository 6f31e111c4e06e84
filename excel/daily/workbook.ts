import type { DailyReport } from '../../db/reports/types';
import { Book } from '../xlsx/book';
import { balanceSheet } from './balance-sheet';
import { checkpointSheet } from './checkpoint-sheet';
import { batchesSheet, receiptsSheet, slipsSheet } from './detail-sheets';
import { supplySheet } from './supply-sheet';

export const FORMATS = {
  balance: { name: '收发存日报表', build: balanceSheet },
  slips: { name: '物资发放明细表', build: slipsSheet },
  checkpoints: { name: '点位领用汇总表', build: checkpointSheet },
  receipts: { name: '入库明细表', build: receiptsSheet },
  batches: { name: '库存明细表', build: batchesSheet },
  /** 居民代购保供 (an office that runs purchase rounds chooses it; not exported by default). */
  supply: { name: '生活物资保供情况日报', build: supplySheet },
} as const;
export type Format = keyof typeof FORMATS;
export const FORMAT_IDS = Object.keys(FORMATS) as Format[];
/** What a daily report exports when no one chose: the warehouse's own five. */
export const DEFAULT_FORMATS: readonly Format[] = ['balance', 'slips', 'checkpoints', 'receipts', 'batches'];

export interface ReportFile {
  fileName: string;
  bytes: Buffer;
}

/**
 * Every report workbook is written by our own small writer (excel/xlsx): rows go straight to XML
 * and out of memory as they are committed, so a 100k-line detail stays well under 300 MB and a
 * day's report takes a fraction of the time exceljs's streaming writer took.
 */
function streamed(report: DailyReport, build: (wb: Book) => void): Buffer {
  const wb = new Book();
  wb.creator = '物资保障台账';
  wb.created = report.submittedAt ? new Date(report.submittedAt) : new Date(report.period.to);
  build(wb);
  return wb.write();
}

/** The chosen formats as one workbook with a sheet each, or one file each. Pure: report → bytes. */
export async function reportFiles(report: DailyReport, formats: Format[], oneFile: boolean, baseName: string): Promise<ReportFile[]> {
  const make = (list: Format[]) => streamed(report, (wb) => list.forEach((f) => FORMATS[f].build(wb, report)));
  if (oneFile) return [{ fileName: `${baseName}.xlsx`, bytes: make(formats) }];
  const out: ReportFile[] = [];
  for (const f of formats) out.push({ fileName: `${baseName}-${FORMATS[f].name}.xlsx`, bytes: make([f]) });
  return out;
}
