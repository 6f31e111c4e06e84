import ExcelJS from 'exceljs';
import type { ItemView } from '../db/reference/items';
import { unitListOf } from '../db/reference/item-units';
import { xmlSafe } from './xlsx/xml';

/** The catalog as a plain workbook, with the same headers the importer reads back. */
export async function catalogWorkbook(items: ItemView[], officeName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '物资保障台账';
  const ws = wb.addWorksheet('物资目录', { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const font = { name: '宋体', size: 11 };
  ws.columns = [
    { key: 'code', width: 12 }, { key: 'name', width: 24 }, { key: 'spec', width: 22 }, { key: 'category', width: 14 },
    { key: 'unit', width: 8 }, { key: 'pack', width: 14 }, { key: 'decimals', width: 8 }, { key: 'minStock', width: 10 },
    { key: 'price', width: 10 }, { key: 'batches', width: 10 }, { key: 'durable', width: 8 }, { key: 'active', width: 8 },
  ];
  ws.mergeCells(1, 1, 1, 12);
  ws.getCell(1, 1).value = `${officeName || ''}物资目录`;
  ws.getCell(1, 1).font = { name: '黑体', size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(2);
  header.values = ['物资编码', '物资名称', '规格型号', '类别', '计量单位', '包装', '小数位', '最低库存', '单价(元)', '批次管理', '耐用品', '状态'];
  header.font = { ...font, bold: true };
  header.eachCell((c) => {
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    c.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  for (const i of items) {
    const row = ws.addRow([
      ...[i.code, i.name, i.spec, i.categoryName, i.unit].map(xmlSafe), unitListOf(i), i.decimals,
      i.minStock, i.unitPrice / 100, i.tracksBatches ? '是' : '否', i.durable ? '是' : '否', i.active ? '在用' : '停用',
    ]);
    row.font = font;
    row.getCell(9).numFmt = '0.00';
    row.eachCell({ includeEmpty: true }, (c) => (c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }));
  }
  ws.pageSetup.printTitlesRow = '2:2';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
