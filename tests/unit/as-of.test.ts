import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

/**
 * Every document is checked against the balances at its own time and at every later instant, and
 * every report shows what was true at its cutoff: each numbered case of the issue "The ledger as of
 * an instant", with whole rows.
 */
let t: TestLedger;
afterEach(() => t?.close());

const day = (d: string) => (hm: string) => `2026-11-${d}T${hm}:00+08:00`;
const on30 = day('30');
const on29 = day('29');
const rows = (sql: string, ...params: unknown[]) => t.ledger.db.prepare(sql).all(...params);
const stock = () => rows('SELECT item_id, batch_id, quantity FROM stock WHERE quantity <> 0 ORDER BY item_id, batch_id');
const moves = (docId: number) => rows('SELECT kind, occurred_at, item_id, batch_id, checkpoint_id, delta FROM movements WHERE document_id = ? ORDER BY id', docId);

function start(now = on30('16:00')) {
  t = tempLedger(now);
  return seedBasics(t);
}

test('1. an issue whose goods partly came back cannot be voided: the returns are named, nothing changes', () => {
  const s = start();
  t.ok('docs.post', { type: 'receipt', time: on30('08:00'), sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  const slip = t.ok('docs.post', { type: 'issue', time: on30('09:00'), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  t.ok('docs.post', { type: 'return', time: on30('10:00'), checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 30 }] });
  const before = snapshot(t.ledger);
  expect(t.call('docs.void', { documentId: slip.id, reason: '点位填错' })).toEqual({
    ok: false, error: { code: 'CANNOT_VOID', message: 'CK20261130-001 中的 医用外科口罩 已有退库记录(TK20261130-001),请先作废退库单。' },
  });
  // Dated before the return, the void would still leave the return with nothing to match.
  expect(t.call('docs.void', { documentId: slip.id, reason: '点位填错', time: on30('09:30') })).toMatchObject({ ok: false, error: { code: 'CANNOT_VOID' } });
  expect(snapshot(t.ledger)).toEqual(before);
  expect(stock()).toEqual([{ item_id: s.mask.id, batch_id: 1, quantity: 30 }]);
  expect(t.ok('ledger.verify').ok).toBe(true);
});

test('2a. a stocktake entered late counts against the balance at its own time', () => {
  const s = start(on30('11:00'));
  t.ok('docs.post', { type: 'receipt', time: on30('08:00'), sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  t.ok('docs.post', { type: 'issue', time: on30('10:00'), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 30 }] });
  const count = t.posted({ type: 'stocktake', time: on30('09:00'), lines: [{ itemId: s.mask.id, counted: 100 }] });
  expect(count.lines.map((l) => [l.bookQuantity, l.countedQuantity, l.quantity])).toEqual([[100, 100, 0]]);
  expect(moves(count.id)).toEqual([]);
  expect(stock()).toEqual([{ item_id: s.mask.id, batch_id: 1, quantity: 70 }]);
  // Counted 90 at 09:00: a 盘亏 of 10 at 09:00, and the 10:00 issue still has its 30.
  const short = t.posted({ type: 'stocktake', time: on30('09:10'), lines: [{ itemId: s.mask.id, counted: 90, reason: '破损未登记' }] });
  expect(short.lines.map((l) => [l.bookQuantity, l.countedQuantity, l.quantity])).toEqual([[100, 90, -10]]);
  expect(moves(short.id)).toEqual([{ kind: 'stocktake', occurred_at: '2026-11-30T01:10:00.000Z', item_id: s.mask.id, batch_id: 1, checkpoint_id: null, delta: -10 }]);
  expect(stock()).toEqual([{ item_id: s.mask.id, batch_id: 1, quantity: 60 }]);
});

test('2a. nothing is entered before a later stocktake of the same goods: the count would no longer match its book', () => {
  const s = start(on30('11:00'));
  t.ok('docs.post', { type: 'receipt', time: on30('08:00'), sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  t.ok('docs.post', { type: 'stocktake', time: on30('09:00'), lines: [{ itemId: s.mask.id, counted: 100 }] });
  const before = snapshot(t.ledger);
  expect(t.call('docs.post', { type: 'receipt', time: on30('08:30'), sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 5 }] })).toEqual({
    ok: false, error: { code: 'COUNTED_LATER', message: '医用外科口罩 已于 11月30日 09:00 盘点(PD20261130-001),不能登记或作废盘点之前的数量:请把时间改到盘点之后,或先作废该盘点单。' },
  });
  expect(snapshot(t.ledger)).toEqual(before);
  // After the count it is fine.
  t.ok('docs.post', { type: 'receipt', time: on30('09:30'), sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 5 }] });
  expect(stock()).toEqual([{ item_id: s.mask.id, batch_id: 1, quantity: 105 }]);
});

test('2b. an issue dated before the goods arrived is refused, naming the time', () => {
  const s = start(on30('13:00'));
  t.ok('docs.post', { type: 'receipt', time: on30('12:00'), sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  const before = snapshot(t.ledger);
  expect(t.call('docs.post', { type: 'issue', time: on30('09:00'), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 50 }] })).toEqual({
    ok: false, error: { code: 'INSUFFICIENT_STOCK', message: '医用外科口罩 库存不足:11月30日 09:00 时现有 0 只,申请 50 只' },
  });
  expect(snapshot(t.ledger)).toEqual(before);
});

test('2b. a backdated issue that would leave a later slip short is refused, naming that slip', () => {
  const s = start(on30('11:00'));
  t.ok('docs.post', { type: 'receipt', time: on30('08:00'), sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  t.ok('docs.post', { type: 'issue', time: on30('10:00'), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 80 }] });
  const before = snapshot(t.ledger);
  expect(t.call('docs.post', { type: 'issue', time: on30('09:00'), checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 40 }] })).toEqual({
    ok: false, error: { code: 'INSUFFICIENT_STOCK', message: '医用外科口罩 库存不足:CK20261130-001 在 11月30日 10:00 已发出 80 只,补录后该批次结存将为 -20 只' },
  });
  expect(snapshot(t.ledger)).toEqual(before);
  // 20 can still be entered at 09:00.
  const late = t.posted({ type: 'issue', time: on30('09:00'), checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 20 }] });
  expect(moves(late.id)).toEqual([{ kind: 'issue', occurred_at: '2026-11-30T01:00:00.000Z', item_id: s.mask.id, batch_id: 1, checkpoint_id: s.gate.id, delta: -20 }]);
  expect(stock()).toEqual([]);
});

test('2c. a return dated before the issue is refused; one after it goes back to what the checkpoint held then', () => {
  const s = start(on30('11:00'));
  t.ok('docs.post', { type: 'receipt', time: on30('08:00'), sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  t.ok('docs.post', { type: 'issue', time: on30('09:00'), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 40 }] });
  const before = snapshot(t.ledger);
  expect(t.call('docs.post', { type: 'return', time: on30('08:30'), checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 10 }] })).toEqual({
    ok: false, error: { code: 'RETURN_EXCEEDS_ISSUED', message: '医用外科口罩 退回数量超过该点位已领未退的数量:东湖小区核酸采样点 11月30日 08:30 时已领未退 0 只,申请退回 10 只' },
  });
  expect(snapshot(t.ledger)).toEqual(before);
  t.ok('docs.post', { type: 'return', time: on30('10:30'), checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 30 }] });
  // A return at 09:30 of 20 would leave the 10:30 return of 30 with only 20 to match.
  expect(t.call('docs.post', { type: 'return', time: on30('09:30'), checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 20 }] })).toEqual({
    ok: false, error: { code: 'RETURN_EXCEEDS_ISSUED', message: '医用外科口罩 退回数量超过该点位已领未退的数量:TK20261130-001 在 11月30日 10:30 已退回 30 只,补录后该点位已领未退将为 -10 只' },
  });
});

test('2c. first-expiry-first-out picks from what was in stock at the document time', () => {
  const s = start(on30('13:00'));
  t.ok('docs.post', { type: 'receipt', time: on30('08:00'), sourceId: s.allocation.id, lines: [{ itemId: s.reagent.id, quantity: 10, batchNo: 'LATE', expiryDate: '2027-06-30' }] });
  t.ok('docs.post', { type: 'receipt', time: on30('12:00'), sourceId: s.allocation.id, lines: [{ itemId: s.reagent.id, quantity: 10, batchNo: 'SOON', expiryDate: '2026-12-31' }] });
  const batch = (no: string) => (rows('SELECT id FROM batches WHERE batch_no = ?', no)[0] as { id: number }).id;
  const slip = t.posted({ type: 'issue', time: on30('10:00'), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 4 }] });
  expect(moves(slip.id)).toEqual([{ kind: 'issue', occurred_at: '2026-11-30T02:00:00.000Z', item_id: s.reagent.id, batch_id: batch('LATE'), checkpoint_id: s.site.id, delta: -4 }]);
  const now = t.posted({ type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 4 }] });
  expect(moves(now.id).map((m) => (m as { batch_id: number }).batch_id)).toEqual([batch('SOON')]);
});

test('3. a void takes a time: not before the original, not in the future, not in a locked period; the report of that day agrees with itself', async () => {
  const s = start(on30('16:00'));
  t.ok('docs.post', { type: 'receipt', time: on29('08:00'), sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  const slip = t.ok('docs.post', { type: 'issue', time: on29('10:00'), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 30 }] });
  const before = snapshot(t.ledger);
  expect(t.call('docs.void', { documentId: slip.id, reason: '录错', time: on29('09:59') })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '作废时间不能早于原单据 CK20261129-001 的时间 2026-11-29 10:00。' },
  });
  expect(t.call('docs.void', { documentId: slip.id, reason: '录错', time: on30('17:00') })).toMatchObject({ ok: false, error: { code: 'FUTURE_TIME' } });
  expect(snapshot(t.ledger)).toEqual(before);
  const z = t.ok('docs.void', { documentId: slip.id, reason: '录错', time: on29('14:00') });
  expect(z).toMatchObject({ type: 'void', number: 'ZF20261129-001', businessDate: '2026-11-29', time: '2026-11-29T06:00:00.000Z', reversesId: slip.id });
  expect(moves(z.id)).toEqual([{ kind: 'issue', occurred_at: '2026-11-29T06:00:00.000Z', item_id: s.mask.id, batch_id: 1, checkpoint_id: s.site.id, delta: 30 }]);
  const report = t.ok('reports.range', { from: on28('15:00'), to: on29('15:00') });
  expect(report.items.find((i) => i.itemId === s.mask.id)).toMatchObject({ opening: 0, received: 100, issued: 0, closing: 100 });
  expect(report.slips.map((l) => [l.number, l.quantity, l.voided])).toEqual([['CK20261129-001', 30, true]]);
  // Submitted through the 29th 15:00, nothing can be voided at a time inside it any more.
  const late = t.ok('docs.post', { type: 'issue', time: on29('11:00'), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 5 }] });
  await t.okAsync('reports.daily.submit', { day: '2026-11-29', narrative: {}, formats: ['balance'] });
  expect(t.call('docs.void', { documentId: late.id, reason: 'x', time: on29('14:00') })).toMatchObject({ ok: false, error: { code: 'PERIOD_LOCKED' } });
  expect(t.ok('docs.void', { documentId: late.id, reason: 'x' }).time).toBe('2026-11-30T08:00:00.000Z');
});
const on28 = day('28');

test('4. a report for a past cutoff shows voids and loans as they stood at the cutoff', async () => {
  const s = start(on30('16:00'));
  t.ok('docs.post', { type: 'receipt', time: on29('08:00'), sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }, { itemId: s.speaker.id, quantity: 4 }] });
  const slip = t.ok('docs.post', { type: 'issue', time: on29('10:00'), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 30 }] });
  t.ok('docs.post', { type: 'loan', time: on29('11:00'), checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.speaker.id, quantity: 2 }] });
  t.ok('docs.post', { type: 'loan_return', time: on30('09:00'), checkpointId: s.gate.id, lines: [{ itemId: s.speaker.id, quantity: 2 }] });
  t.ok('docs.void', { documentId: slip.id, reason: '录错', time: on30('10:00') });
  const past = t.ok('reports.range', { from: on28('15:00'), to: on29('15:00') });
  expect(past.slips).toEqual([expect.objectContaining({ number: 'CK20261129-001', quantity: 30, voided: false })]);
  expect(past.items.find((i) => i.itemId === s.mask.id)).toMatchObject({ issued: 30, closing: 70 });
  expect(past.loans).toEqual([{ checkpoint: '北门卡口', item: '手持扩音器', unit: '台', quantity: 2, since: '2026-11-29T03:00:00.000Z' }]);
  const next = t.ok('reports.range', { from: on29('15:00'), to: on30('15:00') });
  // The reversal of an earlier slip is listed in the period it happened in, so the list adds up to 本期出库.
  expect(next.slips).toEqual([expect.objectContaining({ number: 'ZF20261130-001', reverses: 'CK20261129-001', quantity: -30, voided: false })]);
  expect(next.items.find((i) => i.itemId === s.mask.id)).toMatchObject({ issued: -30, closing: 100 });
  expect(next.loans).toEqual([]);
});

test('5. days of cover: closing unexpired stock ÷ the daily issue over the days the ledger has existed, the same on the dashboard', () => {
  const s = start(on30('08:00'));
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 700 }] });
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.reagent.id, quantity: 50, batchNo: 'OLD', expiryDate: '2026-11-01' }, { itemId: s.reagent.id, quantity: 20, batchNo: 'NEW', expiryDate: '2027-11-01' }] });
  t.clock.set(on30('14:00'));
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 100 }, { itemId: s.reagent.id, quantity: 10 }] });
  const report = t.ok('reports.daily.preview');
  const mask = report.items.find((i) => i.itemId === s.mask.id)!;
  const reagent = report.items.find((i) => i.itemId === s.reagent.id)!;
  expect([mask.dailyIssue, mask.coverDays]).toEqual([100, 6]);
  // 60 reagents left, 50 of them expired: 10 usable for 1 day.
  expect([reagent.closing, reagent.dailyIssue, reagent.coverDays]).toEqual([60, 10, 1]);
  const dash = t.ok('dashboard.get').cover;
  expect(dash.find((c) => c.itemId === s.mask.id)).toMatchObject({ dailyIssue: 100, days: 6 });
  expect(dash.find((c) => c.itemId === s.reagent.id)).toMatchObject({ dailyIssue: 10, days: 1 });
  expect(dash.find((c) => c.itemId === s.rice.id)).toMatchObject({ dailyIssue: 0, days: null });
});

test('6. the expired override takes expired stock only for the shortfall, and stamps its reason only there', () => {
  const s = start(on30('10:00'));
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.reagent.id, quantity: 10, batchNo: 'E', expiryDate: '2026-11-15' }, { itemId: s.reagent.id, quantity: 10, batchNo: 'F', expiryDate: '2027-05-01' }] });
  const small = t.posted({ type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 4, expiredOverride: '急用' }] });
  expect(small.lines.map((l) => [l.batchNo, l.quantity, l.overrideReason])).toEqual([['F', 4, '']]);
  const big = t.posted({ type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 9, expiredOverride: '急用' }] });
  expect(big.lines.map((l) => [l.batchNo, l.quantity, l.overrideReason])).toEqual([['F', 6, ''], ['E', 3, '急用']]);
  expect(t.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 1 }] })).toEqual({
    ok: false, error: { code: 'BATCH_EXPIRED', message: '核酸检测试剂 批号 E 已于 2026-11-15 过期,不能发放。如确需发放,请填写过期发放原因。' },
  });
});

test('7. batch tracking switched on with stock: the stock becomes 未分批 and goes out first', () => {
  const s = start(on30('10:00'));
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 50 }] });
  t.ok('items.update', { id: s.mask.id, tracksBatches: true });
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 50, batchNo: 'B1', expiryDate: '2027-01-01' }] });
  const slip = t.posted({ type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 60 }] });
  expect(slip.lines.map((l) => [l.batchNo, l.quantity])).toEqual([['未分批', 50], ['B1', 10]]);
  const view = t.ok('stock.list', { itemIds: [s.mask.id] })[0];
  expect(view.batches.map((b) => [b.batchNo, b.quantity])).toEqual([['B1', 40]]);
});

test('8. changing decimals rescales the minimum stock and the pack factor, or is refused', () => {
  start();
  const cat = t.ok('categories.list')[0].id;
  const salt = t.ok('items.create', { code: 'Y1', name: '食盐', categoryId: cat, unit: '公斤', minStock: 50, packUnit: '袋', packFactor: 25 });
  expect(t.ok('items.update', { id: salt.id, decimals: 2 })).toMatchObject({ decimals: 2, minStock: 50, packFactor: 25 });
  expect(rows('SELECT min_stock, pack_factor FROM items WHERE id = ?', salt.id)).toEqual([{ min_stock: 5000, pack_factor: 2500 }]);
  t.ok('items.update', { id: salt.id, minStock: '0.5' });
  const before = snapshot(t.ledger);
  expect(t.call('items.update', { id: salt.id, decimals: 0 })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '食盐 的最低库存 0.5 改为 0 位小数后无法准确表示,请先修改最低库存。' },
  });
  expect(snapshot(t.ledger)).toEqual(before);
});

test('9. the preview is cut at the millisecond: a receipt of this minute is in it', () => {
  const s = start('2026-11-30T10:00:10+08:00');
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 12 }] });
  t.clock.set('2026-11-30T10:00:20+08:00');
  const preview = t.ok('reports.daily.preview');
  expect(preview.period.to).toBe('2026-11-30T02:00:20.000Z');
  expect(preview.items.find((i) => i.itemId === s.mask.id)).toMatchObject({ received: 12, closing: 12 });
});

test('4. every sheet agrees with itself: the slip and receipt lists, counted as listed, are 本期出库 and 本期入库 (read by openpyxl)', async () => {
  const s = start(on30('16:00'));
  const early = t.ok('docs.post', { type: 'receipt', time: on29('08:00'), sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }, { itemId: s.rice.id, quantity: '30.5' }] });
  t.ok('docs.post', { type: 'receipt', time: on29('09:00'), sourceId: s.donation.id, lines: [{ itemId: s.mask.id, quantity: 500 }] });
  const old = t.ok('docs.post', { type: 'issue', time: on29('10:00'), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 40 }] });
  // In the period (29th 15:00, 30th 15:00]: the earlier slip and receipt voided, a slip with a return, a slip voided the same day.
  t.ok('docs.void', { documentId: old.id, reason: '重复', time: on30('08:00') });
  t.ok('docs.void', { documentId: early.id, reason: '录错', time: on30('08:30') });
  t.ok('docs.post', { type: 'issue', time: on30('09:00'), checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 70 }] });
  t.ok('docs.post', { type: 'return', time: on30('10:00'), checkpointId: s.gate.id, lines: [{ itemId: s.mask.id, quantity: 15 }] });
  const wrong = t.ok('docs.post', { type: 'issue', time: on30('11:00'), checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 9 }] });
  t.ok('docs.void', { documentId: wrong.id, reason: '点位错', time: on30('11:30') });
  const period = { from: on29('15:00'), to: on30('15:00') };
  const report = t.ok('reports.range', period);
  expect(report.items.find((i) => i.itemId === s.mask.id)).toMatchObject({ opening: 560, received: -100, issued: -40 + 70 - 15, closing: 560 - 100 - 15 });
  expect(report.slips.map((l) => [l.number, l.kind, l.reverses, l.quantity, l.voided])).toEqual([
    ['ZF20261130-001', 'void', 'CK20261129-001', -40, false],
    ['CK20261130-001', 'issue', null, 70, false],
    ['TK20261130-001', 'return', null, -15, false],
    ['CK20261130-002', 'issue', null, 9, true],
  ]);
  expect(report.receipts.map((l) => [l.number, l.reverses, l.item, l.quantity])).toEqual([
    ['ZF20261130-002', 'RK20261129-001', '医用外科口罩', -100], ['ZF20261130-002', 'RK20261129-001', '大米', -30.5],
  ]);
  const { files } = await t.okAsync('reports.export', { ...period, formats: ['balance', 'slips', 'receipts'] });
  const file = join(t.dir, 'range.xlsx');
  writeFileSync(file, Buffer.from(files[0].data, 'base64'));
  const sheets = JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, '..', 'python', 'inspect_xlsx.py'), file], { encoding: 'utf8' })) as Record<string, { cached: unknown[][] }>;
  const body = (name: string) => sheets[name].cached.filter((r) => typeof r[0] === 'number');
  const byItem = (rows: unknown[][], name: number, qty: number) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r[name] as string, Math.round(((m.get(r[name] as string) ?? 0) + (r[qty] as number)) * 1000) / 1000);
    return m;
  };
  const balance = body('收发存日报表');
  const issued = new Map(balance.map((r) => [r[1] as string, r[10] as number]));
  const received = new Map(balance.map((r) => [r[1] as string, r[9] as number]));
  for (const [item, q] of byItem(body('物资发放明细表'), 5, 8)) expect([item, q]).toEqual([item, issued.get(item)]);
  for (const [item, q] of byItem(body('入库明细表'), 5, 8)) expect([item, q]).toEqual([item, received.get(item)]);
  expect(body('物资发放明细表').map((r) => [r[2], r[8], r[11]])).toEqual([
    ['ZF20261130-001', -40, '冲销 CK20261129-001'], ['CK20261130-001', 70, null], ['TK20261130-001', -15, '退库'], ['CK20261130-002', 0, '作废'],
  ]);
  const total = sheets['物资发放明细表'].cached.find((r) => r[1] === '合计')!;
  expect(total[8]).toBe(issued.get('医用外科口罩'));
});

test('what a checkpoint holds, and the later movements of an item, are read through indexes (migration 0010)', () => {
  start();
  const plan = (sql: string) => (rows(`EXPLAIN QUERY PLAN ${sql}`, 1, 2, 'issue', 'return', 1) as { detail: string }[]).map((r) => r.detail).join(' | ');
  expect(plan('SELECT batch_id, occurred_at, delta, document_id FROM movements INDEXED BY movements_checkpoint WHERE checkpoint_id = ? AND item_id = ? AND kind IN (?, ?) AND store_id = ?'))
    .toMatch(/SEARCH movements USING COVERING INDEX movements_checkpoint \(checkpoint_id=\? AND item_id=\? AND kind=\?\)/);
  expect((rows("EXPLAIN QUERY PLAN SELECT item_id, batch_id, occurred_at, delta, document_id FROM movements WHERE item_id IN (SELECT value FROM json_each(?)) AND occurred_at > ? AND store_id = ?", '[1]', '', 1) as { detail: string }[]).map((r) => r.detail).join(' | '))
    .toMatch(/SEARCH movements USING INDEX movements_item_time \(item_id=\? AND occurred_at>\?\)/);
});
