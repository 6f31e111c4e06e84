import { lineState, type DailyReport, type ReportBatch, type ReportItem, type ReportReceiptLine, type ReportSlipLine } from '../../db/reports/types';
import { excelLocal, excelWallTime } from '../daily/style';
import { supplyDataset, supplySingles, unitsDataset } from './supply-vocabulary';

/** A value a placeholder stands for: text, a number (stays a number), a date (stays a date), or nothing. */
export type FieldValue = string | number | Date | null;

/** What a template is filled from: the report and the office's own details. */
export interface FillContext {
  report: DailyReport;
  officeAddress: string;
  officePhone: string;
  /** Shown as 报送时间 while the report is not submitted (a preview). */
  now: string;
}

export interface Single {
  names: string[];
  help: string;
  value(c: FillContext): FieldValue;
}

const wall = (c: FillContext, iso: string | null) => (iso ? excelLocal(iso, c.report.timeZone) : null);
const yuan = (fen: number) => Math.round(fen) / 100;
/** Quantities have at most three decimals: added in thousandths, no 0.30000000000000004. */
const sumQuantities = (a: number, b: number) => (Math.round(a * 1000) + Math.round(b * 1000)) / 1000;

/** `{{name}}`: single values, Chinese name first, English aliases after. */
export const SINGLES: Single[] = [
  { names: ['填报单位', 'office'], help: '单位名称', value: (c) => c.report.officeName },
  { names: ['单位地址', 'address'], help: '单位地址', value: (c) => c.officeAddress },
  { names: ['单位电话', 'officePhone'], help: '单位电话', value: (c) => c.officePhone },
  { names: ['统计时段', 'period'], help: '如 2026年11月27日15:00—11月28日15:00', value: (c) => c.report.periodText },
  { names: ['开始时间', 'from'], help: '统计时段的开始(日期时间)', value: (c) => wall(c, c.report.period.from) },
  { names: ['截止时间', 'to'], help: '统计时段的截止(日期时间)', value: (c) => wall(c, c.report.period.to) },
  { names: ['报表日期', 'date'], help: '截止日(日期)', value: (c) => dateOnly(wall(c, c.report.period.to)!) },
  { names: ['报送时间', 'submittedAt'], help: '报送的日期时间(预览时为当前时间)', value: (c) => wall(c, c.report.submittedAt ?? c.now) },
  { names: ['填报人', 'filledBy'], help: '', value: (c) => c.report.narrative.filledBy },
  { names: ['审核人', 'reviewedBy'], help: '', value: (c) => c.report.narrative.reviewedBy },
  { names: ['联系电话', 'phone'], help: '日报上填写的联系电话', value: (c) => c.report.narrative.phone },
  { names: ['工作开展情况', 'work'], help: '', value: (c) => c.report.narrative.work },
  { names: ['存在问题', 'problems'], help: '', value: (c) => c.report.narrative.problems },
  { names: ['下步打算', 'plans'], help: '', value: (c) => c.report.narrative.plans },
  { names: ['物资品种数', 'itemCount'], help: '收发存表的行数', value: (c) => c.report.items.length },
  { names: ['发放单数', 'slipCount'], help: '本期出库单张数(不含作废)', value: (c) => new Set(c.report.slips.filter((s) => s.kind === 'issue' && !s.voided).map((s) => s.number)).size },
  { names: ['审计链', 'auditHead'], help: '报送时审计日志的条数与哈希', value: (c) => (c.report.audit ? `第 ${c.report.audit.count} 条 ${c.report.audit.hash.slice(0, 16)}` : '') },
  ...supplySingles,
];

function dateOnly(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

interface Field<R> {
  names: string[];
  value(row: R, index: number, c: FillContext): FieldValue;
}

export interface Dataset<R = unknown> {
  names: string[];
  help: string;
  rows(c: FillContext): R[];
  fields: Field<R>[];
  /** `{{行.物资:医用外科口罩}}`: a field named after an item (点位汇总 only). */
  itemField?(name: string, c: FillContext): ((row: R) => FieldValue) | null;
}

const no = <R>(): Field<R> => ({ names: ['序号', 'no'], value: (_r, i) => i + 1 });
const SOURCE: Record<string, string> = { allocation: '上级调拨', purchase: '自行采购', donation: '社会捐赠', other: '其他' };

const balance: Dataset<ReportItem> = {
  names: ['收发存', 'balance'],
  help: '每种物资一行;本期出库、借出、调出以出库为正;借出调出(旧名)为借出与调出之和',
  rows: (c) => c.report.items,
  fields: [
    no(),
    { names: ['物资编码', 'code'], value: (r) => r.code },
    { names: ['物资名称', 'name'], value: (r) => r.name },
    { names: ['规格型号', 'spec'], value: (r) => r.spec },
    { names: ['单位', 'unit'], value: (r) => r.unit },
    { names: ['类别', 'category'], value: (r) => r.category },
    { names: ['上期结存', 'opening'], value: (r) => r.opening },
    { names: ['本期入库', 'received'], value: (r) => r.received },
    { names: ['调拨入库', 'allocation'], value: (r) => r.receipts.allocation },
    { names: ['采购入库', 'purchase'], value: (r) => r.receipts.purchase },
    { names: ['捐赠入库', 'donation'], value: (r) => r.receipts.donation },
    { names: ['其他入库', 'otherReceipt'], value: (r) => r.receipts.other },
    { names: ['本期出库', 'issued'], value: (r) => r.issued },
    { names: ['报损盘盈亏', 'adjusted'], value: (r) => r.adjusted },
    { names: ['借出', 'lentOut'], value: (r) => r.lent },
    { names: ['调出', 'transferredOut'], value: (r) => r.transferredOut },
    // The one column forms had before 借出 and 调出 were told apart: kept for them, as the sum, out positive.
    { names: ['借出调出', 'lent'], value: (r) => sumQuantities(r.lent, r.transferredOut) },
    { names: ['本期结存', 'closing'], value: (r) => r.closing },
    { names: ['日均消耗', 'dailyIssue'], value: (r) => r.dailyIssue },
    { names: ['可保障天数', 'coverDays'], value: (r) => r.coverDays },
    { names: ['最低库存', 'minStock'], value: (r) => r.minStock },
    { names: ['单价', 'unitPrice'], value: (r) => yuan(r.unitPrice) },
    { names: ['结存金额', 'closingAmount'], value: (r) => yuan(r.closingAmount) },
    { names: ['备注', 'note'], value: (r) => [r.belowMinimum ? '低于最低库存' : '', r.nearExpiry ? '有近效期批次' : ''].filter(Boolean).join(';') },
  ],
};

const slips: Dataset<ReportSlipLine> = {
  names: ['发放明细', 'slips'],
  help: '每条出库、退库明细一行(退库为负数;作废的标“作废”,数量为 0;冲销以前时段单据的标“冲销”)',
  rows: (c) => c.report.slips,
  fields: [
    no(),
    { names: ['时间', 'time'], value: (r) => excelWallTime(r.time) },
    { names: ['单号', 'number'], value: (r) => r.number },
    { names: ['点位', 'checkpoint'], value: (r) => r.checkpoint },
    { names: ['领取人', 'person'], value: (r) => r.person },
    { names: ['物资名称', 'name'], value: (r) => r.item },
    { names: ['规格型号', 'spec'], value: (r) => r.spec },
    { names: ['单位', 'unit'], value: (r) => r.unit },
    { names: ['数量', 'quantity'], value: (r) => (r.voided ? 0 : r.quantity) },
    { names: ['批号', 'batch'], value: (r) => r.batch },
    { names: ['经办人', 'issuer'], value: (r) => r.issuer },
    { names: ['备注', 'note'], value: (r) => lineState(r) },
  ],
};

type CheckpointRow = DailyReport['checkpoints'][number];
const checkpoints: Dataset<CheckpointRow> = {
  names: ['点位汇总', 'checkpoints'],
  help: '每个领用点位一行;{{行.物资:名称或编码}} 取该物资的领用数量',
  rows: (c) => c.report.checkpoints,
  fields: [
    no(),
    { names: ['点位', 'checkpoint'], value: (r) => r.name },
    { names: ['领用品种数', 'itemCount'], value: (r) => Object.keys(r.quantities).length },
    {
      names: ['领用明细', 'detail'],
      value: (r, _i, c) => c.report.items.filter((it) => r.quantities[it.itemId]).map((it) => `${it.name} ${r.quantities[it.itemId]}${it.unit}`).join('、'),
    },
  ],
  itemField: (name, c) => {
    const item = c.report.items.find((i) => i.name === name || i.code === name);
    return item ? (r) => r.quantities[item.itemId] ?? 0 : null;
  },
};

const receipts: Dataset<ReportReceiptLine> = {
  names: ['入库明细', 'receipts'],
  help: '每条入库明细一行',
  rows: (c) => c.report.receipts,
  fields: [
    no(),
    { names: ['时间', 'time'], value: (r) => excelWallTime(r.time) },
    { names: ['单号', 'number'], value: (r) => r.number },
    { names: ['来源', 'source'], value: (r) => r.source },
    { names: ['来源类型', 'sourceType'], value: (r) => SOURCE[r.sourceType] ?? r.sourceType },
    { names: ['物资名称', 'name'], value: (r) => r.item },
    { names: ['规格型号', 'spec'], value: (r) => r.spec },
    { names: ['单位', 'unit'], value: (r) => r.unit },
    { names: ['数量', 'quantity'], value: (r) => (r.voided ? 0 : r.quantity) },
    { names: ['批号', 'batch'], value: (r) => r.batch },
    { names: ['有效期', 'expiry'], value: (r) => (r.expiry ? excelWallTime(r.expiry) : null) },
    { names: ['备注', 'note'], value: (r) => lineState(r) },
  ],
};

const batches: Dataset<ReportBatch> = {
  names: ['库存明细', 'batches'],
  help: '每个有库存的批次一行',
  rows: (c) => c.report.batches,
  fields: [
    no(),
    { names: ['物资名称', 'name'], value: (r) => r.item },
    { names: ['规格型号', 'spec'], value: (r) => r.spec },
    { names: ['单位', 'unit'], value: (r) => r.unit },
    { names: ['类别', 'category'], value: (r) => r.category },
    { names: ['批号', 'batch'], value: (r) => r.batch },
    { names: ['生产日期', 'production'], value: (r) => (r.production ? excelWallTime(r.production) : null) },
    { names: ['有效期', 'expiry'], value: (r) => (r.expiry ? excelWallTime(r.expiry) : null) },
    { names: ['数量', 'quantity'], value: (r) => r.quantity },
    { names: ['状态', 'status'], value: (r) => (r.expired ? '已过期' : r.nearExpiry ? '近效期' : '') },
  ],
};

export const DATASETS = [balance, slips, checkpoints, receipts, batches, supplyDataset, unitsDataset] as Dataset[];

export function findSingle(name: string): Single | undefined {
  return SINGLES.find((s) => s.names.includes(name));
}

export function findDataset(name: string): Dataset | undefined {
  return DATASETS.find((d) => d.names.includes(name));
}

/** The getter for `{{行.<field>}}` in a dataset, or null when the dataset has no such field. */
export function findField(dataset: Dataset, field: string, c: FillContext | null): ((row: unknown, index: number, c: FillContext) => FieldValue) | null {
  const f = dataset.fields.find((x) => x.names.includes(field));
  if (f) return f.value;
  const item = /^(?:物资|item):(.+)$/.exec(field);
  if (item && dataset.itemField) {
    if (!c) return () => null;
    const get = dataset.itemField(item[1].trim(), c);
    return get ? (row) => get(row) : () => 0;
  }
  return null;
}
