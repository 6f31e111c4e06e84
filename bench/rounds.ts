import { consolidate } from '../db/rounds/consolidate';
import { deliveryLabelsHtml, deliverySheetHtml } from '../db/print/delivery';
import { launchChromium } from './browser';
import { freshLedger } from './fresh-ledger';
import { timeSync } from './measure';

/**
 * One round of `households` households (8 lines each, over 40 goods and 50 buildings of two
 * compounds), the orders entered through the API as staff would enter them. round_consolidate_ms:
 * summed by good and by building. delivery_sheets_ms: after the gate (everything arrived), the HTML
 * of the per-building delivery sheets and the bag labels. Only those are timed; the PDF that Chromium
 * prints from that HTML is timed apart and reported (delivery_pdf_ms), not held to a target of ours.
 */
export async function roundsBench(households: number): Promise<{ consolidateMs: number; deliverySheetsMs: number; pdfMs: number; pages: number }> {
  const { ledger, ok, close } = freshLedger('rounds', '2026-12-03T08:00:00+08:00');
  try {
    const homes = Array.from({ length: households }, (_, i) => ok('households.create', {
      compound: i % 2 ? '东湖小区' : '青禾苑', building: String(1 + (i % 25)), unit: String(1 + (i % 3)), room: String(101 + Math.floor(i / 75)), contact: `住户${i}`,
    }).id);
    const shop = ok('suppliers.create', { name: '惠民超市', kind: 'supermarket', certificates: (['license', 'supply', 'pass'] as const).map((kind) => ({ kind, validUntil: '2030-12-31' })) });
    const round = ok('rounds.create', {
      supplierId: shop.id, day: '2026-12-03', cutoff: '2026-12-03T14:30:00+08:00', compounds: ['东湖小区', '青禾苑'],
      goods: Array.from({ length: 40 }, (_, i) => ({ name: `商品${i}`, unit: '份', price: 100 * (i + 1) })),
    });
    homes.forEach((householdId, i) => ok('orders.record', {
      roundId: round.id, householdId, lines: Array.from({ length: 8 }, (_, k) => ({ goodsId: round.goods[(i + k * 5) % 40].id, quantity: 1 + (k % 3) })),
    }));
    const consolidateMs = timeSync(() => consolidate(ledger.reader.db, { roundId: round.id }), 9);
    ok('rounds.close', { id: round.id });
    ok('rounds.handover', { roundId: round.id, delivered: [] });
    const now = new Date('2026-12-03T16:00:00+08:00');
    const deliverySheetsMs = timeSync(() => {
      deliverySheetHtml(ledger.reader.db, { roundId: round.id }, now, '网格员');
      deliveryLabelsHtml(ledger.reader.db, { roundId: round.id });
    }, 5, 1);
    // The PDF, timed on its own: Chromium lays out and prints both pages once (what a print to PDF costs).
    const html = [deliverySheetHtml(ledger.reader.db, { roundId: round.id }, now, '网格员'), deliveryLabelsHtml(ledger.reader.db, { roundId: round.id })];
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const t0 = performance.now();
      let pages = 0;
      for (const h of html) {
        await page.setContent(h, { waitUntil: 'load' });
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        pages += (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      }
      return { consolidateMs, deliverySheetsMs, pdfMs: performance.now() - t0, pages };
    } finally {
      await browser.close();
    }
  } finally {
    close();
  }
}
