import { afterEach, expect, test } from 'vitest';
import { callApi } from '../../db/api/call';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const narrative = { work: '完成12个点位物资发放。', problems: '额温枪电池不足。', plans: '明日申领电池。', filledBy: '王联络', reviewedBy: '李组长', phone: '0571-88880000' };

function day() {
  // The first goods arrive after the 27th's cutoff: the ledger's first report day is the 28th.
  t = tempLedger('2026-11-27T16:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-27T15:30:00+08:00', lines: [{ itemId: s.mask.id, quantity: 1000 }, { itemId: s.speaker.id, quantity: 5 }, { itemId: s.reagent.id, quantity: 50, batchNo: 'R1', expiryDate: '2026-12-10' }] });
  t.clock.set('2026-11-28T16:00:00+08:00');
  t.ok('docs.post', { type: 'receipt', sourceId: s.donation.id, time: '2026-11-27T16:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 200 }] });
  t.ok('docs.post', { type: 'issue', time: '2026-11-28T09:00:00+08:00', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 300 }, { itemId: s.reagent.id, quantity: 10 }] });
  t.ok('docs.post', { type: 'issue', time: '2026-11-28T10:00:00+08:00', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  t.ok('docs.post', { type: 'return', time: '2026-11-28T11:00:00+08:00', checkpointId: s.gate.id, lines: [{ itemId: s.mask.id, quantity: 20 }] });
  t.ok('docs.post', { type: 'loan', time: '2026-11-28T11:30:00+08:00', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.speaker.id, quantity: 2 }] });
  t.ok('docs.post', { type: 'loss', time: '2026-11-28T12:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 5, reason: '破损' }] });
  // After the cutoff: belongs to the next period.
  t.ok('docs.post', { type: 'issue', time: '2026-11-28T15:30:00+08:00', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 50 }] });
  return s;
}

test('the first report covers the ledger up to today\'s cutoff, with every column and identity', () => {
  const s = day();
  const r = t.ok('reports.daily.preview');
  expect(r.period).toEqual({ from: null, to: '2026-11-28T07:00:00.000Z' });
  expect(r.partial).toBe(false);
  expect(r.periodText).toBe('建账起—2026年11月28日15:00');
  const mask = r.items.find((i) => i.itemId === s.mask.id)!;
  expect(mask).toMatchObject({
    opening: 0, receipts: { allocation: 1000, purchase: 0, donation: 200, other: 0 }, received: 1200, issued: 380, adjusted: -5,
    lent: 0, transferredOut: 0, closing: 815, belowMinimum: false,
  });
  expect(r.items.find((i) => i.itemId === s.speaker.id)).toMatchObject({ received: 5, lent: 2, transferredOut: 0, closing: 3 });
  expect(r.items.find((i) => i.itemId === s.reagent.id)).toMatchObject({ closing: 40, nearExpiry: true, issued: 10 });
  expect(r.checkpoints.map((c) => [c.name, c.quantities[s.mask.id]])).toEqual([['东湖小区核酸采样点', 300], ['北门卡口', 80]]);
  expect(r.slips.map((l) => [l.number, l.item, l.quantity])).toEqual([
    ['CK20261128-001', '医用外科口罩', 300], ['CK20261128-001', '核酸检测试剂', 10], ['CK20261128-002', '医用外科口罩', 100], ['TK20261128-001', '医用外科口罩', -20],
  ]);
  expect(r.receipts.map((l) => [l.number, l.source, l.quantity])).toEqual([
    ['RK20261127-001', '区物资保障组', 1000], ['RK20261127-001', '区物资保障组', 5], ['RK20261127-001', '区物资保障组', 50], ['RK20261127-002', '青禾爱心企业', 200],
  ]);
  expect(r.loans).toEqual([{ checkpoint: '北门卡口', item: '手持扩音器', unit: '台', quantity: 2, since: '2026-11-28T03:30:00.000Z' }]);
  // Closing equals the stock at the cutoff: today's stock less what moved after it.
  expect(mask.closing).toBe(t.ok('stock.list').find((x) => x.itemId === s.mask.id)!.quantity + 50);
  // The ledger began 11-27 15:30, 23.5 hours before the cutoff: the rate is over 1 day, not 7.
  expect(mask.dailyIssue).toBe(380);
  expect(mask.coverDays).toBe(Math.round((815 / 380) * 10) / 10);
});

test('before the cutoff the preview says 截至 now; submitting locks the period and freezes the numbers', async () => {
  const s = day();
  t.clock.set('2026-11-28T14:20:30+08:00');
  const early = t.ok('reports.daily.preview');
  expect(early.partial).toBe(true);
  expect(early.period.to).toBe('2026-11-28T06:20:30.000Z');
  t.clock.set('2026-11-28T16:00:00+08:00');
  const submitted = await t.okAsync('reports.daily.submit', { narrative });
  expect(submitted).toMatchObject({ id: 1, period: { from: null, to: '2026-11-28T07:00:00.000Z' }, files: ['物资日报-2026年11月28日.xlsx'] });
  expect(t.ok('settings.get').lockedUntil).toBe('2026-11-28T07:00:00.000Z');
  expect(t.call('docs.post', { type: 'issue', time: '2026-11-28T14:00:00+08:00', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'PERIOD_LOCKED' } });
  // A correction found later goes into the current period and shows in the next report.
  // The slip had goods returned: the return is voided first, then the slip.
  const wrong = t.ok('docs.list', { number: 'CK20261128-002' }).rows[0];
  expect(t.call('docs.void', { documentId: wrong.id, reason: '点位错' })).toMatchObject({ ok: false, error: { code: 'CANNOT_VOID' } });
  t.ok('docs.void', { documentId: t.ok('docs.list', { number: 'TK20261128-001' }).rows[0].id, reason: '随原单作废' });
  t.ok('docs.void', { documentId: wrong.id, reason: '点位错' });
  const stored = t.ok('reports.daily.get', { id: 1 });
  expect(stored.report.items.find((i) => i.itemId === s.mask.id)!.issued).toBe(380);
  expect(stored.report.narrative).toEqual(narrative);
  expect(stored.files).toEqual(['物资日报-2026年11月28日.xlsx']);
  t.clock.set('2026-11-29T15:05:00+08:00');
  const next = t.ok('reports.daily.preview');
  expect(next.period).toEqual({ from: '2026-11-28T07:00:00.000Z', to: '2026-11-29T07:00:00.000Z' });
  const mask = next.items.find((i) => i.itemId === s.mask.id)!;
  expect(mask).toMatchObject({ opening: 815, issued: 50 + 20 - 100, closing: 845 });
  // The stored files come back byte for byte.
  const a = await t.okAsync('reports.export', { reportId: 1 });
  const b = await t.okAsync('reports.export', { reportId: 1 });
  expect(a.files.map((f) => f.fileName)).toEqual(['物资日报-2026年11月28日.xlsx']);
  expect(a.files[0].data).toBe(b.files[0].data);
});

test('only the latest report can be withdrawn, by a leader, with a reason; the lock goes back', async () => {
  day();
  await t.okAsync('reports.daily.submit', { narrative });
  t.clock.set('2026-11-29T15:10:00+08:00');
  await t.okAsync('reports.daily.submit', { narrative });
  expect(t.call('reports.daily.withdraw', { id: 1, reason: '数字有误' })).toMatchObject({ ok: false, error: { message: '之后已有报送的日报,这份日报不能再撤回。' } });
  const clerk = t.ok('users.create', { username: 'clerk', displayName: '保管员', role: 'clerk', password: 'clerk-pass-1' });
  const asClerk = callApi({ ledger: t.ledger, userId: clerk.id }, 'reports.daily.withdraw', { id: 2, reason: 'x' });
  expect(asClerk).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '当前账户(保管员)无权进行此操作。' } });
  expect(t.ok('reports.daily.withdraw', { id: 2, reason: '漏报一张入库单' })).toMatchObject({ state: 'withdrawn' });
  expect(t.ok('settings.get').lockedUntil).toBe('2026-11-28T07:00:00.000Z');
  expect(t.ok('reports.daily.list').map((r) => [r.id, r.state, r.withdrawReason])).toEqual([[2, 'withdrawn', '漏报一张入库单'], [1, 'submitted', null]]);
  expect(t.ok('reports.daily.preview').period.from).toBe('2026-11-28T07:00:00.000Z');
});

test('any range can be reported without locking anything', () => {
  day();
  const week = t.ok('reports.range', { from: '2026-11-22T00:00:00+08:00', to: '2026-11-28T16:00:00+08:00' });
  expect(week.periodText).toBe('2026年11月22日00:00—2026年11月28日16:00');
  expect(t.ok('settings.get').lockedUntil).toBe('');
  expect(t.call('reports.range', { from: '2026-11-28T00:00:00+08:00', to: '2026-11-27T00:00:00+08:00' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

test('slips of the same minute are listed in posting order, line by line, with names and batches', () => {
  t = tempLedger('2026-11-28T11:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T08:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 100 }, { itemId: s.reagent.id, quantity: 10, batchNo: 'R7', expiryDate: '2027-01-01' }] });
  const at = '2026-11-28T10:00:00+08:00';
  t.ok('docs.post', { type: 'issue', time: at, checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.reagent.id, quantity: 2 }, { itemId: s.mask.id, quantity: 5 }] });
  t.ok('docs.post', { type: 'issue', time: at, checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 7 }, { itemId: s.reagent.id, quantity: 1 }] });
  t.ok('docs.post', { type: 'issue', time: '2026-11-28T09:30:00+08:00', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 1 }] });
  const r = t.ok('reports.daily.preview');
  expect(r.slips.map((l) => [l.time, l.number, l.checkpoint, l.person, l.item, l.batch, l.quantity, l.issuer])).toEqual([
    ['2026-11-28 09:30', 'CK20261128-003', '东湖小区核酸采样点', s.alice.name, '医用外科口罩', '', 1, '本机操作员'],
    ['2026-11-28 10:00', 'CK20261128-001', '北门卡口', s.bob.name, '核酸检测试剂', 'R7', 2, '本机操作员'],
    ['2026-11-28 10:00', 'CK20261128-001', '北门卡口', s.bob.name, '医用外科口罩', '', 5, '本机操作员'],
    ['2026-11-28 10:00', 'CK20261128-002', '东湖小区核酸采样点', s.alice.name, '医用外科口罩', '', 7, '本机操作员'],
    ['2026-11-28 10:00', 'CK20261128-002', '东湖小区核酸采样点', s.alice.name, '核酸检测试剂', 'R7', 1, '本机操作员'],
  ]);
  expect(r.checkpoints.map((c) => [c.name, c.quantities])).toEqual([
    ['东湖小区核酸采样点', { [s.mask.id]: 8, [s.reagent.id]: 1 }],
    ['北门卡口', { [s.mask.id]: 5, [s.reagent.id]: 2 }],
  ]);
});

test('average daily issue: the seven days before the cutoff, whether they fall before the period or in it', async () => {
  const s = day();
  await t.okAsync('reports.daily.submit', { narrative });
  t.clock.set('2026-11-29T16:00:00+08:00');
  t.ok('docs.post', { type: 'issue', time: '2026-11-29T09:00:00+08:00', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 30 }] });
  const r = t.ok('reports.daily.preview');
  expect(r.period).toEqual({ from: '2026-11-28T07:00:00.000Z', to: '2026-11-29T07:00:00.000Z' });
  // Before the period: 300 + 100 − 20 returned; in it: 50 (after the first cutoff) + 30.
  const week = (t.ledger.db.prepare(
    "SELECT -SUM(delta) AS q FROM movements WHERE item_id = ? AND kind IN ('issue', 'return') AND occurred_at > ? AND occurred_at <= ?",
  ).get(s.mask.id, '2026-11-22T07:00:00.000Z', r.period.to) as { q: number }).q;
  expect(week).toBe(460);
  const mask = r.items.find((i) => i.itemId === s.mask.id)!;
  // 47.5 hours of ledger before this cutoff: two days.
  expect(mask.dailyIssue).toBe(230);
  expect(mask.coverDays).toBe(Math.round((mask.closing / 230) * 10) / 10);
});

test('loans (net of what came back) and transfers out are columns of their own, counted like 本期出库: out is positive', async () => {
  t = tempLedger('2026-11-28T08:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 1000 }, { itemId: s.speaker.id, quantity: 5 }] });
  t.clock.set('2026-11-28T09:00:00+08:00');
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  t.clock.set('2026-11-28T10:00:00+08:00');
  t.ok('docs.post', { type: 'transfer_out', counterparty: '西城街道', lines: [{ itemId: s.mask.id, quantity: 200 }] });
  t.clock.set('2026-11-28T10:30:00+08:00');
  const wrong = t.ok('docs.post', { type: 'transfer_out', counterparty: '西城街道', lines: [{ itemId: s.mask.id, quantity: 50 }] });
  t.clock.set('2026-11-28T11:00:00+08:00');
  t.ok('docs.void', { documentId: wrong.id, reason: '调错' });
  t.clock.set('2026-11-28T11:30:00+08:00');
  t.ok('docs.post', { type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.speaker.id, quantity: 3 }] });
  t.clock.set('2026-11-28T12:00:00+08:00');
  t.ok('docs.post', { type: 'loan_return', checkpointId: s.gate.id, lines: [{ itemId: s.speaker.id, quantity: 1 }] });
  t.clock.set('2026-11-28T16:00:00+08:00');
  const zero = { allocation: 0, purchase: 0, donation: 0, other: 0 };
  const mask = {
    itemId: s.mask.id, code: 'KZ01', name: '医用外科口罩', spec: '独立包装', unit: '只', category: '防护用品',
    opening: 0, receipts: { ...zero, allocation: 1000 }, received: 1000, issued: 100, adjusted: 0, lent: 0, transferredOut: 200, closing: 700,
    // One day of ledger before the cutoff: 100 a day, 700 last seven days.
    dailyIssue: 100, coverDays: 7, minStock: 100, belowMinimum: false, nearExpiry: false, unitPrice: 50, closingAmount: 35000,
  };
  const speaker = {
    itemId: s.speaker.id, code: 'SB01', name: '手持扩音器', spec: '', unit: '台', category: '医疗器械/设备',
    opening: 0, receipts: { ...zero, allocation: 5 }, received: 5, issued: 0, adjusted: 0, lent: 2, transferredOut: 0, closing: 3,
    dailyIssue: 0, coverDays: null, minStock: 0, belowMinimum: false, nearExpiry: false, unitPrice: 0, closingAmount: 0,
  };
  expect(t.ok('reports.daily.preview').items).toEqual([mask, speaker]);
  await t.okAsync('reports.daily.submit', { narrative });
  // The next day two loudspeakers come back: 借出 is negative, the way a return makes 本期出库 negative.
  t.clock.set('2026-11-29T09:00:00+08:00');
  t.ok('docs.post', { type: 'loan_return', checkpointId: s.gate.id, lines: [{ itemId: s.speaker.id, quantity: 2 }] });
  t.clock.set('2026-11-29T16:00:00+08:00');
  const next = t.ok('reports.daily.preview').items.find((i) => i.itemId === s.speaker.id);
  expect(next).toEqual({ ...speaker, opening: 3, receipts: zero, received: 0, lent: -2, closing: 5 });
});
