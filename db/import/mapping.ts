import type { CellValue } from '../../excel/read-table';

/** The columns an opening-stock workbook may have. */
export const IMPORT_FIELDS = [
  'name', 'code', 'spec', 'unit', 'category', 'quantity', 'batchNo', 'productionDate', 'expiryDate', 'unitPrice', 'minStock',
  'pack', 'decimals', 'tracksBatches', 'durable', 'active',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Field → 0-based column index. */
export type Mapping = Partial<Record<ImportField, number>>;

export const FIELD_LABELS: Record<ImportField, string> = {
  name: '物资名称',
  code: '物资编码',
  spec: '规格型号',
  unit: '计量单位',
  category: '类别',
  quantity: '期初数量',
  batchNo: '批号',
  productionDate: '生产日期',
  expiryDate: '有效期至',
  unitPrice: '单价(元)',
  minStock: '最低库存',
  pack: '包装',
  decimals: '小数位',
  tracksBatches: '批次管理',
  durable: '耐用品',
  active: '状态',
};

/** The template's columns: the catalogue export's, then the opening stock's. */
export const TEMPLATE_FIELDS = [
  'code', 'name', 'spec', 'category', 'unit', 'pack', 'decimals', 'minStock', 'unitPrice', 'tracksBatches', 'durable', 'active',
  'quantity', 'batchNo', 'productionDate', 'expiryDate',
] as const satisfies readonly ImportField[];

/** The template's one example row. */
export const TEMPLATE_EXAMPLE: Record<(typeof TEMPLATE_FIELDS)[number], string | number> = {
  code: '', name: '医用外科口罩', spec: '独立包装', category: '防护用品', unit: '只', pack: '盒=50只;箱=40盒', decimals: 0, minStock: 2000,
  unitPrice: 0.5, tracksBatches: '是', durable: '否', active: '在用', quantity: 5000, batchNo: 'KZ2611', productionDate: '2026-11-01', expiryDate: '2029-10-31',
};

/** Headers offices actually write, best first. */
const SYNONYMS: Record<ImportField, string[]> = {
  name: ['物资名称', '名称', '品名', '物品名称', '物资', '商品名称'],
  code: ['物资编码', '编码', '编号', '物资编号', '代码'],
  spec: ['规格型号', '规格', '型号', '规格及型号'],
  unit: ['计量单位', '单位'],
  category: ['类别', '物资类别', '分类', '类型'],
  quantity: ['期初库存', '期初数量', '库存数量', '数量', '库存', '结存', '结存数量', '现有库存'],
  batchNo: ['批号', '批次', '生产批号', '批次号'],
  productionDate: ['生产日期'],
  expiryDate: ['有效期至', '有效期', '失效日期', '到期日期', '有效日期'],
  unitPrice: ['单价', '价格', '单价元'],
  minStock: ['最低库存', '库存下限', '安全库存', '最低储备'],
  pack: ['包装', '包装单位', '包装换算'],
  decimals: ['小数位', '小数位数'],
  tracksBatches: ['批次管理', '按批次管理'],
  durable: ['耐用品', '是否耐用品'],
  active: ['状态', '在用状态'],
};

/** Headers that are not import columns even though they contain a known word. */
const NOT_COLUMNS = new Set(['序号']);

export function normalizeHeader(v: CellValue): string {
  if (v === null || v instanceof Date) return '';
  return String(v).replace(/[\s*＊:：]/g, '').replace(/[(（][^)）]*[)）]/g, (m) => (/元/.test(m) ? '元' : ''));
}

/** Whether a normalised header names a column of the catalogue import. */
const isCatalogHeader = (h: string) => IMPORT_FIELDS.some((f) => SYNONYMS[f].includes(h));

/**
 * The header row is the one among the first ten that names the most known columns (the catalogue's,
 * unless the sheet is another import's: households, a supplier's price list).
 */
export function findHeaderRow(rows: CellValue[][], known: (header: string) => boolean = isCatalogHeader): number {
  let best = 0;
  let bestScore = -1;
  rows.slice(0, 10).forEach((r, i) => {
    const s = r.map(normalizeHeader).filter((h) => h && known(h)).length;
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}

/** Exact synonyms first, then a header that contains one; each column used once. */
export function guessMapping(headerCells: CellValue[]): Mapping {
  const headers = headerCells.map(normalizeHeader).map((h) => (NOT_COLUMNS.has(h) ? '' : h));
  const mapping: Mapping = {};
  const used = new Set<number>();
  for (const pass of ['exact', 'contains'] as const) {
    for (const field of IMPORT_FIELDS) {
      if (mapping[field] !== undefined) continue;
      for (const syn of SYNONYMS[field]) {
        const i = headers.findIndex((h, k) => !used.has(k) && h && (pass === 'exact' ? h === syn : h.includes(syn)));
        if (i >= 0) {
          mapping[field] = i;
          used.add(i);
          break;
        }
      }
    }
  }
  return mapping;
}
