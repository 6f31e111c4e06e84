import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { DailyReport } from '../../db/reports/types';
import { balanceSheet } from './balance-sheet';
import { checkpointSheet } from './checkpoint-sheet';
import { batchesSheet, receiptsSheet, slipsSheet } from './detail-sheets';

export const FORMATS = {
  balance: { name: '收发存日报表', build: balanceSheet },
  slips: { name: '物资发放明细表', build: slipsSheet },
  checkpoints: { name: '点位领用汇总表', build: checkpointSheet },
  receipts: { name: '入库明细表', build: receiptsSheet },
  batches: { name: '库存明细表', build: batchesSheet },
} as const;
export type Format = keyof typeof FORMATS;
export const FORMAT_IDS = Object.keys(FORMATS) as Format[];

export interface ReportFile {
  fileName: string;
  bytes: Buffer;
}

/**
 * Every report workbook is written with exceljs's streaming writer: rows leave memory as they are
 * committed (a 100k-line detail stays under 300 MB), and it writes a day's report in about half the
 * time of the in-memory workbook.
 */
async function streamed(report: DailyReport, build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '物资保障台账';
  wb.created = report.submittedAt ? new Date(report.submittedAt) : new Date(report.period.to);
  wb.modified = wb.created;
  // The sheet builders use the common subset of the two writers' worksheet API.
  build(wb as unknown as ExcelJS.Workbook);
  await wb.commit();
  return Buffer.concat(chunks);
}

/** The chosen formats as one workbook with a sheet each, or one file each. Pure: report → bytes. */
export async function reportFiles(report: DailyReport, formats: Format[], oneFile: boolean, baseName: string): Promise<ReportFile[]> {
  const make = (list: Format[]) => streamed(report, (wb) => list.forEach((f) => FORMATS[f].build(wb, report)));
  if (oneFile) return [{ fileName: `${baseName}.xlsx`, bytes: await make(formats) }];
  const out: ReportFile[] = [];
  for (const f of formats) out.push({ fileName: `${baseName}-${FORMATS[f].name}.xlsx`, bytes: await make([f]) });
  return out;
}
