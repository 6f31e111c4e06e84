import { afterEach, expect, test } from 'vitest';
import { seedBasics, snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const rows = (sql: string, ...params: unknown[]) => t.ledger.db.prepare(sql).all(...params);

test('a receipt writes the document, its lines, movements and stock in one go', () => {
  t = tempLedger();
  const s = seedBasics(t);
  const doc = t.posted({
    type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:30:00+08:00', note: '区里第一批',
    lines: [
      { itemId: s.mask.id, quantity: 1000, unitPrice: 45 },
      { itemId: s.reagent.id, quantity: '30', batchNo: 'R2601', productionDate: '2026-10-01', expiryDate: '2027-04-01' },
      { itemId: s.rice.id, quantity: '250.5' },
    ],
  });
  expect(doc).toMatchObject({ type: 'receipt', number: 'RK20261128-001', state: 'posted', time: '2026-11-28T01:30:00.000Z', businessDate: '2026-11-28', sourceName: '区物资保障组', operatorName: '本机操作员', lineCount: 3 });
  expect(rows('SELECT * FROM documents')).toEqual([
    {
      id: 1, type: 'receipt', number: 'RK20261128-001', state: 'posted', occurred_at: '2026-11-28T01:30:00.000Z',
      business_date: '2026-11-28', store_id: 1, source_id: s.allocation.id, checkpoint_id: null, person_id: null,
      counterparty: '', operator_id: t.userId, note: '区里第一批', reverses_id: null, void_reason: null,
      created_at: '2026-11-28T02:00:00.000Z', expected_return: '', to_store_id: null,
    },
  ]);
  expect(rows('SELECT item_id, batch_id, quantity, unit_price FROM document_lines ORDER BY line_no')).toEqual([
    { item_id: s.mask.id, batch_id: 1, quantity: 1000, unit_price: 45 },
    { item_id: s.reagent.id, batch_id: 2, quantity: 30, unit_price: 0 },
    { item_id: s.rice.id, batch_id: 3, quantity: 250500, unit_price: 0 },
  ]);
  expect(rows('SELECT * FROM batches')).toEqual([
    { id: 1, item_id: s.mask.id, batch_no: '', production_date: null, expiry_date: null },
    { id: 2, item_id: s.reagent.id, batch_no: 'R2601', production_date: '2026-10-01', expiry_date: '2027-04-01' },
    { id: 3, item_id: s.rice.id, batch_no: '', production_date: null, expiry_date: null },
  ]);
  expect(rows('SELECT kind, occurred_at, item_id, batch_id, store_id, checkpoint_id, source_id, delta FROM movements')).toEqual([
    { kind: 'receipt', occurred_at: '2026-11-28T01:30:00.000Z', item_id: s.mask.id, batch_id: 1, store_id: 1, checkpoint_id: null, source_id: s.allocation.id, delta: 1000 },
    { kind: 'receipt', occurred_at: '2026-11-28T01:30:00.000Z', item_id: s.reagent.id, batch_id: 2, store_id: 1, checkpoint_id: null, source_id: s.allocation.id, delta: 30 },
    { kind: 'receipt', occurred_at: '2026-11-28T01:30:00.000Z', item_id: s.rice.id, batch_id: 3, store_id: 1, checkpoint_id: null, source_id: s.allocation.id, delta: 250500 },
  ]);
  expect(rows('SELECT * FROM stock ORDER BY item_id')).toEqual([
    { item_id: s.mask.id, batch_id: 1, store_id: 1, quantity: 1000, expiry_key: '9999-12-31' },
    { item_id: s.reagent.id, batch_id: 2, store_id: 1, quantity: 30, expiry_key: '2027-04-01' },
    { item_id: s.rice.id, batch_id: 3, store_id: 1, quantity: 250500, expiry_key: '9999-12-31' },
  ]);
});

test('a batch-tracked item needs a batch number; expiry must follow production', () => {
  t = tempLedger();
  const s = seedBasics(t);
  expect(t.call('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.reagent.id, quantity: 5 }] })).toEqual({
    ok: false, error: { code: 'BATCH_REQUIRED', message: '核酸检测试剂 按批次管理,请填写批号。' },
  });
  expect(t.call('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.reagent.id, quantity: 5, batchNo: 'X', productionDate: '2026-10-01', expiryDate: '2026-09-01' }] })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '核酸检测试剂 的有效期必须晚于生产日期。' },
  });
  expect(t.call('docs.post', { type: 'receipt', lines: [{ itemId: s.mask.id, quantity: 5 }] })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '入库单须选择物资来源。' },
  });
});

test('issues take batches first-expiry-first-out and refuse expired ones without a reason', () => {
  t = tempLedger('2026-11-28T10:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', {
    type: 'receipt', sourceId: s.allocation.id, time: '2026-11-20T10:00:00+08:00',
    lines: [
      { itemId: s.reagent.id, quantity: 10, batchNo: 'LATE', expiryDate: '2027-06-30' },
      { itemId: s.reagent.id, quantity: 10, batchNo: 'SOON', expiryDate: '2026-12-31' },
      { itemId: s.reagent.id, quantity: 5, batchNo: 'OLD', expiryDate: '2026-11-27' },
    ],
  });
  const slip = t.posted({ type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 14 }] });
  expect(slip.lines.map((l) => [l.batchNo, l.quantity])).toEqual([['SOON', 10], ['LATE', 4]]);
  expect(t.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 8 }] })).toEqual({
    ok: false, error: { code: 'BATCH_EXPIRED', message: '核酸检测试剂 批号 OLD 已于 2026-11-27 过期,不能发放。如确需发放,请填写过期发放原因。' },
  });
  expect(t.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 12 }] })).toEqual({
    ok: false, error: { code: 'INSUFFICIENT_STOCK', message: '核酸检测试剂 库存不足:现有 6 盒,申请 12 盒' },
  });
  const forced = t.posted({
    type: 'issue', checkpointId: s.site.id, personId: s.alice.id,
    lines: [{ itemId: s.reagent.id, quantity: 7, expiredOverride: '急用,已请示组长' }],
  });
  // Unexpired stock first; the expired batch only for the shortfall, and only its line carries the reason.
  expect(forced.lines.map((l) => [l.batchNo, l.quantity, l.overrideReason])).toEqual([
    ['LATE', 6, ''],
    ['OLD', 1, '急用,已请示组长'],
  ]);
  expect(t.ok('ledger.verify').ok).toBe(true);
});

test('an issue slip needs a checkpoint and a pickup person', () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  expect(t.call('docs.post', { type: 'issue', personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请选择领用点位。' } });
  expect(t.call('docs.post', { type: 'issue', checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请选择领取人。' } });
  t.ok('checkpoints.update', { id: s.gate.id, active: false });
  expect(t.call('docs.post', { type: 'issue', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toEqual({ ok: false, error: { code: 'INACTIVE', message: '点位“北门卡口”已停用。' } });
});

test('the store and parties named are checked after the time, each with its own message', () => {
  t = tempLedger();
  const s = seedBasics(t);
  const issue = (extra: object) => t.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 1 }], ...extra });
  const error = (code: string, message: string) => ({ ok: false, error: { code, message } });
  expect(t.call('docs.post', { type: 'receipt', sourceId: 999, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toEqual(error('NOT_FOUND', '来源(编号 999)不存在。'));
  t.ok('sources.update', { id: s.donation.id, active: false });
  expect(t.call('docs.post', { type: 'receipt', sourceId: s.donation.id, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toEqual(error('INACTIVE', '来源“青禾爱心企业”已停用。'));
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  expect(issue({ storeId: 99 })).toEqual(error('NOT_FOUND', '库房(编号 99)不存在。'));
  expect(issue({ personId: 999 })).toEqual(error('NOT_FOUND', '领取人(编号 999)不存在。'));
  t.ok('people.update', { id: s.alice.id, active: false });
  expect(issue({})).toEqual(error('INACTIVE', '领取人“林晓雯”已停用。'));
  // The time is checked first.
  expect(issue({ time: '2026-11-29T10:00:00+08:00' })).toEqual(error('FUTURE_TIME', '单据时间 2026-11-29 10:00 晚于当前时间,不能登记未来的单据。'));
  t.ok('people.update', { id: s.alice.id, active: true });
  t.ledger.db.prepare('UPDATE stores SET active = 0').run();
  expect(issue({})).toEqual(error('NOT_FOUND', '没有可用的库房。'));
  expect(issue({ storeId: 1 })).toEqual(error('INACTIVE', '库房“办事处库房”已停用。'));
  t.ledger.db.prepare('UPDATE stores SET active = 1').run();
  expect(issue({}).ok).toBe(true);
  expect(t.ledger.db.prepare('SELECT quantity FROM stock WHERE item_id = ?').pluck().get(s.mask.id)).toBe(9);
});

test('returns go back to what the checkpoint holds and never more', () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }] });
  t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 40 }] });
  expect(t.call('docs.post', { type: 'return', checkpointId: s.gate.id, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toEqual({
    ok: false, error: { code: 'RETURN_EXCEEDS_ISSUED', message: '医用外科口罩 退回数量超过该点位已领未退的数量:北门卡口 已领未退 0 只,申请退回 1 只' },
  });
  const back = t.ok('docs.post', { type: 'return', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 15 }] });
  expect(back.number).toBe('TK20261128-001');
  expect(t.call('docs.post', { type: 'return', checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 26 }] })).toMatchObject({ ok: false, error: { code: 'RETURN_EXCEEDS_ISSUED' } });
  // Two lines of one slip count together: 20 + 6 is more than the 25 still held.
  expect(t.call('docs.post', { type: 'return', checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 20 }, { itemId: s.mask.id, quantity: 6 }] })).toMatchObject({ ok: false, error: { code: 'RETURN_EXCEEDS_ISSUED' } });
  expect(rows('SELECT quantity FROM stock WHERE item_id = ?', s.mask.id)).toEqual([{ quantity: 75 }]);
  t.ok('docs.post', { type: 'return', checkpointId: s.site.id, lines: [{ itemId: s.mask.id, quantity: 20 }, { itemId: s.mask.id, quantity: 5 }] });
  expect(rows('SELECT quantity FROM stock WHERE item_id = ?', s.mask.id)).toEqual([{ quantity: 100 }]);
});

test('lines naming the same batch count together, and a refused slip writes nothing', () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.reagent.id, quantity: 10, batchNo: 'A1', expiryDate: '2027-03-01' }, { itemId: s.reagent.id, quantity: 5, batchNo: 'B2', expiryDate: '2027-05-01' }] });
  const a1 = (rows("SELECT id FROM batches WHERE batch_no = 'A1'")[0] as { id: number }).id;
  const before = rows('SELECT * FROM stock ORDER BY batch_id');
  const slip = (lines: { itemId: number; quantity: number; batchId?: number }[]) => t.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines });
  expect(slip([{ itemId: s.reagent.id, quantity: 6, batchId: a1 }, { itemId: s.reagent.id, quantity: 6, batchId: a1 }])).toEqual({
    ok: false, error: { code: 'INSUFFICIENT_STOCK', message: '核酸检测试剂 库存不足:现有 10 盒,申请 12 盒' },
  });
  expect(rows('SELECT * FROM stock ORDER BY batch_id')).toEqual(before);
  expect(rows('SELECT COUNT(*) AS n FROM movements')).toEqual([{ n: 2 }]);
  // A named batch, then first-expiry-first-out for the rest: FEFO sees what the first line took.
  const ok = slip([{ itemId: s.reagent.id, quantity: 8, batchId: a1 }, { itemId: s.reagent.id, quantity: 4 }]);
  if (!ok.ok) throw new Error(ok.error.message);
  expect(t.ok('docs.get', { id: ok.data.id }).lines.map((l) => [l.batchNo, l.quantity])).toEqual([['A1', 8], ['A1', 2], ['B2', 2]]);
  expect(rows('SELECT batch_id, quantity FROM stock ORDER BY batch_id')).toEqual([{ batch_id: a1, quantity: 0 }, { batch_id: a1 + 1, quantity: 3 }]);
  expect(t.ok('ledger.verify').ok).toBe(true);
});

test('loans are for durable goods only, and the checkpoint holds them until returned', () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.donation.id, time: '2026-11-28T07:00:00+08:00', lines: [{ itemId: s.speaker.id, quantity: 5 }, { itemId: s.mask.id, quantity: 5 }] });
  expect(t.call('docs.post', { type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.mask.id, quantity: 1 }] })).toEqual({
    ok: false, error: { code: 'NOT_DURABLE', message: '医用外科口罩 不是耐用品,不能借用或归还,请用出库发放或退库。' },
  });
  t.clock.set('2026-11-28T08:00:00+08:00');
  t.ok('docs.post', { type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.speaker.id, quantity: 2 }] });
  t.clock.set('2026-11-28T09:00:00+08:00');
  t.ok('docs.post', { type: 'loan', checkpointId: s.gate.id, personId: s.bob.id, lines: [{ itemId: s.speaker.id, quantity: 1 }] });
  t.clock.set('2026-11-28T10:00:00+08:00');
  t.ok('docs.post', { type: 'loan_return', checkpointId: s.gate.id, lines: [{ itemId: s.speaker.id, quantity: 2 }] });
  expect(t.ok('loans.outstanding')).toEqual([
    { checkpointId: s.gate.id, checkpointName: '北门卡口', itemId: s.speaker.id, itemName: '手持扩音器', spec: '', unit: '台', quantity: 1, since: '2026-11-28T01:00:00.000Z' },
  ]);
  expect(t.call('docs.post', { type: 'loan_return', checkpointId: s.gate.id, lines: [{ itemId: s.speaker.id, quantity: 2 }] })).toEqual({
    ok: false, error: { code: 'LOAN_RETURN_EXCEEDS', message: '手持扩音器 退回数量超过该点位借用未还的数量:北门卡口 借用未还 1 台,申请退回 2 台' },
  });
  expect(rows('SELECT quantity FROM stock WHERE item_id = ?', s.speaker.id)).toEqual([{ quantity: 4 }]);
});

test('a stocktake posts the differences with their reasons', () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 100 }, { itemId: s.rice.id, quantity: 50 }, { itemId: s.reagent.id, quantity: 10, batchNo: 'B1' }] });
  expect(t.call('docs.post', { type: 'stocktake', lines: [{ itemId: s.mask.id, counted: 98 }] })).toEqual({
    ok: false, error: { code: 'INVALID_INPUT', message: '医用外科口罩 实盘与账面不符,请填写差异原因。' },
  });
  const pd = t.posted({
    type: 'stocktake',
    lines: [
      { itemId: s.mask.id, counted: 98, reason: '破损两只' },
      { itemId: s.rice.id, counted: '50.2', reason: '称重误差' },
      { itemId: s.reagent.id, counted: 10, batchNo: 'B1' },
    ],
  });
  expect(pd.lines.map((l) => [l.itemName, l.bookQuantity, l.countedQuantity, l.quantity, l.reason])).toEqual([
    ['医用外科口罩', 100, 98, -2, '破损两只'],
    ['大米', 50, 50.2, 0.2, '称重误差'],
    ['核酸检测试剂', 10, 10, 0, ''],
  ]);
  expect(rows("SELECT item_id, delta FROM movements WHERE kind = 'stocktake' ORDER BY id")).toEqual([
    { item_id: s.mask.id, delta: -2 },
    { item_id: s.rice.id, delta: 200 },
  ]);
  expect(t.ok('ledger.verify')).toEqual({ ok: true, movementCount: 5, stockRows: 3, differences: [], holdingDifferences: [] });
});

test('losses need a reason and may scrap expired goods; transfers need a receiving unit', () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-01T10:00:00+08:00', lines: [{ itemId: s.reagent.id, quantity: 10, batchNo: 'EXP', expiryDate: '2026-11-10' }, { itemId: s.mask.id, quantity: 10 }] });
  expect(t.call('docs.post', { type: 'loss', lines: [{ itemId: s.reagent.id, quantity: 10 }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '核酸检测试剂 报损须填写原因。' } });
  const bs = t.ok('docs.post', { type: 'loss', lines: [{ itemId: s.reagent.id, quantity: 10, reason: '过期报废' }] });
  expect(bs.number).toBe('BS20261128-001');
  expect(t.call('docs.post', { type: 'transfer_out', lines: [{ itemId: s.mask.id, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '调拨出库须填写接收单位。' } });
  const db = t.posted({ type: 'transfer_out', counterparty: '西城街道办事处', lines: [{ itemId: s.mask.id, quantity: 4 }] });
  expect(db).toMatchObject({ number: 'DB20261128-001', counterparty: '西城街道办事处' });
  expect(rows('SELECT item_id, quantity FROM stock ORDER BY item_id')).toEqual([
    { item_id: s.mask.id, quantity: 6 },
    { item_id: s.reagent.id, quantity: 0 },
  ]);
});

test('a refused document leaves nothing behind', () => {
  t = tempLedger();
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  const before = snapshot(t.ledger);
  // The first line would post; the second fails: all of it must roll back, numbering too.
  const r = t.call('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 5 }, { itemId: s.mask.id, quantity: 6 }] });
  expect(r).toEqual({ ok: false, error: { code: 'INSUFFICIENT_STOCK', message: '医用外科口罩 库存不足:现有 5 只,申请 6 只' } });
  expect(snapshot(t.ledger)).toEqual(before);
  expect(t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.mask.id, quantity: 5 }] }).number).toBe('CK20261128-001');
});
