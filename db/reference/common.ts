import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import { prepare, qb, sqlOf } from '../sql';

/** Half of a UTF-16 pair without its other half: SQLite would store it as invalid UTF-8. */
export const LONE_SURROGATE = /\p{Surrogate}/u;
export const LONE_SURROGATE_MESSAGE = '文字中含有无法保存的字符(不成对的代理项),请重新输入';

/** Text fields: trimmed, bounded, no control characters (half characters are refused for every field by callApi). */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.trim())
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), '不能包含控制字符');

/** An update's input: refused when it names only the row, as an empty change would be no change at all. */
export const change = <S extends z.ZodObject>(schema: S) =>
  schema.refine((o: Record<string, unknown>) => Object.entries(o).some(([k, v]) => k !== 'id' && v !== undefined), '没有要修改的内容。');
export const name = (max = 60) => text(max).refine((s) => s.length > 0, '不能为空');
export const id = z.number().int().positive().max(2 ** 31);
/** Quantities are written as decimal strings or numbers in the item's base unit. */
export const quantity = z.union([z.string().max(40), z.number()]);
export const fen = z.number().int().min(0).max(1e12);
export const flag = z.boolean();
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine(validDate, '日期无效');
/** ISO 8601 with an offset or Z: "2026-11-28T14:30:00+08:00". */
export const instant = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/, '时间须为带时区的 ISO 8601 格式')
  .refine((s) => !Number.isNaN(Date.parse(s)), '时间无效');

function validDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

type RefTable = 'items' | 'categories' | 'stores' | 'sources' | 'checkpoints' | 'people' | 'users' | 'documents';

const LABELS: Record<RefTable, string> = {
  items: '物资',
  categories: '类别',
  stores: '库房',
  sources: '来源',
  checkpoints: '点位',
  people: '领取人',
  users: '用户',
  documents: '单据',
};

// Built once per table: a void checks its operator here (void_ms in docs/performance.md).
const ROW_BY_ID = new Map<RefTable, string>();

/** The row with this id, or NOT_FOUND; with `mustBeActive`, INACTIVE for a deactivated one. */
export function requireRow<T>(db: Database, table: RefTable, rowId: number, mustBeActive = false): T {
  let byId = ROW_BY_ID.get(table);
  if (!byId) ROW_BY_ID.set(table, (byId = sqlOf(qb.selectFrom(table).selectAll().where('id', '=', 0))));
  const row = prepare(db, byId).get(rowId) as T | undefined;
  return checkRow(table, rowId, row, mustBeActive);
}

/** NOT_FOUND for a missing row; with `mustBeActive`, INACTIVE for a deactivated one. */
export function checkRow<T>(table: RefTable, rowId: number, row: T | undefined, mustBeActive: boolean): T {
  if (!row) fail('NOT_FOUND', `${LABELS[table]}(编号 ${rowId})不存在。`);
  if (mustBeActive && (row as { active?: number }).active === 0) {
    const label = (row as { name?: string }).name ?? String(rowId);
    fail('INACTIVE', `${LABELS[table]}“${label}”已停用。`);
  }
  return row;
}

export const bool = (v: number) => v === 1;
export const flagOf = (v: boolean | undefined, fallback: 0 | 1 = 0): 0 | 1 => (v === undefined ? fallback : v ? 1 : 0);
