import ExcelJS from 'exceljs';
import { afterEach, expect, test } from 'vitest';
import { snapshot, tempLedger, type TestLedger } from '../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

async function sheet(rows: (string | number | null)[][]): Promise<{ fileName: string; data: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('住户');
  ws.addRow(['东湖社区网格员住户台账']);
  for (const r of rows) ws.addRow(r);
  return { fileName: '住户台账.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

const HEAD = ['小区', '楼栋', '单元', '房号', '户主姓名', '联系电话', '独居老人', '慢性病', '常用药品'];

test('a grid worker’s sheet: any bad row refuses the whole file, each row’s errors named and separated', async () => {
  t = tempLedger();
  const file = await sheet([
    HEAD,
    ['东湖小区', 3, 2, 602, '王建华', '13800000012', '', '', ''],
    ['东湖小区', 3, 2, 602, '王建华', '13800000012', '', '', ''],
    ['东湖小区', '', '', '', '李秀英', '1380000abc', '是的', '', ''],
    ['东湖小区', 10, 1, 201, '张伟', '', '√', '是', '硝苯地平'],
  ]);
  const before = snapshot(t.ledger);
  const plan = await t.okAsync('households.importPreview', file);
  expect([plan.headerRow, plan.errorCount, plan.creates, plan.updates]).toEqual([2, 2, 2, 0]);
  expect(plan.rows.map((r) => [r.row, r.errors])).toEqual([
    [3, []],
    [4, ['与第 3 行地址相同(东湖小区 3-2-602)']],
    [5, ['独居老人“是的”应填“是”或留空', '楼栋:不能为空', '房号:不能为空', '电话:电话应为 11 位手机号,或带区号的固定电话(如 0571-88001234)']],
    [6, []],
  ]);
  expect(await t.call('households.importCommit', file)).toMatchObject({ ok: false, error: { message: '共 4 行,其中 2 行有错误,未导入任何住户。请修改表格后重新导入。' } });
  expect(snapshot(t.ledger)).toEqual(before);
});

test('a clean sheet imports whole; the same file again updates the same households, never doubles them; an 地址 column is read as staff write it', async () => {
  t = tempLedger();
  const rows = [
    HEAD,
    ['东湖小区', 3, 2, 602, '王建华', '13800000012', '', '', ''],
    ['东湖小区', 10, 1, 201, '张伟', '', '√', '是', '硝苯地平'],
  ];
  expect(await t.okAsync('households.importCommit', await sheet(rows))).toEqual({ created: 2, updated: 0 });
  rows[1][5] = '13900000099';
  expect(await t.okAsync('households.importCommit', await sheet(rows))).toEqual({ created: 0, updated: 2 });
  expect(t.ok('households.list').map((h) => [h.compound, h.address, h.contact, h.phone, h.elderlyAlone, h.chronic, h.medicines])).toEqual([
    ['东湖小区', '3-2-602', '王建华', '139****0099', false, false, ''],
    ['东湖小区', '10-1-201', '张伟', '', true, true, '硝苯地平'],
  ]);
  // The list masks phones; the household itself, for its editor, has the number whole.
  const [first] = t.ok('households.list');
  expect(t.ok('households.get', { id: first.id }).phone).toBe('13900000099');
  const csv = '小区,地址,联系人\r\n青禾苑,5栋1单元302,陈静\r\n青禾苑,6号楼101室,周强\r\n';
  expect(await t.okAsync('households.importCommit', { fileName: '青禾苑.csv', data: Buffer.from(csv).toString('base64') })).toEqual({ created: 2, updated: 0 });
  expect(t.ok('households.list', { compound: '青禾苑' }).map((h) => h.address)).toEqual(['5-1-302', '6-101']);
});

test('what grid workers write: a 合计 line is skipped, 慢性病 filled with the illness, 3号楼/602室 the same flat as 3-602; a 12-digit phone is refused', async () => {
  t = tempLedger();
  t.ok('households.create', { compound: '东湖小区', building: '3', unit: '2', room: '602', contact: '王建华' });
  const file = await sheet([
    HEAD,
    ['东湖小区', '3号楼', '2单元', '602室', '王建华', '13800000012', '', '', ''],
    ['东湖小区', '5栋', '1', '101', '李秀英', '0571-88001234', '', '高血压', '硝苯地平'],
    ['东湖小区', 6, 1, 201, '张伟', '138001380001', '', '', ''],
    ['合计', null, null, null, '3 户', null, null, null, null],
  ]);
  const plan = await t.okAsync('households.importPreview', file);
  expect(plan.rows.map((r) => [r.row, r.existingId !== null, r.errors])).toEqual([
    [3, true, []],
    [4, false, []],
    [5, false, ['电话:电话应为 11 位手机号,或带区号的固定电话(如 0571-88001234)']],
  ]);
  expect(plan.rows[1].values).toMatchObject({ chronic: true, medicines: '高血压:硝苯地平' });
  // Typed on the form the same way, the flat is found as it is said.
  expect(t.call('households.create', { compound: '东湖小区', building: '3号楼', unit: '2单元', room: '602室' })).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: '住户“东湖小区 3-2-602”已存在。' } });
});
