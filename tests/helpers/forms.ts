import ExcelJS from 'exceljs';

const THIN = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } } as const;
const FONT = { name: '宋体', size: 11 };
/** A 1×1 red PNG standing in for the seal. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/**
 * A superior's 收发存 form as they come: merged title with the office, a merged two-level header, the
 * table row, a SUM total row, a signature block with a dated line and a validated 状态 cell, print
 * area and titles, and a second sheet with a 发放明细 table and a reference to the first sheet's total.
 * `fixedRows`: the table is pre-formatted with that many bordered blank rows (a fixed-size form).
 */
export async function balanceForm(fixedRows = 1, unknown = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('收发存', {
    views: [{ state: 'frozen', ySplit: 4 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' },
    headerFooter: { oddHeader: '&C{{填报单位}}', oddFooter: '&C第 &P 页 共 &N 页' },
  });
  ws.columns = [6, 20, 14, 6, 10, 10, 10, 10, 12].map((width) => ({ width }));
  ws.mergeCells('A1:I1');
  ws.getCell('A1').value = '{{填报单位}}应急物资收发存日报表';
  ws.getCell('A1').font = { name: '黑体', size: 16, bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.getRow(1).height = 30;
  ws.mergeCells('A2:I2');
  ws.getCell('A2').value = '统计时段:{{统计时段}}';
  const headers: [string, string][] = [['A3:A4', '序号'], ['B3:B4', '物资名称'], ['C3:C4', '规格型号'], ['D3:D4', '单位'], ['E3:E4', '上期结存'], ['F3:G3', '本期'], ['H3:H4', '本期结存'], ['I3:I4', '备注']];
  for (const [range, label] of headers) {
    ws.mergeCells(range);
    ws.getCell(range.split(':')[0]).value = label;
  }
  ws.getCell('F4').value = '入库';
  ws.getCell('G4').value = '出库';
  for (const r of [3, 4]) for (let c = 1; c <= 9; c++) Object.assign(ws.getCell(r, c), { border: THIN, font: { ...FONT, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } });
  const fields = ['{{#表 收发存}}{{行.序号}}', '{{行.物资名称}}', '{{行.规格型号}}', '{{行.单位}}', '{{行.上期结存}}', '{{行.本期入库}}', '{{行.本期出库}}', '{{行.本期结存}}', unknown ? '{{行.颜色}}' : '{{行.备注}}'];
  const first = 5;
  for (let k = 0; k < fixedRows; k++) {
    const row = ws.getRow(first + k);
    row.height = 20;
    for (let c = 1; c <= 9; c++) {
      const cell = row.getCell(c);
      if (k === 0) cell.value = fields[c - 1];
      cell.border = THIN;
      cell.font = FONT;
      if (c >= 5 && c <= 8) cell.numFmt = '#,##0.###';
    }
  }
  const last = first + fixedRows - 1;
  const total = last + 1;
  ws.mergeCells(`A${total}:D${total}`);
  ws.getCell(`A${total}`).value = '合计';
  for (const c of ['E', 'F', 'G', 'H']) ws.getCell(`${c}${total}`).value = { formula: `SUM(${c}${first}:${c}${last})`, result: 0 };
  for (let c = 1; c <= 9; c++) Object.assign(ws.getCell(total, c), { border: THIN, font: { ...FONT, bold: true } });
  ws.getRow(total).height = 22;
  const sign = total + 2;
  ws.mergeCells(`A${sign}:F${sign}`);
  ws.getCell(`A${sign}`).value = unknown ? '填报人:{{填报人}}    联系人:{{联系人}}' : '填报人:{{填报人}}    审核人:{{审核人}}    联系电话:{{联系电话}}';
  ws.getCell(`G${sign}`).value = '报送时间';
  ws.mergeCells(`H${sign}:I${sign}`);
  ws.getCell(`H${sign}`).value = '{{报送时间}}';
  ws.getCell(`I${sign + 1}`).value = '待审核';
  ws.getCell(`I${sign + 1}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['"待审核,已审核"'] };
  ws.getRow(sign).height = 24;
  ws.pageSetup.printArea = `A1:I${sign + 1}`;
  // The office seal's place beside the signatures, and a red mark on low closing stock.
  const seal = wb.addImage({ buffer: Buffer.from(PNG, 'base64') as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(seal, `G${sign + 1}:H${sign + 2}`);
  ws.addConditionalFormatting({ ref: `H${first}:H${last}`, rules: [{ type: 'cellIs', operator: 'lessThan', formulae: ['10'], priority: 1, style: { font: { color: { argb: 'FFC00000' } } } }] });

  const detail = wb.addWorksheet('发放明细', { pageSetup: { paperSize: 9, orientation: 'portrait' } });
  detail.columns = [8, 18, 18, 10, 10].map((width) => ({ width }));
  detail.getCell('A1').value = '本期出库合计(见收发存表)';
  detail.getCell('E1').value = { formula: `'收发存'!G${total}`, result: 0 };
  detail.getRow(2).values = ['序号', '时间', '点位', '领取人', '数量'];
  detail.getRow(3).values = ['{{#表 发放明细}}{{行.序号}}', '{{行.时间}}', '{{行.点位}}', '{{行.领取人}}', '{{行.数量}}'];
  detail.getRow(4).values = ['合计', null, null, null, { formula: 'SUM(E3:E3)', result: 0 } as ExcelJS.CellFormulaValue];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
