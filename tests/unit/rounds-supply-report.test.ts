import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { seedBasics, tempLedger, type TestLedger } from '../helpers/ledger';
import { seedRound } from '../helpers/rounds';

let t: TestLedger;
afterEach(() => t?.close());

type Sheets = Record<string, { rows: unknown[][]; cached: unknown[][] }>;

test('生活物资保供情况日报: the day’s rounds and their totals, a household two rounds served counted once; not exported unless chosen', async () => {
  t = tempLedger('2026-12-03T09:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  const { homes, shop, round, rice, eggs } = seedRound(t);
  const pharmacy = t.ok('suppliers.create', { name: '康宁大药房', kind: 'pharmacy', certificates: (['license', 'supply', 'pass'] as const).map((kind) => ({ kind, validUntil: '2030-12-31' })) });
  const medicine = t.ok('rounds.create', { supplierId: pharmacy.id, day: '2026-12-03', cutoff: '2026-12-03T12:00:00+08:00', compounds: ['东湖小区'], goods: [{ name: '二甲双胍', spec: '0.5g×60片', unit: '盒', price: 1850 }] });
  // Another day's round does not count.
  t.ok('rounds.create', { supplierId: shop.id, day: '2026-12-04', cutoff: '2026-12-04T14:30:00+08:00', compounds: ['东湖小区'], goods: [{ name: '大米', unit: '袋', price: 4500 }] });
  const a = t.ok('orders.record', { roundId: round.id, householdId: homes[0].id, lines: [{ goodsId: rice.id, quantity: 2 }] });
  t.ok('orders.record', { roundId: round.id, householdId: homes[3].id, lines: [{ goodsId: eggs.id, quantity: 1 }] });
  t.ok('orders.record', { roundId: medicine.id, householdId: homes[3].id, lines: [{ goodsId: medicine.goods[0].id, quantity: 2 }] });
  t.ok('rounds.close', { id: round.id });
  t.ok('rounds.handover', { roundId: round.id, delivered: [] });
  t.ok('orders.pay', { orderId: a.id, amount: 9000, method: 'wechat' });
  t.ok('orders.deliver', { orderId: a.id, delivered: true });
  t.clock.set('2026-12-03T16:00:00+08:00');
  const read = async (formats?: ('balance' | 'supply')[]) => {
    const out = await t.okAsync('reports.export', { day: '2026-12-03', ...(formats ? { formats } : {}) });
    const path = join(t.dir, `r${formats?.join('') ?? 'default'}.xlsx`);
    writeFileSync(path, Buffer.from(out.files[0].data, 'base64'));
    return JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, '..', 'python', 'inspect_xlsx.py'), path], { encoding: 'utf8' })) as Sheets;
  };
  expect(Object.keys(await read())).not.toContain('保供情况日报');
  const sheet = (await read(['balance', 'supply']))['保供情况日报'];
  const office = t.ok('settings.get').officeName;
  expect(String(sheet.rows[0][0])).toContain(`${office}生活物资保供情况日报`);
  expect(sheet.rows[2]).toEqual(['序号', '批次', '供货单位', '小区', '状态', '服务户数', '订单数', '金额(元)', '已收款(元)', '特殊需求户数', '未送达户数', '未付款户数']);
  expect(sheet.rows.slice(3, 6)).toEqual([
    [1, 'DG20261203-01', '惠民超市东湖店', '东湖小区', '已核对', 2, 2, 118, 90, 1, 1, 1],
    [2, 'DG20261203-02', '康宁大药房', '东湖小区', '登记中', 1, 1, 37, 0, 1, 1, 1],
    [null, '合计', null, null, null, 2, '=SUM(G4:G5)', '=SUM(H4:H5)', '=SUM(I4:I5)', 1, '=SUM(K4:K5)', '=SUM(L4:L5)'],
  ]);
  expect(sheet.cached[5].slice(5)).toEqual([2, 3, 155, 90, 1, 2, 2]);
});

test('a superior’s own form is filled from the 保供 data set and its totals', async () => {
  t = tempLedger('2026-12-03T09:00:00+08:00');
  const s = seedBasics(t);
  t.ok('docs.post', { type: 'receipt', sourceId: s.allocation.id, lines: [{ itemId: s.mask.id, quantity: 10 }] });
  const { homes, round, rice } = seedRound(t);
  t.ok('orders.record', { roundId: round.id, householdId: homes[0].id, lines: [{ goodsId: rice.id, quantity: 2 }] });
  t.ok('orders.record', { roundId: round.id, householdId: homes[1].id, lines: [{ goodsId: rice.id, quantity: 1 }] });
  const ExcelJS = (await import('exceljs')).default;
  const form = new ExcelJS.Workbook();
  const ws = form.addWorksheet('保供');
  ws.getCell('A1').value = '{{填报单位}}居民生活物资保供情况';
  ws.getRow(3).values = ['{{#表 保供}}{{行.序号}}', '{{行.批次}}', '{{行.供货单位}}', '{{行.服务户数}}', '{{行.金额}}'];
  ws.getCell('A5').value = '合计户数';
  ws.getCell('B5').value = '{{保供户数}}';
  ws.getCell('C5').value = '{{保供金额}}';
  ws.getCell('D5').value = '{{特殊需求户数}}';
  const created = await t.okAsync('templates.create', { name: '区保供表', fileName: '区保供表.xlsx', data: Buffer.from(await form.xlsx.writeBuffer()).toString('base64') });
  t.clock.set('2026-12-03T16:00:00+08:00');
  const out = await t.okAsync('reports.export', { day: '2026-12-03', formats: [], templates: [created.id], oneFile: false });
  const filled = new ExcelJS.Workbook();
  await filled.xlsx.load(Buffer.from(out.files.find((f) => f.fileName.includes('区保供表'))!.data, 'base64') as unknown as ArrayBuffer);
  const sheet = filled.getWorksheet('保供')!;
  const row = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1, 6);
  expect(row(3)).toEqual([1, 'DG20261203-01', '惠民超市东湖店', 2, 135]);
  expect([sheet.getCell('B5').value, sheet.getCell('C5').value, sheet.getCell('D5').value]).toEqual([2, 135, 1]);
});
