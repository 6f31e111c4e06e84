import { officeStoreName } from '../reference/stores';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { listStock } from '../queries/stock';
import { formatQuantity } from '../quantity';
import { flag, id } from '../reference/common';
import { readSettings } from '../reference/settings';
import { first, qb } from '../sql';
import { localDateTime } from '../time';
import { sheetPageHtml, type SheetColumn, type SheetRow } from './sheet-pages';

export const countSheetInput = z.strictObject({
  storeId: id.optional(),
  categoryId: id.optional(),
  /** 盲盘: the counters are not shown what the book says, so they count what is there. */
  blind: flag.optional(),
  autoPrint: flag.optional(),
}).optional();

/** Ruled blank rows at the end, for goods found on the shelves that the book does not know. */
const EXTRA_ROWS = 3;

const BOOK_COLUMNS: SheetColumn[] = [
  { header: '序号', width: 5, align: 'c' }, { header: '物资编码', width: 9 }, { header: '物资名称', width: 16 },
  { header: '规格型号', width: 13 }, { header: '单位', width: 6, align: 'c' }, { header: '批号', width: 12 },
  { header: '有效期', width: 11, align: 'c' }, { header: '账面数量', width: 9, align: 'r' }, { header: '实盘数量', width: 10, align: 'r' },
  { header: '备注', width: 9 },
];
const BLIND_COLUMNS: SheetColumn[] = [
  { header: '序号', width: 5, align: 'c' }, { header: '物资编码', width: 9 }, { header: '物资名称', width: 18 },
  { header: '规格型号', width: 15 }, { header: '单位', width: 6, align: 'c' }, { header: '批号', width: 12 },
  { header: '有效期', width: 11, align: 'c' }, { header: '实盘数量', width: 12, align: 'r' }, { header: '备注', width: 12 },
];

function nameOf(db: Database, table: 'stores' | 'categories', rowId: number | undefined, all: string): string {
  if (rowId === undefined && table === 'stores') return officeStoreName(db) ?? all;
  if (rowId === undefined) return all;
  return first(db, qb.selectFrom(table).select('name').where('id', '=', rowId))?.name ?? '';
}

/**
 * 盘点表: every active item by category (each batch on hand on its own row, an item with nothing on
 * hand on one row), 实盘数量 left blank to be written in, 盘点人 / 监盘人 / 日期 on every page. With
 * `blind`, no book quantity is printed anywhere.
 */
export function countSheetHtml(db: Database, input: z.infer<typeof countSheetInput>, now: Date, printedBy: string): string {
  const blind = input?.blind === true;
  const settings = readSettings(db);
  const stock = listStock(db, now, { ...(input?.storeId ? { storeId: input.storeId } : {}), ...(input?.categoryId ? { categoryId: input.categoryId } : {}) });
  const columns = blind ? BLIND_COLUMNS : BOOK_COLUMNS;
  const rows: SheetRow[] = [];
  /** The category of each row, for the 续 heading of a page that starts inside one. */
  const categoryAt: string[] = [];
  let category: string | null = null;
  let no = 0;
  const push = (row: SheetRow) => (rows.push(row), categoryAt.push(category ?? ''));
  for (const s of stock) {
    if (s.categoryName !== category) {
      category = s.categoryName;
      push({ cells: [`类别:${category}(${stock.filter((x) => x.categoryName === category).length} 种)`], kind: 'band' });
    }
    const lots = s.batches.length ? s.batches : [{ batchNo: '', expiryDate: null, quantity: 0 }];
    for (const b of lots) {
      const book = formatQuantity(Math.round(b.quantity * 10 ** s.decimals), s.decimals);
      no += 1;
      push({ cells: [String(no), s.code, s.name, s.spec, s.unit, b.batchNo, b.expiryDate ?? '', ...(blind ? [] : [book]), '', ''] });
    }
  }
  category = null;
  push({ cells: ['账外物资(账上没有、盘点时发现的物资,请逐项填写)'], kind: 'band' });
  for (let i = 0; i < EXTRA_ROWS; i++) push({ cells: columns.map(() => '') });

  const at = localDateTime(now, settings.timeZone);
  const title = `${settings.officeName}物资盘点表${blind ? '(盲盘)' : ''}`;
  return sheetPageHtml({
    name: title,
    title,
    meta: [
      [`盘点库房:${nameOf(db, 'stores', input?.storeId, '全部库房')}`, `类别:${nameOf(db, 'categories', input?.categoryId, '全部')}`,
        blind ? '盲盘:按实物清点填写' : `账面数量截至:${at}`],
      ['盘点日期:\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日', '数量按计量单位填写'],
    ],
    columns,
    rows,
    carry: (last, next) => (rows[next].kind === 'band' || !categoryAt[last] ? {} : { top: { cells: [`类别:${categoryAt[last]}(续)`], kind: 'band' } }),
    signs: ['盘点人', '监盘人', '日期'],
    printed: `打印:${printedBy} ${at}`,
    autoPrint: input?.autoPrint === true,
  });
}
