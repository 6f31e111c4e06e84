import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { FixedClock } from '../../db/clock';
import { migrations } from '../../db/migrations';
import { LEDGER_FILE, openLedger } from '../../db/open';
import { chainText, formatInUnits, parseAmount, readUnitList, scaleUnitList, unitListText, type ItemUnits } from '../../db/units';
import { seedBasics, tempLedger, testLedgerOn, type TestLedger } from '../helpers/ledger';

// 只 / 盒 = 50 只 / 箱 = 40 盒 = 2000 只, and rice by the 公斤 to 3 places with a 袋 of 5 公斤.
const MASK: ItemUnits = { unit: '只', decimals: 0, packs: [{ unit: '盒', factor: 50 }, { unit: '箱', factor: 2000 }] };
const RICE: ItemUnits = { unit: '公斤', decimals: 3, packs: [{ unit: '袋', factor: 5000 }] };

test('a quantity box takes packs, packs and pieces, plain numbers and decimals, in base units', () => {
  expect(parseAmount('3箱', MASK)).toEqual({ ok: true, scaled: 6000, entered: '3箱' });
  expect(parseAmount('2盒10只', MASK)).toEqual({ ok: true, scaled: 110, entered: '2盒10只' });
  expect(parseAmount(' 1箱 2盒 ', MASK)).toEqual({ ok: true, scaled: 2100, entered: '1箱2盒' });
  expect(parseAmount('100', MASK)).toEqual({ ok: true, scaled: 100, entered: '' });
  expect(parseAmount('100只', MASK)).toEqual({ ok: true, scaled: 100, entered: '' });
  expect(parseAmount('0.5箱', MASK)).toEqual({ ok: true, scaled: 1000, entered: '0.5箱' });
  expect(parseAmount('1.5公斤', RICE)).toEqual({ ok: true, scaled: 1500, entered: '' });
  expect(parseAmount('2袋0.25公斤', RICE)).toEqual({ ok: true, scaled: 10250, entered: '2袋0.25公斤' });
  expect(parseAmount('0', MASK, true)).toEqual({ ok: true, scaled: 0, entered: '' });
  expect(parseAmount('３箱１０只', MASK)).toEqual({ ok: true, scaled: 6010, entered: '3箱10只' });
  expect(parseAmount('１．５公斤', RICE)).toEqual({ ok: true, scaled: 1500, entered: '' });
});

test('a quantity box refuses what it cannot read, naming the units it can', () => {
  expect(parseAmount('3箱', { unit: '只', decimals: 0, packs: [{ unit: '盒', factor: 50 }] })).toEqual({ ok: false, error: '“箱”不是该物资的单位,可用:只、盒(=50只)' });
  expect(parseAmount('2桶', MASK)).toEqual({ ok: false, error: '“桶”不是该物资的单位,可用:只、盒(=50只)、箱(=2000只)' });
  expect(parseAmount('1.5', MASK)).toEqual({ ok: false, error: '数量须为整数' });
  expect(parseAmount('1.2345公斤', RICE)).toEqual({ ok: false, error: '数量最多 3 位小数' });
  expect(parseAmount('0.01盒', MASK)).toEqual({ ok: false, error: '0.01盒 折算为只后不是整数' });
  expect(parseAmount('0', MASK)).toEqual({ ok: false, error: '数量须大于 0' });
  expect(parseAmount('', MASK)).toEqual({ ok: false, error: '请填写数量' });
  expect(parseAmount('盒', MASK)).toEqual({ ok: false, error: '无法识别“盒”,请写作 100、3盒 或 2盒10只' });
});

test('stock in the largest units, and the units as one text and as a chain', () => {
  expect(formatInUnits(6605, MASK)).toBe('3箱 12盒 5只');
  expect(formatInUnits(2000, MASK)).toBe('1箱');
  expect(formatInUnits(7, MASK)).toBe('7只');
  expect(formatInUnits(0, MASK)).toBe('0只');
  expect(formatInUnits(12500, RICE)).toBe('2袋 2.5公斤');
  expect(unitListText(MASK)).toBe('盒=50只;箱=40盒');
  expect(chainText(MASK, 1)).toBe('箱 = 40 盒 = 2000 只');
  expect(chainText(MASK, 0)).toBe('盒 = 50 只');
  expect(scaleUnitList(readUnitList('盒=50只;箱＝40盒')!, '只', 0)).toEqual({ ok: true, packs: MASK.packs });
  expect(scaleUnitList(readUnitList('1袋=0.5公斤')!, '公斤', 3)).toEqual({ ok: true, packs: [{ unit: '袋', factor: 500 }] });
  expect(scaleUnitList(readUnitList('箱=40盒')!, '只', 0)).toEqual({ ok: false, error: '“箱=40盒”中的“盒”不是只或前面列出的单位。' });
  expect(readUnitList('盒50只')).toBeNull();
});

let t: TestLedger;
let s: ReturnType<typeof seedBasics>;
const rows = (sql: string, ...params: unknown[]) => t.ledger.db.prepare(sql).all(...params);

beforeEach(() => {
  t = tempLedger('2026-11-28T10:00:00+08:00');
  s = seedBasics(t);
  t.ok('items.update', { id: s.mask.id, units: [{ unit: '盒', factor: 50 }, { unit: '箱', factor: '2000' }] });
});
afterEach(() => t.close());

test('an item keeps its units smallest first; the first stays its pack unit', () => {
  expect(t.ok('items.get', { id: s.mask.id })).toMatchObject({ packUnit: '盒', packFactor: 50, units: [{ unit: '盒', factor: 50 }, { unit: '箱', factor: 2000 }] });
  expect(rows('SELECT item_id, position, unit, factor FROM item_units ORDER BY item_id, position')).toEqual([
    { item_id: s.mask.id, position: 1, unit: '盒', factor: 50 },
    { item_id: s.mask.id, position: 2, unit: '箱', factor: 2000 },
  ]);
  expect(t.ok('items.list', { q: 'KZ01' })[0].units).toEqual([{ unit: '盒', factor: 50 }, { unit: '箱', factor: 2000 }]);
  expect(t.call('items.update', { id: s.mask.id, units: [{ unit: '盒', factor: 50 }, { unit: '盒', factor: 100 }] })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '单位“盒”重复了。' } });
  expect(t.call('items.update', { id: s.mask.id, units: [{ unit: '只', factor: 50 }] })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '单位“只”重复了。' } });
  expect(t.call('items.update', { id: s.mask.id, units: [{ unit: '3箱', factor: 50 }] })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '单位“3箱”须为 1 到 8 个字,且不含数字、小数点、空格和 = ; 等符号。' } });
});

function receive(lines: Record<string, unknown>[]) {
  return t.call('docs.post', { type: 'receipt', sourceId: s.allocation.id, time: '2026-11-28T09:00:00+08:00', lines: lines as never });
}

test('a line keeps what was typed in packs beside its base quantity', () => {
  const r = receive([{ itemId: s.mask.id, quantity: 6000, entered: '3箱' }, { itemId: s.mask.id, quantity: 110, entered: '2盒 10只' }, { itemId: s.mask.id, quantity: 40, entered: '40只' }, { itemId: s.rice.id, quantity: '1.5' }]);
  if (!r.ok) throw new Error(r.error.message);
  expect(rows('SELECT line_no, item_id, quantity, entered FROM document_lines WHERE document_id = ? ORDER BY line_no', r.data.id)).toEqual([
    { line_no: 1, item_id: s.mask.id, quantity: 6000, entered: '3箱' },
    { line_no: 2, item_id: s.mask.id, quantity: 110, entered: '2盒10只' },
    { line_no: 3, item_id: s.mask.id, quantity: 40, entered: '' },
    { line_no: 4, item_id: s.rice.id, quantity: 1500, entered: '' },
  ]);
  expect(t.ok('docs.get', { id: r.data.id }).lines.map((l) => [l.quantity, l.entered])).toEqual([[6000, '3箱'], [110, '2盒10只'], [40, ''], [1.5, '']]);
  // The reversal shows what the original showed.
  const reversal = t.ok('docs.void', { documentId: r.data.id, reason: '来源填错' });
  expect(rows('SELECT quantity, entered FROM document_lines WHERE document_id = ? ORDER BY line_no', reversal.id)).toEqual([
    { quantity: 6000, entered: '3箱' }, { quantity: 110, entered: '2盒10只' }, { quantity: 40, entered: '' }, { quantity: 1500, entered: '' },
  ]);
});

test('the server refuses a typed text that is not the quantity, or names a unit the item lacks, and writes nothing', () => {
  expect(receive([{ itemId: s.mask.id, quantity: 90, entered: '2盒' }])).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '医用外科口罩:“2盒”折合 100 只,与数量 90 只不符。' } });
  expect(receive([{ itemId: s.mask.id, quantity: 100, entered: '2桶' }])).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '医用外科口罩:“桶”不是该物资的单位,可用:只、盒(=50只)、箱(=2000只)' } });
  expect(receive([{ itemId: s.reagent.id, quantity: 3, entered: '3箱', batchNo: 'B1' }])).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '核酸检测试剂:“箱”不是该物资的单位,可用:盒' } });
  expect(rows('SELECT COUNT(*) AS n FROM document_lines')).toEqual([{ n: 0 }]);
});

test('changing units after posting leaves posted quantities and stock as they were', () => {
  const r = receive([{ itemId: s.mask.id, quantity: 6605, entered: '3箱12盒5只' }]);
  if (!r.ok) throw new Error(r.error.message);
  const lines = () => rows('SELECT item_id, quantity, entered FROM document_lines');
  const stock = () => rows('SELECT item_id, batch_id, store_id, quantity FROM stock');
  expect(lines()).toEqual([{ item_id: s.mask.id, quantity: 6605, entered: '3箱12盒5只' }]);
  expect(stock()).toEqual([{ item_id: s.mask.id, batch_id: 1, store_id: 1, quantity: 6605 }]);
  expect(t.ok('stock.list', { itemIds: [s.mask.id] })[0]).toMatchObject({ quantity: 6605, inUnits: '3箱 12盒 5只' });
  t.ok('items.update', { id: s.mask.id, units: [{ unit: '盒', factor: 100 }, { unit: '件', factor: 1000 }] });
  expect(lines()).toEqual([{ item_id: s.mask.id, quantity: 6605, entered: '3箱12盒5只' }]);
  expect(stock()).toEqual([{ item_id: s.mask.id, batch_id: 1, store_id: 1, quantity: 6605 }]);
  expect(rows('SELECT SUM(delta) AS total FROM movements')).toEqual([{ total: 6605 }]);
  expect(t.ok('stock.list', { itemIds: [s.mask.id] })[0]).toMatchObject({ quantity: 6605, inUnits: '6件 6盒 5只' });
  expect(t.ok('docs.get', { id: r.data.id }).lines.map((l) => [l.quantity, l.entered])).toEqual([[6605, '3箱12盒5只']]);
  t.ok('items.update', { id: s.mask.id, units: [] });
  expect(t.ok('stock.list', { itemIds: [s.mask.id] })[0]).toMatchObject({ quantity: 6605, inUnits: '6605只' });
  expect(stock()).toEqual([{ item_id: s.mask.id, batch_id: 1, store_id: 1, quantity: 6605 }]);
});

test('the printed slip shows what was typed and the base quantity', () => {
  receive([{ itemId: s.mask.id, quantity: 3000 }]);
  const slip = t.ok('docs.post', { type: 'issue', checkpointId: s.site.id, personId: s.alice.id, time: '2026-11-28T09:30:00+08:00', lines: [{ itemId: s.mask.id, quantity: 100, entered: '2盒' }, { itemId: s.mask.id, quantity: 2150 }] });
  const { html } = t.ok('print.slip', { documentId: slip.id, paper: 'a5', preview: true });
  const body = html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  expect(body).toContain('2盒 = 100 只');
  expect(body).toContain('1箱3盒(2150只)');
});

test('migration 0016 makes each pack unit of an existing ledger its first unit', () => {
  const { dir } = t;
  t.ledger.close();
  rmSync(join(dir, LEDGER_FILE));
  const clock = new FixedClock(new Date('2026-11-28T10:00:00+08:00'));
  const old = openLedger(dir, { clock, migrations: migrations.filter((m) => m.version < 16) });
  const insert = old.db.prepare(`INSERT INTO items (code, name, spec, category_id, unit, pack_unit, pack_factor, decimals, min_stock, tracks_batches, durable, unit_price, pinyin, initials, created_at)
    VALUES (?, ?, '', 1, ?, ?, ?, ?, 0, 0, 0, 0, '', '', '2026-11-28T02:00:00.000Z')`);
  insert.run('A1', '口罩', '只', '盒', 50, 0);
  insert.run('A2', '食盐', '公斤', '袋', 500, 3);
  insert.run('A3', '扩音器', '台', null, null, 0);
  old.close();
  t = testLedgerOn(openLedger(dir, { clock }), clock);
  expect(rows('SELECT item_id, position, unit, factor FROM item_units ORDER BY item_id')).toEqual([
    { item_id: 1, position: 1, unit: '盒', factor: 50 },
    { item_id: 2, position: 1, unit: '袋', factor: 500 },
  ]);
  expect(t.ok('items.list').map((i) => [i.code, i.units])).toEqual([['A1', [{ unit: '盒', factor: 50 }]], ['A2', [{ unit: '袋', factor: 0.5 }]], ['A3', []]]);
  expect(rows("SELECT dflt_value, [notnull] FROM pragma_table_info('document_lines') WHERE name = 'entered'")).toEqual([{ dflt_value: "''", notnull: 1 }]);
});

test('a line split over batches keeps no typed text: it stood for the whole line', () => {
  t.ok('items.update', { id: s.reagent.id, units: [{ unit: '箱', factor: 20 }] });
  receive([{ itemId: s.reagent.id, quantity: 10, batchNo: 'B1', expiryDate: '2027-01-31' }, { itemId: s.reagent.id, quantity: 30, batchNo: 'B2', expiryDate: '2027-06-30' }]);
  const slip = t.posted({ type: 'issue', checkpointId: s.site.id, personId: s.alice.id, lines: [{ itemId: s.reagent.id, quantity: 20, entered: '1箱' }, { itemId: s.reagent.id, quantity: 20, entered: '1箱' }] });
  expect(slip.lines.map((l) => [l.batchNo, l.quantity, l.entered])).toEqual([['B1', 10, ''], ['B2', 10, ''], ['B2', 20, '1箱']]);
});
