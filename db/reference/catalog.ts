import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { pinyinKeys } from '../pinyin';
import type { SourceType } from '../schema';
import { searchAll } from '../search';
import { all, first, qb, run } from '../sql';
import { bool, change, flag, flagOf, id, name, requireRow, text } from './common';

// SQL written by hand on a measured hot path: the default store, inside the posting's one read (post_slip_ms); figures in docs/performance.md.

/* Categories, stores, sources and users: the short reference lists. */

export const categoryCreateInput = z.strictObject({ name: name(20), sort: z.number().int().min(0).max(1e6).optional() });
export const categoryUpdateInput = change(z.strictObject({ id, name: name(20).optional(), sort: z.number().int().min(0).max(1e6).optional(), active: flag.optional() }));

export function listCategories(db: Database) {
  return all(db, qb.selectFrom('categories').selectAll().orderBy('sort').orderBy('id')).map((r) => ({
    id: r.id,
    name: r.name,
    sort: r.sort,
    active: bool(r.active),
  }));
}

export function createCategory(tx: Tx, input: z.infer<typeof categoryCreateInput>) {
  unique(tx.db, 'categories', input.name, '类别');
  const max = first(tx.db, qb.selectFrom('categories').select((eb) => eb.fn.max('sort').as('m'))) as { m: number | null };
  const { id: newId } = run(tx.db, qb.insertInto('categories').values({ name: input.name, sort: input.sort ?? (max.m ?? 0) + 10 }));
  return listCategories(tx.db).find((c) => c.id === newId)!;
}

export function updateCategory(tx: Tx, input: z.infer<typeof categoryUpdateInput>) {
  requireRow(tx.db, 'categories', input.id);
  if (input.name) unique(tx.db, 'categories', input.name, '类别', input.id);
  run(
    tx.db,
    qb
      .updateTable('categories')
      .set({
        ...(input.name ? { name: input.name } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        ...(input.active !== undefined ? { active: flagOf(input.active) } : {}),
      })
      .where('id', '=', input.id),
  );
  return listCategories(tx.db).find((c) => c.id === input.id)!;
}

/** The store a document goes to when it names none: the default one in use, else the first in use. */
export const DEFAULT_STORE_SQL = 'SELECT id FROM stores WHERE active = 1 ORDER BY is_default DESC, id LIMIT 1';

export const SOURCE_TYPES = ['allocation', 'purchase', 'donation', 'other'] as const satisfies readonly SourceType[];
export const sourceCreateInput = z.strictObject({ name: name(60), type: z.enum(SOURCE_TYPES) });
export const sourceListInput = z.strictObject({ q: text(60).optional(), includeInactive: flag.optional() }).optional();

export function listSources(db: Database, input: z.infer<typeof sourceListInput> = {}) {
  let q = qb.selectFrom('sources').selectAll().orderBy('id');
  if (!input?.includeInactive) q = q.where('active', '=', 1);
  return searchAll(input?.q, all(db, q)).map((r) => ({ id: r.id, name: r.name, type: r.type, active: bool(r.active) }));
}

export function createSource(tx: Tx, input: z.infer<typeof sourceCreateInput>) {
  unique(tx.db, 'sources', input.name, '来源');
  const { id: newId } = run(tx.db, qb.insertInto('sources').values({ name: input.name, type: input.type, ...pinyinKeys(input.name) }));
  return listSources(tx.db, { includeInactive: true }).find((s) => s.id === newId)!;
}

export const sourceUpdateInput = change(z.strictObject({ id, name: name(60).optional(), type: z.enum(SOURCE_TYPES).optional(), active: flag.optional() }));

export function updateSource(tx: Tx, input: z.infer<typeof sourceUpdateInput>) {
  const current = requireRow<{ name: string }>(tx.db, 'sources', input.id);
  if (input.name) unique(tx.db, 'sources', input.name, '来源', input.id);
  const newName = input.name ?? current.name;
  run(
    tx.db,
    qb
      .updateTable('sources')
      .set({
        name: newName,
        ...(input.type ? { type: input.type } : {}),
        ...(input.active !== undefined ? { active: flagOf(input.active) } : {}),
        ...pinyinKeys(newName),
      })
      .where('id', '=', input.id),
  );
  return listSources(tx.db, { includeInactive: true }).find((s) => s.id === input.id)!;
}

/** The built-in local operator (no password, cannot log in): the in-process identity of the demo, tests and bench. */
export function localOperatorId(db: Database): number {
  const row = first(db, qb.selectFrom('users').select('id').where('username', '=', 'local'));
  if (!row) fail('NOT_FOUND', '本机操作员账户不存在。');
  return row.id;
}

/** Refuses a name already taken in a table whose names are unique. */
export function unique(db: Database, table: 'categories' | 'sources' | 'checkpoints', value: string, label: string, exceptId?: number) {
  const row = first(db, qb.selectFrom(table).select('id').where('name', '=', value));
  if (row && row.id !== exceptId) fail('DUPLICATE', `${label}“${value}”已存在。`);
}
