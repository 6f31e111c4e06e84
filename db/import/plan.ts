import type { Database } from 'better-sqlite3';
import type { CellValue } from '../../excel/read-table';
import { parseQuantity } from '../quantity';
import { all, qb } from '../sql';
import { FIELD_LABELS, type ImportField, type Mapping } from './mapping';
import { decimalsOf, parseDay, parseDecimal, text } from './values';

export interface PlannedItem {
  key: string;
  existingId: number | null;
  code: string;
  name: string;
  spec: string;
  unit: string;
  category: string;
  decimals: number;
  tracksBatches: boolean;
  unitPriceFen: number;
  minStock: string;
}

export interface PlannedRow {
  /** The row number the user sees in Excel (1-based). */
  row: number;
  values: Partial<Record<ImportField, string>>;
  errors: string[];
  itemKey: string;
  quantity: string;
  batchNo: string;
  productionDate: string | null;
  expiryDate: string | null;
}

export interface ImportPlan {
  rows: PlannedRow[];
  items: Map<string, PlannedItem>;
  newCategories: string[];
  errorCount: number;
}

const DEFAULT_CATEGORY = '其他';

/** Checks every data row against the ledger and plans the items and the opening receipt. */
export function planImport(db: Database, data: CellValue[][], headerRow: number, mapping: Mapping): ImportPlan {
  const get = (r: CellValue[], f: ImportField): CellValue => (mapping[f] === undefined ? null : (r[mapping[f]!] ?? null));
  const byCode = new Map(all(db, qb.selectFrom('items').selectAll()).map((i) => [i.code, i]));
  const byName = new Map([...byCode.values()].map((i) => [`${i.name}|${i.spec}`, i]));
  const categories = new Set(all(db, qb.selectFrom('categories').select('name')).map((c) => c.name));
  const items = new Map<string, PlannedItem>();
  const rows: PlannedRow[] = [];
  const newCategories = new Set<string>();

  data.forEach((r, i) => {
    if (i <= headerRow || r.every((c) => c === null)) return;
    const errors: string[] = [];
    const values: PlannedRow['values'] = {};
    for (const f of Object.keys(mapping) as ImportField[]) values[f] = text(get(r, f));
    const name = values.name ?? '';
    const spec = values.spec ?? '';
    const code = values.code ?? '';
    if (!name) errors.push(`缺少${FIELD_LABELS.name}`);
    if (name.length > 60) errors.push(`${FIELD_LABELS.name}超过 60 个字`);
    const existing = (code && byCode.get(code)) || byName.get(`${name}|${spec}`) || null;
    const key = existing ? `id:${existing.id}` : code ? `code:${code}` : `name:${name}|${spec}`;
    const unit = values.unit || existing?.unit || '';
    if (!unit) errors.push(`缺少${FIELD_LABELS.unit}`);
    if (existing && values.unit && values.unit !== existing.unit) errors.push(`单位“${values.unit}”与已登记的“${existing.unit}”不一致`);

    const qtyCell = get(r, 'quantity');
    const quantity = qtyCell === null ? '0' : parseDecimal(qtyCell, 3);
    if (quantity === null) errors.push(`${FIELD_LABELS.quantity}“${text(qtyCell)}”不是有效的数量(不小于 0,最多 3 位小数)`);
    if (existing && quantity && decimalsOf(quantity) > existing.decimals) {
      errors.push(`${existing.name} 的数量最多 ${existing.decimals} 位小数`);
    }
    const production = parseDay(get(r, 'productionDate'));
    const expiry = parseDay(get(r, 'expiryDate'));
    if (production === 'invalid') errors.push(`${FIELD_LABELS.productionDate}“${text(get(r, 'productionDate'))}”不是有效日期`);
    if (expiry === 'invalid') errors.push(`${FIELD_LABELS.expiryDate}“${text(get(r, 'expiryDate'))}”不是有效日期`);
    if (production && expiry && production !== 'invalid' && expiry !== 'invalid' && expiry <= production) errors.push('有效期必须晚于生产日期');
    const batchNo = values.batchNo ?? '';
    if (existing && !existing.tracks_batches && (batchNo || expiry)) errors.push(`${existing.name} 未启用批次管理,不能填写批号或有效期`);
    if (batchNo.length > 40) errors.push('批号超过 40 个字');
    const priceCell = get(r, 'unitPrice');
    const price = priceCell === null ? '0' : parseDecimal(priceCell, 2);
    if (price === null) errors.push(`${FIELD_LABELS.unitPrice}“${text(priceCell)}”不是有效金额`);
    const minCell = get(r, 'minStock');
    const minStock = minCell === null ? '0' : parseDecimal(minCell, 3);
    if (minStock === null) errors.push(`${FIELD_LABELS.minStock}“${text(minCell)}”不是有效数量`);
    const category = values.category || DEFAULT_CATEGORY;
    if (category.length > 20) errors.push('类别名称超过 20 个字');
    else if (!existing && !categories.has(category)) newCategories.add(category);

    if (!existing && errors.length === 0) {
      const planned = items.get(key);
      const decimals = Math.max(planned?.decimals ?? 0, decimalsOf(quantity!), decimalsOf(minStock!));
      if (planned && planned.unit !== unit) errors.push(`同一物资的单位前后不一致(“${planned.unit}”与“${unit}”)`);
      else if (decimals > 3) errors.push('数量最多 3 位小数');
      else {
        items.set(key, {
          key, existingId: null, code, name, spec, unit, category, decimals,
          tracksBatches: (planned?.tracksBatches ?? false) || !!batchNo || !!expiry,
          unitPriceFen: planned?.unitPriceFen || Math.round(Number(price) * 100), minStock: planned?.minStock ?? minStock!,
        });
      }
    } else if (existing && !items.has(key)) {
      items.set(key, {
        key, existingId: existing.id, code: existing.code, name: existing.name, spec: existing.spec, unit: existing.unit,
        category, decimals: existing.decimals, tracksBatches: existing.tracks_batches === 1, unitPriceFen: existing.unit_price, minStock: '0',
      });
    }
    const planned = items.get(key);
    if (planned?.tracksBatches && quantity && quantity !== '0' && !batchNo && planned.existingId !== null) errors.push(`${name} 按批次管理,请填写批号`);
    if (quantity && planned) {
      try {
        parseQuantity(quantity, Math.max(planned.decimals, decimalsOf(quantity)), name || '数量');
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    rows.push({
      row: i + 1, values, errors, itemKey: key, quantity: quantity ?? '0', batchNo,
      productionDate: production && production !== 'invalid' ? production : null,
      expiryDate: expiry && expiry !== 'invalid' ? expiry : null,
    });
  });
  for (const row of rows) {
    const item = items.get(row.itemKey);
    if (item && item.existingId === null && item.tracksBatches && row.quantity !== '0' && !row.batchNo && row.errors.length === 0) {
      row.errors.push(`${item.name} 有批号或效期的行,其他行也须填写批号`);
    }
  }
  return { rows, items, newCategories: [...newCategories], errorCount: rows.filter((r) => r.errors.length).length };
}
