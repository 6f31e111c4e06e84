import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { pinyinKeys } from '../pinyin';
import { searchAll } from '../search';
import { all, qb, run } from '../sql';
import { unique } from './catalog';
import { bool, change, flag, flagOf, id, name, requireRow, text } from './common';

/* Checkpoints (where goods go) and pickup persons (who signs for them). */

export const CHECKPOINT_TYPES = ['核酸采样点', '监测点', '卡口', '隔离点', '社区', '小区', '养老机构', '其他'] as const;

export const checkpointCreateInput = z.strictObject({
  name: name(60),
  type: z.enum(CHECKPOINT_TYPES),
  parentId: id.nullable().optional(),
});
export const checkpointUpdateInput = change(z.strictObject({
  id,
  name: name(60).optional(),
  type: z.enum(CHECKPOINT_TYPES).optional(),
  parentId: id.nullable().optional(),
  active: flag.optional(),
}));
export const listInput = z.strictObject({ q: text(60).optional(), includeInactive: flag.optional() }).optional();

export interface CheckpointView {
  id: number;
  name: string;
  type: string;
  parentId: number | null;
  parentName: string | null;
  active: boolean;
}

export function listCheckpoints(db: Database, input: z.infer<typeof listInput> = {}): CheckpointView[] {
  let q = qb
    .selectFrom('checkpoints as c')
    .leftJoin('checkpoints as p', 'p.id', 'c.parent_id')
    .selectAll('c')
    .select('p.name as parent_name')
    .orderBy('c.id');
  if (!input?.includeInactive) q = q.where('c.active', '=', 1);
  return searchAll(input?.q, all(db, q)).map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    parentId: r.parent_id,
    parentName: r.parent_name,
    active: bool(r.active),
  }));
}

export function createCheckpoint(tx: Tx, input: z.infer<typeof checkpointCreateInput>): CheckpointView {
  unique(tx.db, 'checkpoints', input.name, '点位');
  if (input.parentId) requireRow(tx.db, 'checkpoints', input.parentId, true);
  const { id: newId } = run(
    tx.db,
    qb.insertInto('checkpoints').values({ name: input.name, type: input.type, parent_id: input.parentId ?? null, ...pinyinKeys(input.name) }),
  );
  return checkpointById(tx.db, newId);
}

export function updateCheckpoint(tx: Tx, input: z.infer<typeof checkpointUpdateInput>): CheckpointView {
  const current = requireRow<{ name: string; parent_id: number | null }>(tx.db, 'checkpoints', input.id);
  if (input.name) unique(tx.db, 'checkpoints', input.name, '点位', input.id);
  if (input.parentId) {
    requireRow(tx.db, 'checkpoints', input.parentId, true);
    if (createsCycle(tx.db, input.id, input.parentId)) fail('INVALID_INPUT', '上级点位不能是它自己或它的下级。');
  }
  const newName = input.name ?? current.name;
  run(
    tx.db,
    qb
      .updateTable('checkpoints')
      .set({
        name: newName,
        ...(input.type ? { type: input.type } : {}),
        ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
        ...(input.active !== undefined ? { active: flagOf(input.active) } : {}),
        ...pinyinKeys(newName),
      })
      .where('id', '=', input.id),
  );
  return checkpointById(tx.db, input.id);
}

function checkpointById(db: Database, checkpointId: number): CheckpointView {
  return listCheckpoints(db, { includeInactive: true }).find((c) => c.id === checkpointId)!;
}

function createsCycle(db: Database, selfId: number, parentId: number): boolean {
  const parents = new Map(all(db, qb.selectFrom('checkpoints').select(['id', 'parent_id'])).map((r) => [r.id, r.parent_id]));
  for (let at: number | null | undefined = parentId; at; at = parents.get(at)) {
    if (at === selfId) return true;
  }
  return false;
}

const phone = text(20).refine((s) => s === '' || /^[0-9+\- ]{5,20}$/.test(s), '电话号码格式不正确');
export const personCreateInput = z.strictObject({ name: name(30), phone: phone.optional(), checkpointId: id.nullable().optional() });
export const personUpdateInput = change(z.strictObject({
  id,
  name: name(30).optional(),
  phone: phone.optional(),
  checkpointId: id.nullable().optional(),
  active: flag.optional(),
}));
export const personListInput = z
  .strictObject({ q: text(60).optional(), checkpointId: id.optional(), includeInactive: flag.optional() })
  .optional();

export interface PersonView {
  id: number;
  name: string;
  phone: string;
  checkpointId: number | null;
  checkpointName: string | null;
  active: boolean;
}

/** People of the given checkpoint come first, then everyone else (the slip screen's order). */
export function listPeople(db: Database, input: z.infer<typeof personListInput> = {}): PersonView[] {
  let q = qb
    .selectFrom('people')
    .leftJoin('checkpoints', 'checkpoints.id', 'people.checkpoint_id')
    .selectAll('people')
    .select('checkpoints.name as checkpoint_name')
    .orderBy('people.id');
  if (!input?.includeInactive) q = q.where('people.active', '=', 1);
  const rows = searchAll(input?.q, all(db, q));
  const at = input?.checkpointId;
  const ordered = at ? [...rows.filter((r) => r.checkpoint_id === at), ...rows.filter((r) => r.checkpoint_id !== at)] : rows;
  return ordered.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.phone,
    checkpointId: r.checkpoint_id,
    checkpointName: r.checkpoint_name,
    active: bool(r.active),
  }));
}

export function createPerson(tx: Tx, input: z.infer<typeof personCreateInput>): PersonView {
  if (input.checkpointId) requireRow(tx.db, 'checkpoints', input.checkpointId, true);
  const { id: newId } = run(
    tx.db,
    qb.insertInto('people').values({
      name: input.name,
      phone: input.phone ?? '',
      checkpoint_id: input.checkpointId ?? null,
      ...pinyinKeys(input.name),
    }),
  );
  return personById(tx.db, newId);
}

export function updatePerson(tx: Tx, input: z.infer<typeof personUpdateInput>): PersonView {
  const current = requireRow<{ name: string }>(tx.db, 'people', input.id);
  if (input.checkpointId) requireRow(tx.db, 'checkpoints', input.checkpointId, true);
  const newName = input.name ?? current.name;
  run(
    tx.db,
    qb
      .updateTable('people')
      .set({
        name: newName,
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.checkpointId !== undefined ? { checkpoint_id: input.checkpointId } : {}),
        ...(input.active !== undefined ? { active: flagOf(input.active) } : {}),
        ...pinyinKeys(newName),
      })
      .where('id', '=', input.id),
  );
  return personById(tx.db, input.id);
}

function personById(db: Database, personId: number): PersonView {
  return listPeople(db, { includeInactive: true }).find((p) => p.id === personId)!;
}
