import { expect, test } from 'vitest';
import { runBench } from '../../bench/run';

/** Keeps `npm run bench` from rotting: tiny sizes, every metric measured, no targets judged here. */
test('the benchmark runs end to end at tiny sizes and yields every metric', async () => {
  const results = await runBench(true);
  expect(Object.keys(results)).toEqual([
    'post_slip_ms', 'post_slip_vs_raw', 'post_backdated_ms', 'void_ms', 'daily_report_ms', 'daily_report_growth', 'daily_report_xlsx_ms', 'report_screen_ms', 'detail_export_100k_vs_exceljs',
    'detail_export_100k_rss_mb', 'stock_card_ms', 'dashboard_ms', 'donation_trace_ms', 'consolidate_30_ms', 'round_consolidate_ms', 'delivery_sheets_ms', 'delivery_pdf_ms', 'order_entry_keys', 'item_search_ms', 'open_ms', 'startup_first_read_ms', 'startup_writable_ms', 'first_screen_ms',
  ]);
  for (const m of Object.values(results)) {
    expect(Number.isFinite(m.value) && m.value > 0).toBe(true);
    expect(typeof m.pass).toBe('boolean');
  }
}, 300_000);
