import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { callApiSync } from '../db/api/call';
import type { Method } from '../db/api/handlers';
import { openLedger, write, type Ledger } from '../db/open';
import { stockCard } from '../db/queries/card';
import { localOperatorId } from '../db/reference/catalog';
import { createItem, listItems } from '../db/reference/items';
import { computeReport } from '../db/reports/compute';
import { prepare } from '../db/sql';
import { reportFiles } from '../excel/daily/workbook';
import { interleaved, median, timeAsync, timeSync } from './measure';
import { FixedClock } from '../db/clock';
import { addDays } from '../db/time';
import { copyOf, HISTORY_END, LAST_DAY, REPORT_PERIOD } from './ledgers';

const ROOT = resolve(__dirname, '..');

export function slipInput(l: Ledger) {
  const cp = prepare(l.db, 'SELECT id, (SELECT id FROM people WHERE checkpoint_id = c.id LIMIT 1) AS person FROM checkpoints c LIMIT 1').get() as { id: number; person: number };
  const items = (prepare(l.db, 'SELECT id FROM items ORDER BY id LIMIT 5 OFFSET 100').all() as { id: number }[]).map((i) => i.id);
  return { type: 'issue' as const, checkpointId: cp.id, personId: cp.person, lines: items.map((itemId) => ({ itemId, quantity: 1 })) };
}

/** Slips (and raw transactions) posted before the timed ones. */
export const POST_WARMUP = 40;

/** Posting a 5-line slip through the API, and the same rows as raw prepared inserts in one transaction. */
export function postSlip(file: string): { postMs: number; rawMs: number } {
  const l = copyOf(file);
  try {
    const userId = localOperatorId(l.db);
    const input = slipInput(l);
    // Enough stock for every timed and warm-up slip and raw transaction, whatever the ledger's size.
    const source = (prepare(l.db, 'SELECT id FROM sources LIMIT 1').get() as { id: number }).id;
    const tracked = (id: number) => prepare(l.db, 'SELECT tracks_batches FROM items WHERE id = ?').pluck().get(id) === 1;
    const topUp = callApiSync({ ledger: l, userId }, 'docs.post', {
      type: 'receipt', sourceId: source,
      lines: input.lines.map((x) => (tracked(x.itemId) ? { itemId: x.itemId, quantity: 1000, batchNo: 'BENCH', expiryDate: '2099-12-31' } : { itemId: x.itemId, quantity: 1000 })),
    });
    if (!topUp.ok) throw new Error(topUp.error.message);
    const post = () => {
      const r = callApiSync({ ledger: l, userId }, 'docs.post', input);
      if (!r.ok) throw new Error(r.error.message);
    };
    const doc = l.db.prepare(`INSERT INTO documents (type, number, state, occurred_at, business_date, store_id, checkpoint_id, person_id, operator_id, created_at)
      VALUES ('issue', ?, 'posted', ?, ?, 1, ?, ?, ?, ?)`);
    const line = l.db.prepare('INSERT INTO document_lines (document_id, line_no, item_id, batch_id, quantity) VALUES (?, ?, ?, ?, 1)');
    const move = l.db.prepare("INSERT INTO movements (document_id, line_id, kind, occurred_at, item_id, batch_id, store_id, checkpoint_id, delta) VALUES (?, ?, 'issue', ?, ?, ?, 1, ?, -1)");
    const stock = l.db.prepare('UPDATE stock SET quantity = quantity - 1 WHERE item_id = ? AND batch_id = ? AND store_id = 1');
    const batches = input.lines.map((x) => (l.db.prepare('SELECT batch_id AS b FROM stock WHERE item_id = ? ORDER BY quantity DESC LIMIT 1').get(x.itemId) as { b: number }).b);
    let n = 0;
    const raw = l.db.transaction(() => {
      const at = new Date().toISOString();
      const id = Number(doc.run(`RAW-${n++}`, at, at.slice(0, 10), input.checkpointId, input.personId, userId, at).lastInsertRowid);
      input.lines.forEach((x, i) => {
        const lineId = Number(line.run(id, i + 1, x.itemId, batches[i]).lastInsertRowid);
        move.run(id, lineId, at, x.itemId, batches[i], input.checkpointId);
        stock.run(x.itemId, batches[i]);
      });
    });
    // Interleaved in blocks, so that both see the same moments of a noisy machine. The warm-up is long
    // enough for V8 to have optimised the posting path and SQLite to hold the pages it touches: the
    // first ~40 slips after opening run 0.3–0.6 ms slower (docs/performance.md), a transient of the start.
    const [postMs, rawMs] = interleaved([post, () => raw.immediate()], 8, 10, POST_WARMUP);
    return { postMs, rawMs };
  } finally {
    l.close();
    rmSync(l.dir, { recursive: true, force: true });
  }
}

/**
 * The report's data at both history sizes, timed in alternating blocks (their ratio is the growth),
 * then the large ledger's workbook on its own.
 */
export async function dailyReports(largeFile: string, smallFile: string): Promise<{ largeMs: number; smallMs: number; movements: [number, number]; xlsxMs: number }> {
  const large = copyOf(largeFile);
  const small = copyOf(smallFile);
  try {
    const count = (l: Ledger) => (l.db.prepare('SELECT COUNT(*) AS n FROM movements WHERE occurred_at > ? AND occurred_at <= ?').get(REPORT_PERIOD.from, REPORT_PERIOD.to) as { n: number }).n;
    const [largeMs, smallMs] = interleaved([() => computeReport(large.db, REPORT_PERIOD, false), () => computeReport(small.db, REPORT_PERIOD, false)], 6, 3, 3);
    const report = computeReport(large.db, REPORT_PERIOD, false);
    const xlsxMs = await timeAsync(() => reportFiles(report, ['balance', 'slips', 'checkpoints'], true, 'bench'), 7, 2);
    return { largeMs, smallMs, movements: [count(large), count(small)], xlsxMs };
  } finally {
    for (const l of [large, small]) {
      l.close();
      rmSync(l.dir, { recursive: true, force: true });
    }
  }
}

/**
 * What the report screen needs when it opens (today's state, the owed days, the preview of the day to
 * send) on a ledger that never sent a report, with 日报起始日 three days back: the preview covers one
 * day, whatever the length of the history before it.
 */
/** A copy of the ledger opened at the end of its history, with must-succeed calls as the operator; removed afterwards. */
function atHistoryEnd<T>(file: string, fn: (call: (method: Method, input?: unknown) => unknown) => T): T {
  const copy = copyOf(file);
  copy.close();
  const l = openLedger(copy.dir, { clock: new FixedClock(HISTORY_END) });
  try {
    const userId = localOperatorId(l.db);
    return fn((method, input) => {
      const r = callApiSync({ ledger: l, userId }, method, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    });
  } finally {
    l.close();
    rmSync(copy.dir, { recursive: true, force: true });
  }
}

export function reportScreenMs(file: string): number {
  return atHistoryEnd(file, (call) => {
    call('settings.update', { reportStartDay: addDays(LAST_DAY, -2) });
    return timeSync(() => {
      const status = call('reports.daily.status') as { next: string };
      call('reports.daily.preview', { day: status.next });
    }, 7, 2);
  });
}

export function stockCardMs(file: string): number {
  const l = copyOf(file);
  try {
    const item = (l.db.prepare('SELECT id FROM items ORDER BY id LIMIT 1 OFFSET 250').get() as { id: number }).id;
    const to = REPORT_PERIOD.to;
    const from = new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
    return timeSync(() => stockCard(l.db, { itemId: item, from, to }), 30, 3);
  } finally {
    l.close();
    rmSync(l.dir, { recursive: true, force: true });
  }
}

/** The leader's dashboard (dashboard.get: coverage, slips per checkpoint, 7/30-day consumption) at the end of the history. */
export function dashboardMs(file: string): number {
  return atHistoryEnd(file, (call) => timeSync(() => call('dashboard.get'), 10, 2));
}

export function openMs(file: string): number {
  const l = copyOf(file);
  l.close();
  const t = timeSync(() => openLedger(l.dir).close(), 7, 1);
  rmSync(l.dir, { recursive: true, force: true });
  return t;
}

/** Pinyin search over a catalog of `count` items: median time per query. */
export function itemSearchMs(dir: string, count: number): number {
  const l = openLedger(dir);
  try {
    write(l, (tx) => {
      const words = ['医用外科口罩', '防护服', '消毒液', '核酸检测试剂', '额温枪', '大米', '食用油', '手套', '酒精', '扩音器'];
      for (let i = 0; i < count; i++) createItem(tx, { code: `S${i}`, name: `${words[i % words.length]}${i}`, categoryId: 1, unit: '个' });
    });
    const queries = ['kz', 'yywkkz', 'xdy', '口罩', 'hsjcsj', 'ewq12', 's99', 'dm'];
    const per = queries.map((q) => timeSync(() => listItems(l.db, { q, limit: 30 }), 20, 2));
    return median(per);
  } finally {
    l.close();
  }
}

/** The 100k-row detail export in a child process: ours and a bare exceljs streaming write. */
export function detailExport(rows: number): { ratio: number; peakRssMb: number; oursMs: number; bareMs: number } {
  const run = (mode: 'ours' | 'bare') =>
    JSON.parse(execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'export-child.ts'), mode, String(rows)], { encoding: 'utf8', cwd: ROOT })) as { ms: number; peakRssMb: number };
  const ours = [run('ours'), run('ours'), run('ours')];
  const bare = [run('bare'), run('bare'), run('bare')];
  const oursMs = median(ours.map((o) => o.ms));
  const bareMs = median(bare.map((o) => o.ms));
  return { ratio: oursMs / bareMs, peakRssMb: Math.max(...ours.map((o) => o.peakRssMb)), oursMs, bareMs };
}
