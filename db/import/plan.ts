import type { Database } from 'better-sqlite3';
import type { CellValue } from '../../excel/read-table';
import { postLineInput } from '../ledger/input';
import { parseQuantity } from '../quantity';
import { checkRow } from '../reference/common';
import { all, first, qb } from '../sql';
import { checkCategoryName, checkNewItem, type NewItemInput } from './item-input';
import { FIELD_LABELS, type ImportField, type Mapping } from './mapping';
import { restockOf, restockNotice } from './restock';
import { scalePacks } from '../reference/item-units';
import { decimalsOf, parseDay, parseDecimal, parsePack, parseYesNo, text } from './values';

export interface PlannedItem {
  key: string;
  existingId: number | null;
  name: string;
  unit: string;
  category: string;
  decimals: number;
  tracksBatches: boolean;
  /** A new item: what items.create is given, checked by its schema. */
  input: NewItemInput | null;
  /** Whether the decimals came from a 小数位 cell (else they grow with the quantities written). */
  explicitDecimals: boolean;
  /** An item that has moved: its stock now (scaled). Its rows are a receipt from a chosen source, never opening stock. */
  movedStock: number | null;
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
  /** Stock for an item that has moved: not opening stock. */
  restock: boolean;
  /** What the row will do that the user must see before committing (已有库存 …). */
  notice: string | null;
}

export interface ImportPlan {
  rows: PlannedRow[];
  items: Map<string, PlannedItem>;
  newCategories: string[];
  errorCount: number;
  /** Rows read but not imported (合计 rows), with why. */
  skipped: { row: number; reason: string }[];
  /** Where the rows of goods already moved come from, when the user chose it. */
  restockSource: { id: number; name: string } | null;
}

const DEFAULT_CATEGORY = '其他';
const YES = ['是', 'y', 'yes', 'true', '1', '√'];
const NO = ['否', 'n', 'no', 'false', '0', '×'];
/** A totals row: its label, and usually a SUM formula, are not goods. */
const TOTAL_LABEL = /^(合计|总计|小计)[:：]?$/;

const isTotalRow = (r: CellValue[]) => r.some((c) => typeof c === 'string' && TOTAL_LABEL.test(c.replace(/\s/g, '')));

/** Checks every data row against the ledger and plans the items, the opening receipt and any restock. */
export function planImport(db: Database, data: CellValue[][], headerRow: number, mapping: Mapping, restockSourceId?: number): ImportPlan {
  const get = (r: CellValue[], f: ImportField): CellValue => (mapping[f] === undefined ? null : (r[mapping[f]!] ?? null));
  const byCode = new Map(all(db, qb.selectFrom('items').selectAll()).map((i) => [i.code, i]));
  const byName = new Map([...byCode.values()].map((i) => [`${i.name}|${i.spec}`, i]));
  const categories = new Set(all(db, qb.selectFrom('categories').select('name')).map((c) => c.name));
  const restockSource = restockSourceId === undefined ? null : checkRow('sources', restockSourceId, first(db, qb.selectFrom('sources').select(['id', 'name', 'active']).where('id', '=', restockSourceId)), true);
  const items = new Map<string, PlannedItem>();
  const rows: PlannedRow[] = [];
  const skipped: ImportPlan['skipped'] = [];
  const newCategories = new Set<string>();

  data.forEach((r, i) => {
    if (i <= headerRow || r.every((c) => c === null)) return;
    if (isTotalRow(r)) return void skipped.push({ row: i + 1, reason: '合计行,不导入' });
    const errors: string[] = [];
    const values: PlannedRow['values'] = {};
    for (const f of Object.keys(mapping) as ImportField[]) values[f] = text(get(r, f));
    const name = values.name ?? '';
    const spec = values.spec ?? '';
    const code = values.code ?? '';
    const existing = (code && byCode.get(code)) || (name ? byName.get(`${name}|${spec}`) : undefined) || null;
    const key = existing ? `id:${existing.id}` : code ? `code:${code}` : `name:${name}|${spec}`;
    const unit = values.unit || existing?.unit || '';
    if (existing && values.unit && values.unit !== existing.unit) errors.push(`单位“${values.unit}”与已登记的“${existing.unit}”不一致`);

    const qtyCell = get(r, 'quantity');
    const quantity = qtyCell === null ? '0' : parseDecimal(qtyCell, 3);
    if (quantity === null) errors.push(`${FIELD_LABELS.quantity}“${text(qtyCell)}”不是有效的数量(不小于 0,最多 3 位小数)`);
    const production = parseDay(get(r, 'productionDate'));
    const expiry = parseDay(get(r, 'expiryDate'));
    if (production === 'invalid') errors.push(`${FIELD_LABELS.productionDate}“${text(get(r, 'productionDate'))}”不是有效日期`);
    if (expiry === 'invalid') errors.push(`${FIELD_LABELS.expiryDate}“${text(get(r, 'expiryDate'))}”不是有效日期`);
    if (production && expiry && production !== 'invalid' && expiry !== 'invalid' && expiry <= production) errors.push('有效期必须晚于生产日期');
    const batchNo = values.batchNo ?? '';
    if (!postLineInput.shape.batchNo.safeParse(batchNo).success) errors.push('批号最多 40 个字,且不能包含控制字符');
    if (existing && !existing.tracks_batches && (batchNo || expiry)) errors.push(`${existing.name} 未启用批次管理,不能填写批号或有效期`);
    const hasBatch = !!batchNo || !!expiry;

    if (existing) {
      if (!items.has(key)) {
        items.set(key, {
          key, existingId: existing.id, name: existing.name, unit: existing.unit, category: '', decimals: existing.decimals,
          tracksBatches: existing.tracks_batches === 1, input: null, explicitDecimals: true, movedStock: restockOf(db, existing.id),
        });
      }
    } else {
      const category = values.category || DEFAULT_CATEGORY;
      const categoryErrors = categories.has(category) ? [] : checkCategoryName(category);
      errors.push(...categoryErrors);
      if (!categoryErrors.length && !categories.has(category)) newCategories.add(category);
      const planned = items.get(key);
      if (planned) {
        if (planned.unit !== unit) errors.push(`同一物资的单位前后不一致(“${planned.unit}”与“${unit}”)`);
        if (!planned.explicitDecimals && quantity) planned.decimals = Math.max(planned.decimals, decimalsOf(quantity));
        if (hasBatch && mapping.tracksBatches === undefined) planned.tracksBatches = true;
      } else {
        const item = newItem(r, get, { code, name, spec, unit, quantity, hasBatch }, errors);
        if (item) items.set(key, { ...item, key, category });
      }
    }
    rows.push({
      row: i + 1, values, errors, itemKey: key, quantity: quantity ?? '0', batchNo,
      productionDate: production && production !== 'invalid' ? production : null,
      expiryDate: expiry && expiry !== 'invalid' ? expiry : null, restock: false, notice: null,
    });
  });
  const seen = new Set<string>();
  for (const row of rows) finishRow(row, items.get(row.itemKey), !seen.has(row.itemKey) && !!seen.add(row.itemKey), restockSource);
  return { rows, items, newCategories: [...newCategories], errorCount: rows.filter((r) => r.errors.length).length, skipped, restockSource: restockSource && { id: restockSource.id, name: restockSource.name } };
}

type Cells = { code: string; name: string; spec: string; unit: string; quantity: string | null; hasBatch: boolean };

/** A new item's settings from its first row, checked by the items.create schema; null (with the reasons in `errors`) when they fail. */
function newItem(r: CellValue[], get: (r: CellValue[], f: ImportField) => CellValue, c: Cells, errors: string[]): Omit<PlannedItem, 'key' | 'category'> | null {
  const bad = (f: ImportField, hint: string) => errors.push(`${FIELD_LABELS[f]}“${text(get(r, f))}”${hint}`);
  const pack = parsePack(get(r, 'pack'), c.unit);
  if (pack === 'invalid') bad('pack', `应写作“盒=50${c.unit || '只'};箱=40盒”的样式,每个单位换算为${c.unit || '计量单位'}或前面的单位`);
  const decimalsCell = get(r, 'decimals');
  const decimalsText = decimalsCell === null ? null : parseDecimal(decimalsCell, 0);
  if (decimalsCell !== null && decimalsText === null) bad('decimals', '应为 0 到 3 的整数');
  const priceCell = get(r, 'unitPrice');
  const price = priceCell === null ? '0' : parseDecimal(priceCell, 2);
  if (price === null) bad('unitPrice', '不是有效金额');
  const minCell = get(r, 'minStock');
  const minStock = minCell === null ? '0' : parseDecimal(minCell, 3);
  if (minStock === null) bad('minStock', '不是有效数量');
  const flags = { tracksBatches: parseYesNo(get(r, 'tracksBatches'), YES, NO), durable: parseYesNo(get(r, 'durable'), YES, NO), active: parseYesNo(get(r, 'active'), ['在用', '启用', ...YES], ['停用', ...NO]) };
  for (const f of ['tracksBatches', 'durable', 'active'] as const) if (flags[f] === 'invalid') bad(f, f === 'active' ? '应填 在用 或 停用' : '应填 是 或 否');
  const inferred = Math.max(...[c.quantity, minStock, ...(pack && pack !== 'invalid' ? pack.map((p) => p.factor) : [])].map((q) => (q ? decimalsOf(q) : 0)));
  const checked = checkNewItem({
    ...(c.code ? { code: c.code } : {}), name: c.name, spec: c.spec, unit: c.unit,
    ...(pack && pack !== 'invalid' ? { units: pack } : {}),
    decimals: decimalsText === null ? inferred : Number(decimalsText),
    minStock: minStock ?? '0', unitPrice: Math.round(Number(price ?? 0) * 100),
    tracksBatches: typeof flags.tracksBatches === 'boolean' ? flags.tracksBatches : c.hasBatch,
    durable: flags.durable === true, active: flags.active !== false,
  });
  errors.push(...checked.errors);
  if (!checked.item || errors.length) return null;
  return {
    existingId: null, name: c.name, unit: c.unit, decimals: checked.item.decimals ?? 0, tracksBatches: !!checked.item.tracksBatches,
    input: checked.item, explicitDecimals: decimalsText !== null, movedStock: null,
  };
}

/** Checks that need the item as all its rows left it, and says what a row of goods already moved will do. */
function finishRow(row: PlannedRow, item: PlannedItem | undefined, firstRow: boolean, source: ImportPlan['restockSource']): void {
  if (!item) return;
  if (item.input && firstRow) {
    // The first row of a new item carries its settings; they are checked at the decimals all its rows need.
    item.input = { ...item.input, decimals: item.decimals, tracksBatches: item.tracksBatches };
    try {
      parseQuantity(item.input.minStock!, item.decimals, FIELD_LABELS.minStock);
      if (item.input.units) scalePacks(item.input.units, item.unit, item.decimals);
    } catch (e) {
      row.errors.push((e as Error).message);
    }
  }
  if (row.quantity === '0') return;
  try {
    parseQuantity(row.quantity, item.decimals, item.name || '数量');
  } catch (e) {
    row.errors.push((e as Error).message);
  }
  if (item.tracksBatches && !row.batchNo && row.errors.length === 0) {
    row.errors.push(`${item.name} 按批次管理,请填写批号`);
  }
  if (item.movedStock !== null && row.errors.length === 0) {
    row.restock = true;
    row.notice = restockNotice(item, item.movedStock, row.quantity, source?.name ?? null);
  }
}
