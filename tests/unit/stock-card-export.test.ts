import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { callApi } from '../../db/api/call';
import type { ApiInput } from '../../db/api/handlers';
import { soffice } from '../fixtures/template-variants/forms';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

/**
 * The exported 台账 read back by openpyxl, row by row, against a running balance this test keeps
 * itself from the documents it posts: receipts, issues, a return, a loss, a void (red-ink reversal
 * in the original's column), a document entered late but dated inside the period, and documents
 * before and after the period. Whatever the machine's zone, the period is cut in Asia/Shanghai.
 */

let t: TestLedger;
let s: ReturnType<typeof seedBasics>;
beforeEach(() => {
  t = tempLedger('2026-12-05T10:00:00+08:00');
  s = seedBasics(t);
  t.ok('settings.update', { officeName: '青禾街道办事处' });
});
afterEach(() => t.close());

const PERIOD = { from: '2026-12-01T00:00:00+08:00', to: '2026-12-05T00:00:00+08:00' };

/** What the test itself knows of one posted movement: office-local time, number, signed quantity, and whether it is a reversal. */
interface Known { time: string; number: string; qty: number; reversal?: boolean; voided?: boolean }

type Cell = string | number | null;
interface Read { title: string; subtitle: string; period: string; headers: Cell[]; rows: Cell[][]; formulas: Cell[][]; footer: string; orientation: string; titles: string; pageFooter: string }

/** openpyxl's view: cached values (data_only) and, for the same cells, the formulas. */
function openpyxl(file: string): Read {
  const script = [
    'import json, sys',
    'from openpyxl import load_workbook',
    'v = load_workbook(sys.argv[1], data_only=True).active',
    'f = load_workbook(sys.argv[1]).active',
    'cell = lambda c: c.strftime("%Y-%m-%d %H:%M") if hasattr(c, "strftime") else c',
    'rows = [[cell(c) for c in r] for r in v.iter_rows(values_only=True)]',
    'forms = [[cell(c) for c in r] for r in f.iter_rows(values_only=True)]',
    'print(json.dumps({"rows": rows, "forms": forms, "orientation": v.page_setup.orientation, "titles": v.print_title_rows, "footer": v.oddFooter.center.text}, ensure_ascii=False))',
  ].join('\n');
  const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' })) as { rows: Cell[][]; forms: Cell[][]; orientation: string; titles: string; footer: string };
  const head = out.rows.findIndex((r) => r[0] === '日期');
  const end = out.rows.findIndex((r) => r.some((c) => c === '期末结存'));
  return {
    title: String(out.rows[0][0]), subtitle: String(out.rows[1][0]), period: out.rows[2].filter(Boolean).join(' '),
    headers: out.rows[head], rows: out.rows.slice(head + 1, end + 1), formulas: out.forms.slice(head + 1, end + 1),
    footer: out.rows.slice(end + 1).flat().filter(Boolean).join(' '), orientation: out.orientation, titles: out.titles, pageFooter: out.footer,
  };
}

async function exported(input: Record<string, unknown>, name: string): Promise<{ file: string; read: Read; fileName: string }> {
  const out = await t.okAsync('stock.cardExport', input as never);
  const file = join(t.dir, name);
  writeFileSync(file, Buffer.from(out.data, 'base64'));
  return { file, read: openpyxl(file), fileName: out.fileName };
}

/** The card as the test expects it: 期初结存, each movement in time order with its own running balance, 本期合计, 期末结存. */
function expectedCard(known: Known[], from: string, to: string, openingTime: string): Cell[][] {
  const opening = known.filter((k) => k.time < from).reduce((sum, k) => sum + k.qty, 0);
  const inside = known.filter((k) => k.time >= from && k.time < to).sort((a, b) => (a.time < b.time ? -1 : 1));
  let balance = opening;
  let received = 0;
  let issued = 0;
  const rows: Cell[][] = [[openingTime, null, '期初结存', null, null, opening]];
  for (const k of inside) {
    balance += k.qty;
    // Red ink: a reversal is written in its original's column, negative.
    const inQty = k.reversal ? (k.qty < 0 ? k.qty : null) : k.qty > 0 ? k.qty : null;
    const outQty = k.reversal ? (k.qty > 0 ? -k.qty : null) : k.qty < 0 ? -k.qty : null;
    received += inQty ?? 0;
    issued += outQty ?? 0;
    rows.push([k.time, k.number, expect.any(String) as never, inQty, outQty, balance]);
  }
  rows.push([null, null, '本期合计', received, issued, null], [null, null, '期末结存', null, null, opening + received - issued]);
  return rows;
}

test('the exported card equals, row by row, the running balance kept from the documents posted', async () => {
  const known: Known[] = [];
  const post = (time: string, qty: number, input: Omit<ApiInput<'docs.post'>, 'time'>) => {
    const doc = t.ok('docs.post', { ...input, time: `${time.replace(' ', 'T')}:00+08:00` });
    known.push({ time, number: doc.number, qty });
    return doc;
  };
  const mask = s.mask.id;
  const issue = (q: number, note?: string): Omit<ApiInput<'docs.post'>, 'time'> => ({ type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: mask, quantity: q, ...(note ? { note } : {}) }] });
  post('2026-11-20 09:00', 1000, { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: mask, quantity: 1000 }] });
  // 23:30 in the office is 15:30 UTC the same day: before the period whatever the machine's zone.
  post('2026-11-30 23:30', -100, issue(100));
  post('2026-12-01 00:00', 500, { type: 'receipt', sourceId: s.donation.id, lines: [{ itemId: mask, quantity: 500 }] });
  const voided = post('2026-12-02 09:00', -120, issue(120, '东湖小区3号楼封控专用'));
  post('2026-12-03 14:00', -37, issue(37));
  const reversal = t.ok('docs.void', { documentId: voided.id, reason: '点位填错', time: '2026-12-03T16:00:00+08:00' });
  known.push({ time: '2026-12-03 16:00', number: reversal.number, qty: 120, reversal: true });
  known.find((k) => k.number === voided.number)!.voided = true;
  post('2026-12-04 10:00', 5, { type: 'return', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: mask, quantity: 5 }] });
  post('2026-12-04 11:00', -3, { type: 'loss', lines: [{ itemId: mask, quantity: 3, reason: '包装破损' }] });
  // Entered last, dated inside the period: it sits at its own time, and every later balance moves.
  post('2026-12-01 08:15', -45, issue(45));
  // After the period: not on this card.
  post('2026-12-05 08:00', -10, issue(10));
  // Another item's movements never show.
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-12-02T10:00:00+08:00', lines: [{ itemId: s.rice.id, quantity: 7 }] });

  const { read, file, fileName } = await exported({ itemId: mask, ...PERIOD }, 'card.xlsx');
  expect(fileName).toBe('物资台账-医用外科口罩-2026-12-05.xlsx');
  expect(read.title).toBe('青禾街道办事处物资台账');
  expect(read.subtitle).toContain('物资名称:医用外科口罩');
  expect(read.subtitle).toContain('规格型号:独立包装');
  expect(read.subtitle).toContain('计量单位:只');
  expect(read.period).toContain('期间:2026年12月1日—2026年12月4日');
  expect(read.headers).toEqual(['日期', '单号', '摘要', '收入(只)', '发出(只)', '结存(只)', '经办人']);
  const expected = expectedCard(known, '2026-12-01 00:00', '2026-12-05 00:00', '2026-12-01 00:00');
  expect(read.rows.map((r) => r.slice(0, 6))).toEqual(expected);
  expect(expected.at(-1)![5]).toBe(1320);
  // 摘要 says what happened; the voided slip stays where it was, marked, and its reversal names it.
  const summary = (number: string) => read.rows.find((r) => r[1] === number)![2];
  expect(summary(voided.number)).toBe('发放 · 东湖小区核酸采样点 · 林晓雯;东湖小区3号楼封控专用(已作废)');
  expect(summary(reversal.number)).toBe(`冲销 ${voided.number}(发放单作废) · 东湖小区核酸采样点 · 林晓雯;作废原因:点位填错`);
  expect(String(summary(known.find((k) => k.qty === -3)!.number))).toBe('报损;包装破损');
  // Totals are live formulas over the movement rows; 期末结存 is 期初 + 收入 − 发出.
  const n = read.rows.length;
  expect(read.formulas[n - 2].slice(3, 5)).toEqual([`=SUM(D6:D${4 + n - 2})`, `=SUM(E6:E${4 + n - 2})`]);
  expect(read.formulas[n - 1][5]).toBe(`=F5+D${4 + n - 1}-E${4 + n - 1}`);
  expect(read.footer).toContain('保管员(签字)');
  expect(read.footer).toContain('负责人(签字)');
  expect([read.orientation, read.titles, read.pageFooter]).toEqual(['portrait', '$1:$4', '第 &P 页 共 &N 页']);

  // LibreOffice lays it out on A4 with the footer's page numbers, every row in place.
  const work = join(t.dir, 'lo');
  mkdirSync(work);
  soffice(work, ['--convert-to', 'pdf', '--outdir', work, file]);
  const pdf = join(work, 'card.pdf');
  // pdftotext spaces CJK text as it likes: compared without white space.
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const word of ['青禾街道办事处物资台账', '期初结存', '本期合计', '期末结存', voided.number, reversal.number, '1,320', '第1页共1页']) expect(text, word).toContain(word);
  const shots = resolve(__dirname, '..', '..', 'test-results', 'card');
  mkdirSync(shots, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, join(shots, `card-xlsx-${process.env.TZ?.replace('/', '-')}`)]);
});

test('a batch-tracked item shows 批号 and 有效期; a weighed one its decimals; no period means from the start', async () => {
  const first = t.posted({ type: 'receipt', sourceId: s.allocation.id, time: '2026-12-01T09:00:00+08:00', lines: [
    { itemId: s.reagent.id, quantity: 40, batchNo: 'HZ-20261105-A0087654', expiryDate: '2027-03-31' },
    { itemId: s.reagent.id, quantity: 25, batchNo: 'HZ-20261120-B0001', expiryDate: '2027-06-30' },
  ] });
  const lateBatch = first.lines[1].batchId!;
  const slip = t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-12-02T09:00:00+08:00', lines: [{ itemId: s.reagent.id, quantity: 6, batchId: lateBatch }] });
  const { read } = await exported({ itemId: s.reagent.id }, 'reagent.xlsx');
  expect(read.headers).toEqual(['日期', '单号', '摘要', '批号', '有效期', '收入(盒)', '发出(盒)', '结存(盒)', '经办人']);
  expect(read.orientation).toBe('landscape');
  expect(read.period).toContain('期间:建账起—2026年12月5日(截至制表时)');
  expect(read.rows.map((r) => [r[0], r[1], r[3], r[4], r[5], r[6], r[7]])).toEqual([
    [null, null, null, null, null, null, 0],
    ['2026-12-01 09:00', first.number, 'HZ-20261105-A0087654', '2027-03-31 00:00', 40, null, 40],
    ['2026-12-01 09:00', first.number, 'HZ-20261120-B0001', '2027-06-30 00:00', 25, null, 65],
    ['2026-12-02 09:00', slip.number, 'HZ-20261120-B0001', '2027-06-30 00:00', null, 6, 59],
    [null, null, null, null, 65, 6, null],
    [null, null, null, null, null, null, 59],
  ]);

  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-12-01T09:00:00+08:00', lines: [{ itemId: s.rice.id, quantity: '50.5' }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-12-02T09:00:00+08:00', lines: [{ itemId: s.rice.id, quantity: '2.25' }] });
  const rice = await exported({ itemId: s.rice.id, ...PERIOD }, 'rice.xlsx');
  expect(rice.read.rows.map((r) => r.slice(3, 6))).toEqual([[null, null, 0], [50.5, null, 50.5], [null, 2.25, 48.25], [50.5, 2.25, null], [null, null, 48.25]]);
});

test('whoever may read the card may export and print it, a read-only account too; the count sheet likewise', async () => {
  const viewer = t.ok('users.create', { username: 'viewer', displayName: '罗欣然', role: 'readonly', password: 'viewer-pass-1' });
  const as = { ledger: t.ledger, userId: viewer.id };
  const exportAnswer = await callApi(as, 'stock.cardExport', { itemId: s.mask.id });
  expect(exportAnswer.ok).toBe(true);
  expect(callApi(as, 'print.card', { itemId: s.mask.id }).ok).toBe(true);
  const sheet = callApi(as, 'print.countSheet', { blind: true });
  expect(sheet.ok && sheet.data.html).toContain('物资盘点表(盲盘)');
  expect(callApi({ ledger: t.ledger, userId: 0 }, 'print.card', { itemId: s.mask.id })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
});
