import { afterEach, expect, test } from 'vitest';
import { officeLedger, register } from '../helpers/district';
import { seedBasics, type TestLedger } from '../helpers/ledger';

const open: TestLedger[] = [];
afterEach(() => open.splice(0).forEach((t) => t.close()));
const keep = (t: TestLedger) => (open.push(t), t);

/** The district sends masks (by code), reagent with its batch and expiry (by name + spec + unit) and a good the unit lacks. */
function allocate() {
  const d = keep(officeLedger('青山区物资保障组', '330106000000', '2026-12-01T10:00:00+08:00'));
  const ds = seedBasics(d);
  const gown = d.ok('items.create', { code: 'FH07', name: '隔离衣', categoryId: d.ok('categories.list')[0].id, unit: '件' });
  d.ok('docs.post', { type: 'receipt', sourceId: ds.allocation.id, time: '2026-12-01T08:00:00+08:00', lines: [
    { itemId: ds.mask.id, quantity: 5000 }, { itemId: ds.reagent.id, quantity: 100, batchNo: 'SJ2611', productionDate: '2026-11-01', expiryDate: '2027-05-01' }, { itemId: gown.id, quantity: 50 },
  ] });
  const o = keep(officeLedger('东湖街道办事处', '330106001000'));
  const os = seedBasics(o);
  o.ok('items.update', { id: os.reagent.id, code: 'SJ-X' });
  register(d, o);
  const out = d.posted({ type: 'transfer_out', counterparty: '东湖街道办事处', time: '2026-12-01T09:30:00+08:00', note: '第三批', lines: [
    { itemId: ds.mask.id, quantity: 2000 }, { itemId: ds.reagent.id, quantity: 40 }, { itemId: gown.id, quantity: 20 },
  ] });
  return { d, o, os, out, file: d.ok('allocations.package', { documentId: out.id }) };
}

test('a 调拨出库 arrives as a pre-filled receipt: goods matched, batch and expiry kept; a shortage needs its reason; the 签收 closes the loop at the district', () => {
  const { d, o, os, out, file } = allocate();
  expect(file.fileName).toBe(`调拨单-${out.number}-东湖街道办事处.slpkg`);
  const preview = o.ok('allocations.preview', file);
  expect(preview).toEqual({
    from: { code: '330106000000', name: '青山区物资保障组' }, fingerprint: d.ok('keys.get')!.fingerprint, number: out.number,
    time: '2026-12-01T01:30:00.000Z', note: '第三批', sourceId: null,
    lines: [
      { line: 1, item: { code: 'KZ01', name: '医用外科口罩', spec: '独立包装', unit: '只' }, batchNo: '', productionDate: null, expiryDate: null, quantity: 2000, itemId: os.mask.id, tracksBatches: false },
      { line: 2, item: { code: 'SJ01', name: '核酸检测试剂', spec: '20人份', unit: '盒' }, batchNo: 'SJ2611', productionDate: '2026-11-01', expiryDate: '2027-05-01', quantity: 40, itemId: os.reagent.id, tracksBatches: true },
      { line: 3, item: { code: 'FH07', name: '隔离衣', spec: '', unit: '件' }, batchNo: '', productionDate: null, expiryDate: null, quantity: 20, itemId: null, tracksBatches: false },
    ],
  });
  // The unit has no 隔离衣: the clerk adds it, and enters what came: 1,950 masks (a carton short).
  const gown = o.ok('items.create', { name: '隔离衣', categoryId: o.ok('categories.list')[0].id, unit: '件' });
  const lines = [{ line: 1, itemId: os.mask.id, quantity: 1950 }, { line: 2, itemId: os.reagent.id, quantity: 40 }, { line: 3, itemId: gown.id, quantity: 20 }];
  expect(o.call('allocations.receive', { ...file, lines })).toMatchObject({ ok: false, error: { message: '第 1 行 医用外科口罩:调拨 2000 只,实收 1950 只,请填写差异原因。' } });
  const receipt = o.ok('allocations.receive', { ...file, lines: [{ ...lines[0], reason: '短少一箱(50只)' }, ...lines.slice(1)] });
  const doc = o.ok('docs.get', { id: receipt.id });
  expect([doc.type, doc.sourceName, doc.note, doc.lines.map((l) => [l.itemName, l.quantity, l.batchNo, l.expiryDate])]).toEqual([
    'receipt', '青山区物资保障组', `调拨单 ${out.number}`, [['医用外科口罩', 1950, '', null], ['核酸检测试剂', 40, 'SJ2611', '2027-05-01'], ['隔离衣', 20, '', null]],
  ]);
  expect(o.ok('sources.list').find((s) => s.id === doc.sourceId)).toMatchObject({ name: '青山区物资保障组', type: 'allocation' });
  expect(o.call('allocations.receive', { ...file, lines })).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: `调拨单 ${out.number} 已签收入库(入库单 ${doc.number}),不能重复入库。` } });

  expect(o.ok('allocations.received')).toEqual([{ documentId: receipt.id, receiptNumber: doc.number, time: doc.time, state: 'posted', from: '青山区物资保障组', allocation: out.number,
    differences: [{ line: 1, item: { code: 'KZ01', name: '医用外科口罩', spec: '独立包装', unit: '只' }, sent: 2000, received: 1950, reason: '短少一箱(50只)' }] }]);
  expect(d.ok('allocations.list')).toEqual([{ documentId: out.id, number: out.number, time: out.time, unit: '东湖街道办事处', lines: 3, voided: false, ack: null }]);
  const ack = o.ok('allocations.ack', { documentId: receipt.id });
  expect(ack.fileName).toBe(`签收-${out.number}-东湖街道办事处.slpkg`);
  expect(d.ok('packages.import', ack)).toMatchObject({ outcome: 'imported', message: `“东湖街道办事处”已签收调拨单 ${out.number}(入库单 ${doc.number}),差异 1 项:医用外科口罩 调拨 2000 实收 1950只(短少一箱(50只))。` });
  expect(d.ok('allocations.list')[0].ack).toEqual({ receiptNumber: doc.number, receivedAt: doc.time, differences: [{ line: 1, item: { code: 'KZ01', name: '医用外科口罩', spec: '独立包装', unit: '只' }, sent: 2000, received: 1950, reason: '短少一箱(50只)' }] });
  expect(d.ok('packages.import', ack)).toMatchObject({ outcome: 'duplicate' });
});

test('refused with the reason: a 调拨单 for another unit, one changed after signing, a 调拨出库 to a unit not registered', () => {
  const { d, os, file } = allocate();
  const other = keep(officeLedger('西岭街道办事处', '330106002000'));
  expect(other.call('allocations.preview', file)).toMatchObject({ ok: false, error: { message: '这张调拨单是发给“东湖街道办事处”(区划代码 330106001000)的,不是本单位(330106002000)。' } });
  const text = Buffer.from(file.data, 'base64').toString('utf8').replace('"quantity":2000', '"quantity":9000');
  const o = open[1];
  expect(o.call('allocations.preview', { fileName: 'x.slpkg', data: Buffer.from(text).toString('base64') })).toMatchObject({ ok: false, error: { message: '签名不符:调拨单在签名后被改动过,或不是该单位签发的。' } });
  const stray = d.posted({ type: 'transfer_out', counterparty: '某某物业公司', time: '2026-12-01T09:40:00+08:00', lines: [{ itemId: d.ok('items.list', {}).find((i) => i.code === 'KZ01')!.id, quantity: 10 }] });
  expect(d.call('allocations.package', { documentId: stray.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '接收单位“某某物业公司”不是已登记的下级单位:调拨单只发给“下级报送 › 下级单位”中登记的单位(名称须一致)。' } });
  expect(os.mask.id).toBeGreaterThan(0);
});

test('a receipt voided, the 调拨单 is taken in again and its new 签收 replaces the first; a unit of another measure is refused; a batch-kept good gets its batch here', () => {
  const { d, o, os, out, file } = allocate();
  // Here the masks are kept by batch, though the district sent them without one.
  o.ok('items.update', { id: os.mask.id, tracksBatches: true });
  const gown = o.ok('items.create', { name: '隔离衣', categoryId: o.ok('categories.list')[0].id, unit: '件' });
  const rest = [{ line: 2, itemId: os.reagent.id, quantity: 40 }, { line: 3, itemId: gown.id, quantity: 20 }];
  expect(o.call('allocations.receive', { ...file, lines: [{ line: 1, itemId: os.mask.id, quantity: 2000 }, ...rest] })).toMatchObject({ ok: false, error: { code: 'BATCH_REQUIRED' } });
  expect(o.call('allocations.receive', { ...file, lines: [{ line: 1, itemId: os.rice.id, quantity: 2000 }, ...rest] })).toMatchObject({
    ok: false, error: { message: '第 1 行 医用外科口罩 以“只”调拨,所选的“大米”以“公斤”计:请选择以“只”计的物资,或先新增一个。' },
  });
  const first = o.ok('allocations.receive', { ...file, lines: [{ line: 1, itemId: os.mask.id, quantity: 2000, batchNo: 'QS1201', expiryDate: '2028-12-01' }, ...rest] });
  expect(o.ok('docs.get', { id: first.id }).lines.map((l) => [l.batchNo, l.expiryDate])[0]).toEqual(['QS1201', '2028-12-01']);
  d.ok('packages.import', o.ok('allocations.ack', { documentId: first.id }));

  o.clock.set('2026-12-01T11:00:00+08:00');
  o.ok('docs.void', { documentId: first.id, reason: '实收数量录错' });
  expect(o.call('allocations.ack', { documentId: first.id })).toMatchObject({ ok: false, error: { message: `入库单 ${o.ok('docs.get', { id: first.id }).number} 已作废,不再签收。` } });
  const again = o.ok('allocations.receive', { ...file, lines: [{ line: 1, itemId: os.mask.id, quantity: 1990, reason: '一盒破损', batchNo: 'QS1201', expiryDate: '2028-12-01' }, ...rest] });
  const numbers = [first, again].map((r) => o.ok('docs.get', { id: r.id }).number);
  expect(d.ok('packages.import', o.ok('allocations.ack', { documentId: again.id }))).toMatchObject({
    outcome: 'replaced', message: `“东湖街道办事处”重新签收调拨单 ${out.number}(入库单 ${numbers[1]},替换原入库单 ${numbers[0]}),差异 1 项:医用外科口罩 调拨 2000 实收 1990只(一盒破损)。`,
  });
  expect(d.ok('allocations.list')[0]).toMatchObject({ voided: false, ack: { receiptNumber: numbers[1] } });
  expect(o.ok('allocations.received').map((r) => [r.receiptNumber, r.state])).toEqual([[numbers[1], 'posted'], [numbers[0], 'voided']]);

  // The district's own file dropped among the reports, and an allocation to a unit stood down.
  expect(d.ok('packages.import', file)).toMatchObject({ outcome: 'refused', message: '这是调拨单:由接收的下级单位在“入库 › 从调拨单入库”中打开,不在这里导入。' });
  d.ok('subUnits.update', { id: d.ok('subUnits.list')[0].id, active: false });
  expect(d.call('allocations.package', { documentId: out.id })).toMatchObject({ ok: false, error: { code: 'INACTIVE', message: '下级单位“东湖街道办事处”已停用,不再给它发调拨单。' } });
  // Voided at the district after the unit signed for it: it stays on the list, marked, with what the unit holds.
  d.clock.set('2026-12-01T11:00:00+08:00');
  d.ok('docs.void', { documentId: out.id, reason: '调拨单位填错' });
  expect(d.ok('allocations.list')[0]).toMatchObject({ documentId: out.id, voided: true, ack: { receiptNumber: numbers[1] } });
});
