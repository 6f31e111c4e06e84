import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { fail } from '../errors';
import type { Tx } from '../open';
import { pinyinKeys } from '../pinyin';
import { all, first, qb, run } from '../sql';
import { fen, id, instant, isoDate, name, text } from '../reference/common';
import { readSettings } from '../reference/settings';
import type { RoundsTable } from '../schema-rounds';
import { compactDate, localDateTime } from '../time';
import { certificateProblems, getSupplier } from './suppliers';
import { yuan } from '../print/money';
import { anonymiseOnOpening } from './privacy';

/* 采购批次: one supplier's price list for some compounds on one day, with a cut-off for orders. */

/** A line of a round's price list, as rounds.create takes it (and the supplier's sheet is checked with). */
export const roundGoodsInput = z.strictObject({
  name: name(40),
  spec: text(40).optional(),
  unit: name(8),
  /** 分. */
  price: fen,
  /** A 套餐's contents ("白菜 1 棵、土豆 2 斤"); absent for a single good. */
  contents: text(200).optional(),
  perHousehold: z.number().int().min(1).max(9999).optional(),
});

export const roundCreateInput = z.strictObject({
  supplierId: id,
  day: isoDate,
  cutoff: instant,
  compounds: z.array(name(40)).min(1).max(50).refine((l) => new Set(l).size === l.length, '小区不能重复'),
  householdLimit: fen.refine((v) => v > 0, '每户限额须大于 0').optional(),
  note: text(200).optional(),
  goods: z.array(roundGoodsInput).min(1).max(500).refine(
    (l) => new Set(l.map((g) => `${g.name}\u0000${g.spec ?? ''}\u0000${g.unit}`)).size === l.length, '价目表中有重复的商品(名称、规格、单位都相同)'),
  /** The person saw the supplier's certificate problems and opens the round anyway. */
  certificatesChecked: z.boolean().optional(),
});
export const roundUpdateInput = z.strictObject({
  id,
  cutoff: instant.optional(),
  householdLimit: fen.refine((v) => v > 0, '每户限额须大于 0').nullable().optional(),
  note: text(200).optional(),
  /** The whole price list: a line with an id is changed, one without is added, one left out is removed (if nobody ordered it). */
  goods: z.array(roundGoodsInput.extend({ id: id.optional() })).min(1).max(500).refine(
    (l) => new Set(l.map((g) => `${g.name}\u0000${g.spec ?? ''}\u0000${g.unit}`)).size === l.length, '价目表中有重复的商品(名称、规格、单位都相同)').optional(),
}).refine((o) => Object.entries(o).some(([k, v]) => k !== 'id' && v !== undefined), '没有要修改的内容。');
export const roundListInput = z.strictObject({ day: isoDate.optional(), state: z.enum(['open', 'closed']).optional() }).optional();

export interface RoundGoodsView {
  id: number;
  name: string;
  spec: string;
  unit: string;
  price: number;
  contents: string;
  perHousehold: number | null;
  /** For the order screen's search by pinyin. */
  pinyin: string;
  initials: string;
  /** What arrived at the gate (null before the hand-over). */
  delivered: number | null;
  /** A substitute brought at the gate instead of this good (its id). */
  replacesId: number | null;
}

export interface RoundView {
  id: number;
  number: string;
  kind: 'purchase' | 'free';
  supplierId: number | null;
  supplierName: string;
  day: string;
  cutoffAt: string;
  householdLimit: number | null;
  state: 'open' | 'closed';
  note: string;
  compounds: string[];
  goods: RoundGoodsView[];
  orders: number;
  /** A free distribution's checkpoint and pickup person, and the issue slip it posted (null for a purchase round). */
  checkpointId: number | null;
  checkpointName: string | null;
  personId: number | null;
  personName: string | null;
  documentId: number | null;
  documentNumber: string | null;
}

export type RoundRow = Selectable<RoundsTable>;

export function getRoundRow(db: Database, roundId: number): RoundRow {
  const row = first(db, qb.selectFrom('rounds').selectAll().where('id', '=', roundId));
  if (!row) fail('NOT_FOUND', `采购批次(编号 ${roundId})不存在。`);
  return row;
}

export function roundGoods(db: Database, roundId: number): RoundGoodsView[] {
  return all(db, qb.selectFrom('round_goods').selectAll().where('round_id', '=', roundId).orderBy('id')).map((g) => ({
    id: g.id, name: g.name, spec: g.spec, unit: g.unit, price: g.price, contents: g.contents, perHousehold: g.per_household,
    pinyin: g.pinyin, initials: g.initials, delivered: g.delivered, replacesId: g.replaces_id,
  }));
}

export function compoundsOf(db: Database, roundId: number): string[] {
  return all(db, qb.selectFrom('round_compounds').select('compound').where('round_id', '=', roundId).orderBy('compound')).map((r) => r.compound);
}

export function getRound(db: Database, roundId: number): RoundView {
  return viewOf(db, getRoundRow(db, roundId));
}

export function listRounds(db: Database, input: z.infer<typeof roundListInput> = {}): RoundView[] {
  let q = qb.selectFrom('rounds').selectAll().orderBy('day', 'desc').orderBy('id', 'desc');
  if (input?.day) q = q.where('day', '=', input.day);
  if (input?.state) q = q.where('state', '=', input.state);
  return all(db, q).map((r) => viewOf(db, r));
}

function viewOf(db: Database, r: RoundRow): RoundView {
  const orders = first(db, qb.selectFrom('orders').select((e) => e.fn.countAll<number>().as('n')).where('round_id', '=', r.id))?.n ?? 0;
  return {
    id: r.id, number: r.number, kind: r.kind, supplierId: r.supplier_id, supplierName: r.supplier_id ? getSupplier(db, r.supplier_id).name : '',
    day: r.day, cutoffAt: r.cutoff_at, householdLimit: r.household_limit, state: r.state, note: r.note,
    compounds: compoundsOf(db, r.id), goods: roundGoods(db, r.id), orders: Number(orders),
    checkpointId: r.checkpoint_id, checkpointName: r.checkpoint_id ? first(db, qb.selectFrom('checkpoints').select('name').where('id', '=', r.checkpoint_id))?.name ?? null : null,
    personId: r.person_id, personName: r.person_id ? first(db, qb.selectFrom('people').select('name').where('id', '=', r.person_id))?.name ?? null : null,
    documentId: r.document_id, documentNumber: r.document_id ? first(db, qb.selectFrom('documents').select('number').where('id', '=', r.document_id))?.number ?? null : null,
  };
}

export function createRound(tx: Tx, input: z.infer<typeof roundCreateInput>, userId: number): RoundView {
  const supplier = getSupplier(tx.db, input.supplierId);
  if (!supplier.active) fail('INACTIVE', `供货单位“${supplier.name}”已停用。`);
  const problems = certificateProblems(supplier, input.day);
  if (problems.length && !input.certificatesChecked) {
    fail('CERTIFICATE_PROBLEM', `${supplier.name}:${problems.join(';')}。请核实证照后再开批次(仍要开,请确认)。`);
  }
  const known = new Set(all(tx.db, qb.selectFrom('households').select('compound').distinct().where('active', '=', 1)).map((r) => r.compound));
  const unknown = input.compounds.filter((c) => !known.has(c));
  if (unknown.length) fail('NOT_FOUND', `小区“${unknown.join('”“')}”还没有住户,请先登记或导入住户。`);
  // Opening a round is the day's natural moment to let go of old rounds' households.
  anonymiseOnOpening(tx, userId);
  const now = tx.clock.now();
  const cutoff = new Date(input.cutoff);
  if (cutoff.getTime() <= now.getTime()) fail('INVALID_INPUT', `截单时间 ${localDateTime(cutoff, readSettings(tx.db).timeZone)} 已过,请填写之后的时间。`);
  const { id: roundId } = run(tx.db, qb.insertInto('rounds').values({
    number: nextRoundNumber(tx.db, input.day), kind: 'purchase', supplier_id: supplier.id, day: input.day,
    cutoff_at: cutoff.toISOString(), household_limit: input.householdLimit ?? null, state: 'open', note: input.note ?? '',
    created_by: userId, created_at: now.toISOString(),
  }));
  for (const compound of input.compounds) run(tx.db, qb.insertInto('round_compounds').values({ round_id: roundId, compound }));
  for (const g of input.goods) {
    const keys = pinyinKeys(g.name);
    run(tx.db, qb.insertInto('round_goods').values({
      round_id: roundId, name: g.name, spec: g.spec ?? '', unit: g.unit, price: g.price, contents: g.contents ?? '',
      per_household: g.perHousehold ?? null, pinyin: keys.pinyin, initials: keys.initials,
    }));
  }
  return getRound(tx.db, roundId);
}

/** DG20261203-01: the office day and its sequence (rounds are never deleted, so a number is never reused). */
export function nextRoundNumber(db: Database, day: string): string {
  const seq = Number(first(db, qb.selectFrom('rounds').select((e) => e.fn.countAll<number>().as('n')).where('day', '=', day))?.n ?? 0) + 1;
  return `DG${compactDate(day)}-${String(seq).padStart(2, '0')}`;
}

/** A typo in the price list or a cut-off moved, while the round is open. */
export function updateRound(tx: Tx, input: z.infer<typeof roundUpdateInput>): RoundView {
  const r = getRoundRow(tx.db, input.id);
  mustBeOpen(r);
  const set = {
    ...(input.cutoff ? { cutoff_at: new Date(input.cutoff).toISOString() } : {}),
    ...(input.householdLimit !== undefined ? { household_limit: input.householdLimit } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
  };
  if (Object.keys(set).length) run(tx.db, qb.updateTable('rounds').set(set).where('id', '=', r.id));
  if (input.goods) {
    const before = roundGoods(tx.db, r.id);
    const kept = new Set(input.goods.map((g) => g.id).filter((x): x is number => x !== undefined));
    const foreign = [...kept].filter((g) => !before.some((b) => b.id === g));
    if (foreign.length) fail('INVALID_INPUT', `商品(编号 ${foreign.join('、')})不在采购批次 ${r.number} 的价目表中。`);
    for (const g of before.filter((b) => !kept.has(b.id))) {
      const n = Number(first(tx.db, qb.selectFrom('order_lines').select((e) => e.fn.countAll<number>().as('n')).where('goods_id', '=', g.id))?.n ?? 0);
      if (n > 0) fail('INVALID_INPUT', `${g.name} 已有 ${n} 户订购,不能从价目表中删除(可改价格或规格)。`);
      run(tx.db, qb.deleteFrom('round_goods').where('id', '=', g.id));
    }
    for (const g of input.goods) {
      const keys = pinyinKeys(g.name);
      const values = { name: g.name, spec: g.spec ?? '', unit: g.unit, price: g.price, contents: g.contents ?? '', per_household: g.perHousehold ?? null, pinyin: keys.pinyin, initials: keys.initials };
      if (g.id) run(tx.db, qb.updateTable('round_goods').set(values).where('id', '=', g.id));
      else run(tx.db, qb.insertInto('round_goods').values({ ...values, round_id: r.id }));
    }
  }
  return getRound(tx.db, r.id);
}

/** 结单: the purchase order is final; orders can no longer change. A round nobody ordered from is ended the same way. */
export function closeRound(tx: Tx, roundId: number): RoundView {
  const r = getRoundRow(tx.db, roundId);
  if (r.state === 'closed') fail('ROUND_CLOSED', `采购批次 ${r.number} 已结单。`);
  run(tx.db, qb.updateTable('rounds').set({ state: 'closed' }).where('id', '=', r.id));
  return getRound(tx.db, r.id);
}

/** An open round's refusal of any change once it is closed. */
export function mustBeOpen(r: RoundRow): void {
  if (r.state === 'closed') fail('ROUND_CLOSED', `采购批次 ${r.number} 已结单,订单不能再修改。`);
}

/** "12月3日 14:30" in the office's zone. */
export function cutoffText(db: Database, r: RoundRow): string {
  return localDateTime(new Date(r.cutoff_at), readSettings(db).timeZone).slice(11);
}

export const limitText = (limit: number) => `每户限额 ${yuan(limit)}`;
