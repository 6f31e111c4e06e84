import type { CellValue } from '../../excel/read-table';
import { findHeaderRow, normalizeHeader } from '../import/mapping';
import { roundGoodsInput } from './rounds';

/*
 * A supplier's price list (报价单) read from its Excel or CSV: 商品名称 · 规格 · 单位 · 单价 (元) · 套餐内容
 * · 每户限购, header row found among the first ten. It only fills the new round's price list on screen;
 * each row is checked with the same schema as rounds.create's goods, every error named.
 */

const FIELDS = ['name', 'spec', 'unit', 'price', 'contents', 'perHousehold'] as const;
type Field = (typeof FIELDS)[number];
const SYNONYMS: Record<Field, string[]> = {
  name: ['商品名称', '商品', '品名', '名称', '菜品'],
  spec: ['规格', '规格型号', '型号'],
  unit: ['单位', '计量单位'],
  price: ['单价', '价格', '单价元', '售价', '零售价', '团购价'],
  contents: ['套餐内容', '内容', '包含', '套餐明细'],
  perHousehold: ['每户限购', '限购', '限购数量'],
};
const LABELS: Record<Field, string> = { name: '商品名称', spec: '规格', unit: '单位', price: '单价', contents: '套餐内容', perHousehold: '每户限购' };

export interface GoodsRow {
  row: number;
  goods: { name: string; spec?: string; unit: string; price: number; contents?: string; perHousehold?: number } | null;
  errors: string[];
}

const text = (v: CellValue | undefined) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/** "45", "4.5", "¥4.50", 4.5 → fen, from the digits (never a float multiplied). */
function fenOf(raw: string): number | null {
  const m = /^[¥￥]?\s*(\d{1,9})(?:\.(\d{1,2}))?\s*(?:元)?$/.exec(raw);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

export function readPriceList(table: CellValue[][]): { rows: GoodsRow[]; errorCount: number } {
  const header = findHeaderRow(table, (h) => FIELDS.some((f) => SYNONYMS[f].includes(h)));
  const heads = (table[header] ?? []).map(normalizeHeader);
  const col = Object.fromEntries(FIELDS.map((f) => [f, heads.findIndex((h) => SYNONYMS[f].includes(h))])) as Record<Field, number>;
  const rows: GoodsRow[] = [];
  table.slice(header + 1).forEach((cells, i) => {
    const cell = (f: Field) => (col[f] < 0 ? '' : text(cells[col[f]]));
    if (FIELDS.every((f) => cell(f) === '')) return;
    // A 合计 line at the foot of the supplier's sheet is not a good.
    if (/^(合计|总计|小计)$/.test(cell('name')) || /^(合计|总计)$/.test(text(cells[0]))) return;
    const errors: string[] = [];
    if (col.name < 0) errors.push('表格中没有“商品名称”列');
    if (col.price < 0) errors.push('表格中没有“单价”列');
    const price = fenOf(cell('price'));
    if (col.price >= 0 && price === null) errors.push(`单价“${cell('price')}”应为金额,如 45 或 4.50`);
    const limit = cell('perHousehold');
    if (limit && !/^\d+$/.test(limit)) errors.push(`每户限购“${limit}”应为整数`);
    const values = {
      name: cell('name'), ...(cell('spec') ? { spec: cell('spec') } : {}), unit: cell('unit'), price: price ?? 0,
      ...(cell('contents') ? { contents: cell('contents') } : {}), ...(limit && /^\d+$/.test(limit) ? { perHousehold: Number(limit) } : {}),
    };
    const parsed = roundGoodsInput.safeParse(values);
    if (!parsed.success) for (const issue of parsed.error.issues) errors.push(`${LABELS[String(issue.path[0]) as Field] ?? String(issue.path[0])}:${issue.message}`);
    rows.push({ row: header + 2 + i, goods: errors.length ? null : parsed.data!, errors });
  });
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (!r.goods) continue;
    const k = `${r.goods.name}\u0000${r.goods.spec ?? ''}\u0000${r.goods.unit}`;
    if (seen.has(k)) {
      r.errors.push(`与第 ${seen.get(k)} 行是同一商品(名称、规格、单位都相同)`);
      r.goods = null;
    } else seen.set(k, r.row);
  }
  return { rows, errorCount: rows.filter((r) => r.errors.length).length };
}
