import ExcelJS from 'exceljs';
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

/** The chosen formats as one workbook with a sheet each, or one file each. Pure: report → bytes. */
export async function reportFiles(report: DailyReport, formats: Format[], oneFile: boolean, baseName: string): Promise<ReportFile[]> {
  const make = async (list: Format[]) => {
    const wb = new ExcelJS.Workbook();
    wb.creator = '物资保障台账';
    wb.created = report.submittedAt ? new Date(report.submittedAt) : new Date(report.period.to);
    wb.modified = wb.created;
    for (const f of list) FORMATS[f].build(wb, report);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  if (oneFile) return [{ fileName: `${baseName}.xlsx`, bytes: await make(formats) }];
  const out: ReportFile[] = [];
  for (const f of formats) out.push({ fileName: `${baseName}-${FORMATS[f].name}.xlsx`, bytes: await make([f]) });
  return out;
}
