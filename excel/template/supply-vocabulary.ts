import type { UnitGoodRow } from '../../db/reports/types';
import type { SupplyRound } from '../../db/rounds/supply-day';
import type { Dataset, FillContext, Single } from './vocabulary';

/*
 * 居民代购保供 in a superior's own form: `{{#table 保供}}` rows are the day's rounds (as the built-in
 * 生活物资保供情况日报), and single values give the day's totals. Money in yuan, as the forms write it.
 */

const yuan = (fen: number) => fen / 100;
const totals = (c: FillContext) => c.report.supply?.totals;

export const supplyDataset: Dataset<SupplyRound> = {
  names: ['保供', 'supply'],
  help: '居民代购保供:当日每个采购批次一行',
  rows: (c) => c.report.supply?.rounds ?? [],
  fields: [
    { names: ['序号', 'no'], value: (_r, i) => i + 1 },
    { names: ['批次', 'round'], value: (r) => r.number },
    { names: ['供货单位', 'supplier'], value: (r) => r.supplier },
    { names: ['小区', 'compounds'], value: (r) => r.compounds },
    { names: ['状态', 'state'], value: (r) => r.state },
    { names: ['服务户数', 'households'], value: (r) => r.households },
    { names: ['订单数', 'orders'], value: (r) => r.orders },
    { names: ['金额', 'amount'], value: (r) => yuan(r.amount) },
    { names: ['已收款', 'paid'], value: (r) => yuan(r.paid) },
    { names: ['特殊需求户数', 'specialNeeds'], value: (r) => r.specialNeeds },
    { names: ['未送达户数', 'undelivered'], value: (r) => r.undelivered },
    { names: ['未付款户数', 'unpaid'], value: (r) => r.unpaid },
  ],
};

export const supplySingles: Single[] = [
  { names: ['保供户数', 'supplyHouseholds'], help: '当日居民代购服务的住户数(两个批次都订的住户算一户)', value: (c) => totals(c)?.households ?? 0 },
  { names: ['保供订单数', 'supplyOrders'], help: '当日各批次订单数之和', value: (c) => totals(c)?.orders ?? 0 },
  { names: ['保供金额', 'supplyAmount'], help: '当日各批次应收金额(元)', value: (c) => yuan(totals(c)?.amount ?? 0) },
  { names: ['特殊需求户数', 'supplySpecialNeeds'], help: '其中独居老人、行动不便、慢性病住户数', value: (c) => totals(c)?.specialNeeds ?? 0 },
  { names: ['未送达户数', 'supplyUndelivered'], help: '当日各批次尚未送达的住户数', value: (c) => totals(c)?.undelivered ?? 0 },
];

/** 各单位 (a district's or township's form): a row per unit and good of the day's 汇总表, as the units reported them. */
export const unitsDataset: Dataset<UnitGoodRow> = {
  names: ['各单位', 'units'],
  help: '汇总下级单位报送:每个下级单位的每种物资一行(本单位开启“汇总下级单位报送”时)',
  rows: (c) => c.report.units ?? [],
  fields: [
    { names: ['序号', 'no'], value: (_r, i) => i + 1 },
    { names: ['单位', 'unit'], value: (r) => r.unit },
    { names: ['区划代码', 'unitCode'], value: (r) => r.unitCode },
    { names: ['物资名称', 'name'], value: (r) => r.name },
    { names: ['规格型号', 'spec'], value: (r) => r.spec },
    { names: ['计量单位', 'measure'], value: (r) => r.measure },
    { names: ['上期结存', 'opening'], value: (r) => r.opening },
    { names: ['本期入库', 'received'], value: (r) => r.received },
    { names: ['本期出库', 'issued'], value: (r) => r.issued },
    { names: ['本期结存', 'closing'], value: (r) => r.closing },
    { names: ['可保障天数', 'coverDays'], value: (r) => r.coverDays ?? '—' },
  ],
};
