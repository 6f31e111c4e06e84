import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { change, flag, id, name, text } from '../reference/common';
import { all, first, qb, run } from '../sql';
import { groupedFingerprint, plainFingerprint } from './fingerprint';

/*
 * 下级单位: the units whose packages this office merges. A unit is known by its code and by the
 * fingerprint of its key, which its administrator reads out once (设置 › 单位信息); a package signed
 * by any other key is refused, whoever it claims to be.
 */

export interface SubUnit {
  id: number;
  code: string;
  name: string;
  /** "3F2A 91C0 …" as the unit's settings show it. */
  fingerprint: string;
  contact: string;
  phone: string;
  active: boolean;
}

const code = z.string().trim().regex(/^(\d{12}|[0-9A-HJ-NPQRTUWXY]{18})$/, '区划代码应为 12 位数字(或 18 位统一社会信用代码)');
/** Typed as read out: spaces, lower case and full-width digits allowed; 32 hex digits. */
const fingerprint = z.string().max(80).transform(plainFingerprint).refine((f) => /^[0-9A-F]{32}$/.test(f), '密钥指纹应为 32 位(8 组 4 位)十六进制字符,请按对方“设置 › 单位信息”所示核对');

export const subUnitCreateInput = z.strictObject({
  code, name: name(60), fingerprint, contact: text(30).default(''), phone: text(30).default(''),
});
export const subUnitUpdateInput = change(z.strictObject({
  id, name: name(60).optional(), fingerprint: fingerprint.optional(), contact: text(30).optional(), phone: text(30).optional(), active: flag.optional(),
}));

type Row = { id: number; code: string; name: string; fingerprint: string; contact: string; phone: string; active: 0 | 1 };
const view = (r: Row): SubUnit => ({ ...r, fingerprint: groupedFingerprint(r.fingerprint), active: r.active === 1 });

export function listSubUnits(db: Database): SubUnit[] {
  return all(db, qb.selectFrom('sub_units').select(['id', 'code', 'name', 'fingerprint', 'contact', 'phone', 'active']).orderBy('code')).map(view);
}

export function subUnitByCode(db: Database, unitCode: string): (SubUnit & { plainFingerprint: string }) | undefined {
  const row = first(db, qb.selectFrom('sub_units').select(['id', 'code', 'name', 'fingerprint', 'contact', 'phone', 'active']).where('code', '=', unitCode));
  return row && { ...view(row), plainFingerprint: row.fingerprint };
}

/** Why a file signed with the key of `fingerprint` is not the registered unit's, or null when it is. */
export function keyMismatch(unit: { name: string; plainFingerprint: string }, fingerprint: string, what: string): string | null {
  return plainFingerprint(fingerprint) === unit.plainFingerprint ? null
    : `签名密钥不符:${what}的密钥指纹是 ${fingerprint},“${unit.name}”登记的是 ${groupedFingerprint(unit.plainFingerprint)}。请与该单位电话核对指纹。`;
}

export function createSubUnit(tx: Tx, input: z.infer<typeof subUnitCreateInput>): SubUnit {
  const had = subUnitByCode(tx.db, input.code);
  if (had) fail('DUPLICATE', `区划代码 ${input.code} 已登记为“${had.name}”。`);
  const { id: newId } = run(tx.db, qb.insertInto('sub_units').values({ ...input, active: 1, created_at: tx.clock.now().toISOString() }));
  return listSubUnits(tx.db).find((u) => u.id === newId)!;
}

export function updateSubUnit(tx: Tx, input: z.infer<typeof subUnitUpdateInput>): SubUnit {
  const { id: unitId, active, ...rest } = input;
  const had = first(tx.db, qb.selectFrom('sub_units').select('id').where('id', '=', unitId));
  if (!had) fail('NOT_FOUND', `下级单位 ${unitId} 不存在。`);
  run(tx.db, qb.updateTable('sub_units').set({ ...rest, ...(active === undefined ? {} : { active: active ? 1 : 0 }) }).where('id', '=', unitId));
  return listSubUnits(tx.db).find((u) => u.id === unitId)!;
}
