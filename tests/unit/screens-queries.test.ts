import { afterEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

test("dashboard: today's slips are the office day's posted ones, not voided slips nor their reversals", () => {
  // 2026-11-28 16:00 Shanghai: after the 15:00 cutoff, so the office day is 11-29 and runs from 11-28 15:00.
  t = tempLedger('2026-11-28T16:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T08:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 500 }] });
  const slip = (time: string) => t.ok('docs.post', { type: 'issue', time, checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  slip('2026-11-28T10:00:00+08:00'); // office day 11-28: not today
  slip('2026-11-28T15:30:00+08:00'); // after the cutoff: office day 11-29
  const wrong = slip('2026-11-28T15:40:00+08:00');
  slip('2026-11-28T15:50:00+08:00');
  t.ok('docs.void', { documentId: wrong.id, reason: '点位写错' });
  const dash = t.ok('dashboard.get');
  expect(dash.today).toEqual({ day: '2026-11-29', from: '2026-11-28T07:00:00.000Z', to: '2026-11-29T07:00:00.000Z', slips: 2 });
  // The week's chart counts by office day too: the slips after 15:00 are the 29th's.
  expect(dash.days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
  expect(dash.slipsPerCheckpoint).toEqual([{ checkpointId: s.site.id, name: '东湖小区核酸采样点', slips: [0, 0, 0, 0, 0, 1, 2] }]);
});

test('dashboard: a new office gets its start checklist, each step ticked when done', () => {
  t = tempLedger();
  expect(t.ok('dashboard.get').setup).toEqual({ office: false, items: false, places: false, accounts: false, opening: false });
  t.ok('settings.update', { officeName: '东湖街道办事处' });
  const s = seedBasics(t);
  expect(t.ok('dashboard.get').setup).toEqual({ office: true, items: true, places: true, accounts: false, opening: false });
  t.ok('users.create', { username: 'clerk', displayName: '孙晓梅', role: 'clerk', password: 'Clerk-pass-2026' });
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 500 }] });
  expect(t.ok('dashboard.get').setup).toEqual({ office: true, items: true, places: true, accounts: true, opening: true });
});

test('stock card: each row carries its 摘要 (the stocktake or loss reason, the void reason)', () => {
  t = tempLedger('2026-11-28T18:00:00+08:00');
  const s = seedBasics(t);
  const receipt = t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-26T09:00:00+08:00', note: '区里第一批', lines: [{ itemId: s.mask.id, quantity: 500 }] });
  const count = t.ok('docs.post', { type: 'stocktake', time: '2026-11-27T09:00:00+08:00', lines: [{ itemId: s.mask.id, counted: 490, reason: '受潮霉变' }] });
  const loss = t.ok('docs.post', { type: 'loss', time: '2026-11-27T10:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 5, reason: '搬运破损' }] });
  const issue = t.ok('docs.post', { type: 'issue', time: '2026-11-28T10:00:00+08:00', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  const reversal = t.ok('docs.void', { documentId: issue.id, reason: '领取人写错' });
  const card = t.ok('stock.card', { itemId: s.mask.id });
  const ids = [receipt.id, count.id, loss.id, issue.id, reversal.id];
  expect(card.rows.map(({ movementId: _m, time: _t, expiryDate: _e, ...r }) => r)).toEqual([
    { documentId: ids[0], number: 'RK20261126-001', documentType: 'receipt', kind: 'receipt', voided: false, batchNo: '', delta: 500, balance: 500, counterparty: '区物资保障组', moved: null, operator: '本机操作员', summary: '区里第一批' },
    { documentId: ids[1], number: 'PD20261127-001', documentType: 'stocktake', kind: 'stocktake', voided: false, batchNo: '', delta: -10, balance: 490, counterparty: '', moved: null, operator: '本机操作员', summary: '受潮霉变' },
    { documentId: ids[2], number: 'BS20261127-001', documentType: 'loss', kind: 'loss', voided: false, batchNo: '', delta: -5, balance: 485, counterparty: '', moved: null, operator: '本机操作员', summary: '搬运破损' },
    { documentId: ids[3], number: 'CK20261128-001', documentType: 'issue', kind: 'issue', voided: true, batchNo: '', delta: -100, balance: 385, counterparty: '东湖小区核酸采样点 · 林晓雯', moved: null, operator: '本机操作员', summary: '' },
    { documentId: ids[4], number: 'ZF20261128-001', documentType: 'void', kind: 'issue', voided: false, batchNo: '', delta: 100, balance: 485, counterparty: '东湖小区核酸采样点 · 林晓雯', moved: null, operator: '本机操作员', summary: '作废原因:领取人写错' },
  ]);
});

test('stock card without an item: the most active goods of the last 30 days, busiest first', () => {
  t = tempLedger('2026-11-28T18:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-10-01T09:00:00+08:00', lines: [{ itemId: s.rice.id, quantity: 50 }] });
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-26T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 500 }, { itemId: s.speaker.id, quantity: 3 }] });
  t.ok('docs.post', { type: 'issue', time: '2026-11-28T10:00:00+08:00', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  expect(t.ok('stock.recent')).toEqual([
    { itemId: s.mask.id, code: 'KZ01', name: '医用外科口罩', spec: '独立包装', unit: '只', movements: 2, lastAt: '2026-11-28T02:00:00.000Z' },
    { itemId: s.speaker.id, code: 'SB01', name: '手持扩音器', spec: '', unit: '台', movements: 1, lastAt: '2026-11-26T01:00:00.000Z' },
  ]);
});

test('audit log reads as work: who posted which slip where, with how many lines; a void with its reason', () => {
  t = tempLedger('2026-11-28T18:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 500 }, { itemId: s.rice.id, quantity: 20 }] });
  const slip = t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 10 }, { itemId: s.rice.id, quantity: 2 }] });
  t.ok('docs.void', { documentId: slip.id, reason: '点位写错' });
  t.ok('items.update', { id: s.speaker.id, active: false });
  const rows = t.ok('audit.list', { limit: 5 }).rows;
  expect(rows.map((r) => [r.userName, r.method, r.text])).toEqual([
    ['本机操作员', 'items.update', '修改物资 手持扩音器(停用)'],
    ['本机操作员', 'docs.void', '作废 出库单 CK20261128-001(原因:点位写错),冲销单 ZF20261128-001'],
    ['本机操作员', 'docs.post', '过账 出库单 CK20261128-001(东湖小区核酸采样点,2 项)'],
    ['本机操作员', 'docs.post', '过账 入库单 RK20261128-001(区物资保障组,2 项)'],
    ['本机操作员', 'people.create', '新增领取人 周建国'],
  ]);
  expect(JSON.parse(rows[2].detail)).toMatchObject({ input: { type: 'issue', checkpointId: s.site.id }, result: { id: slip.id } });
});

test('docs.list sorts by time either way (the 单据 screen’s 时间 header), the count unchanged', () => {
  t = tempLedger('2026-11-28T18:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-26T09:00:00+08:00', lines: [{ itemId: s.mask.id, quantity: 500 }] });
  t.ok('docs.post', { type: 'issue', time: '2026-11-27T10:00:00+08:00', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  t.ok('docs.post', { type: 'issue', time: '2026-11-28T10:00:00+08:00', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 20 }] });
  const numbers = (order?: 'asc' | 'desc') => t.ok('docs.list', order ? { order } : {});
  expect(numbers().rows.map((d) => d.number)).toEqual(['CK20261128-001', 'CK20261127-001', 'RK20261126-001']);
  expect(numbers('asc')).toEqual({ total: 3, rows: [...numbers('desc').rows].reverse() });
  expect(t.ok('docs.list', { order: 'asc', type: 'issue', limit: 1 })).toMatchObject({ total: 2, rows: [{ number: 'CK20261127-001' }] });
});
