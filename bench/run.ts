/**
 * `npm run bench`: generates (or reuses) ledgers of 10k, 100k and 1M movements, measures, prints a
 * table of medians and writes bench/results.json ({ metric: { value, unit, target, pass } }).
 * `npm run bench -- --quick` uses tiny sizes and no 1M ledger (the smoke run in `npm test`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { backdatedAndVoid } from './as-of';
import { donationTraceMs } from './donations';
import { consolidate30Ms } from './district';
import { dailyReports, dashboardMs, detailExport, itemSearchMs, openMs, postSlip, reportScreenMs, stockCardMs } from './cases';
import { firstScreenMs } from './first-screen';
import { roundsBench } from './rounds';
import { orderEntryKeys } from './order-keys';
import { startupCheck } from './startup';
import { cachedLedgerFile } from './ledgers';
import { metric, type Metric } from './measure';

export async function runBench(quick: boolean, out?: string): Promise<Record<string, Metric>> {
  const sizes = quick ? { small: 2_000, large: 8_000 } : { small: 10_000, large: 1_000_000 };
  const log = (s: string) => console.error(s);
  log(`bench: ${quick ? 'quick' : 'full'} run on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  const small = cachedLedgerFile(sizes.small);
  if (!quick) cachedLedgerFile(100_000);
  const large = cachedLedgerFile(sizes.large);
  const results: Record<string, Metric> = {};

  const slip = postSlip(large);
  results.post_slip_ms = metric(slip.postMs, 'ms', 2);
  results.post_slip_vs_raw = metric(slip.postMs / slip.rawMs, 'ratio', 3);
  const asOf = backdatedAndVoid(large);
  results.post_backdated_ms = metric(asOf.backdatedMs, 'ms', 3);
  results.void_ms = metric(asOf.voidMs, 'ms', 3);
  const report = await dailyReports(large, small);
  log(`  report period holds ${report.movements[0]} movements (large), ${report.movements[1]} (small)`);
  results.daily_report_ms = metric(report.largeMs, 'ms', 50);
  results.daily_report_growth = metric(report.largeMs / report.smallMs, 'ratio', 1.5);
  results.daily_report_xlsx_ms = metric(report.xlsxMs, 'ms', 300);
  results.report_screen_ms = metric(reportScreenMs(large), 'ms', 300);
  const exp = detailExport(quick ? 25_000 : 100_000);
  results.detail_export_100k_vs_exceljs = metric(exp.ratio, 'ratio', 1.3);
  results.detail_export_100k_rss_mb = metric(exp.peakRssMb, 'MB', 300);
  results.stock_card_ms = metric(stockCardMs(large), 'ms', 20);
  results.dashboard_ms = metric(dashboardMs(large), 'ms', 150);
  const trace = donationTraceMs(large);
  log(`  donation trace: ${trace.uses} uses of one donated batch`);
  results.donation_trace_ms = metric(trace.ms, 'ms', 100);
  const merged = consolidate30Ms(quick ? 5 : 30, quick ? 100 : 500);
  log(`  district: ${merged.values} values imported, verified and consolidated`);
  results.consolidate_30_ms = metric(merged.ms, 'ms', 1000);
  const rounds = await roundsBench(quick ? 200 : 2_000);
  log(`  delivery sheets and labels: ${rounds.pages} PDF pages`);
  results.round_consolidate_ms = metric(rounds.consolidateMs, 'ms', 200);
  results.delivery_sheets_ms = metric(rounds.deliverySheetsMs, 'ms', 2000);
  // Reported, not a goal of ours: Chromium's own time to print the pages above (its ceiling only catches a hang).
  results.delivery_pdf_ms = metric(rounds.pdfMs, 'ms', 120_000);
  results.order_entry_keys = metric(await orderEntryKeys(), 'keys', 30);
  const searchDir = mkdtempSync(join(tmpdir(), 'bench-search-'));
  results.item_search_ms = metric(itemSearchMs(searchDir, quick ? 2_000 : 10_000), 'ms', 5);
  results.open_ms = metric(openMs(large), 'ms', 500);
  const start = await startupCheck(large, quick ? 2 : 3);
  log(`  start-up check on a ${start.mb.toFixed(0)} MB ledger`);
  results.startup_first_read_ms = metric(start.firstReadMs, 'ms', 500);
  results.startup_writable_ms = metric(start.writableMs, 'ms', 15_000);
  results.first_screen_ms = metric(await firstScreenMs(searchDir, quick ? 2 : 5), 'ms', 1500);
  rmSync(searchDir, { recursive: true, force: true });

  const rows = Object.entries(results).map(([k, m]) => `${k.padEnd(32)} ${String(m.value).padStart(10)} ${m.unit.padEnd(6)} ≤ ${String(m.target).padEnd(6)} ${m.pass ? 'ok' : 'MISSED'}`);
  console.log(['metric'.padEnd(32) + '      value unit     target', ...rows].join('\n'));
  if (out) writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  return results;
}

if (require.main === module) {
  const quick = process.argv.includes('--quick');
  const t0 = performance.now();
  runBench(quick, quick ? undefined : resolve(__dirname, 'results.json')).then(
    () => console.error(`bench finished in ${((performance.now() - t0) / 1000).toFixed(0)} s`),
    (err: Error) => {
      console.error(err);
      process.exit(1);
    },
  );
}
