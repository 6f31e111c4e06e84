/**
 * Child process for the 100k-row detail export: `ours` writes the 发放明细 workbook through the
 * report code, `bare` writes the same cells with a bare exceljs streaming writer. Prints
 * { ms, peakRssMb } as JSON. A child of its own, so peak memory is the export's alone.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { DailyReport } from '../db/reports/types';
import { reportFiles } from '../excel/daily/workbook';

const ROWS = Number(process.argv[3] ?? 100_000);

function report(): DailyReport {
  return {
    officeName: '青禾街道办事处', timeZone: 'Asia/Shanghai', period: { from: null, to: '2026-11-28T07:00:00.000Z' }, partial: false,
    periodText: '建账起—2026年11月28日15:00', items: [], checkpoints: [], receipts: [], batches: [], loans: [],
    slips: Array.from({ length: ROWS }, (_, i) => ({
      time: '2026-11-28 09:30', number: `CK20261128-${String(i + 1).padStart(3, '0')}`, kind: 'issue' as const, reverses: null, checkpoint: `点位${i % 60}`, person: `领取人${i % 120}`,
      item: `物资${i % 500}号`, spec: `规格${i % 7}`, unit: '个', quantity: (i % 20) + 1, batch: `P${i % 300}`, issuer: '保管员', voided: false,
    })),
    narrative: { work: '', problems: '', plans: '', filledBy: '王联络', reviewedBy: '李组长', phone: '' },
    submittedAt: '2026-11-28T07:20:00.000Z',
  };
}

async function bare(r: DailyReport): Promise<number> {
  const out = new PassThrough();
  let size = 0;
  out.on('data', (c: Buffer) => (size += c.length));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('物资发放明细表');
  r.slips.forEach((s, i) => {
    const [d, t] = s.time.split(' ');
    const [y, m, day] = d.split('-').map(Number);
    const [h, mi] = t.split(':').map(Number);
    ws.addRow([i + 1, new Date(Date.UTC(y, m - 1, day, h, mi)), s.number, s.checkpoint, s.person, s.item, s.spec, s.unit, s.quantity, s.batch, s.issuer, '']).commit();
  });
  await wb.commit();
  return size;
}

async function main() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const r = report();
  const t0 = performance.now();
  if (process.argv[2] === 'bare') await bare(r);
  else await reportFiles(r, ['slips'], true, 'detail');
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(JSON.stringify({ ms, peakRssMb: peak / 1024 / 1024 }));
}

void main();
