import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { fail } from '../errors';
import type { Tx } from '../open';
import { pinyinKeys } from '../pinyin';
import { all, first, qb, run } from '../sql';
import { bool, change, flag, flagOf, id, name, text } from '../reference/common';
import type { HouseholdsTable } from '../schema-rounds';
import type { Selectable } from 'kysely';
import { maskPhone } from './mask';

/* 住户: the households of sealed compounds, found the way staff say an address ("3-2-602", "3栋602") or by the contact's initials. */

/** A mainland mobile (11 digits, 1…) or a landline with its area code (0571-88001234), spaces and '-' allowed. */
const phone = text(20).refine((s) => {
  const digits = s.replace(/[ -]/g, '');
  return s === '' || (/^[0-9 -]+$/.test(s) && (/^1\d{10}$/.test(digits) || /^0\d{9,11}$/.test(digits)));
}, '电话应为 11 位手机号,或带区号的固定电话(如 0571-88001234)');
const part = (max: number) => text(max).refine((s) => !/\s/.test(s), '不能包含空格');

const fields = {
  community: text(40).optional(),
  compound: name(40),
  building: name(10).pipe(part(10)),
  unit: part(10).optional(),
  room: name(10).pipe(part(10)),
  contact: text(20).optional(),
  phone: phone.optional(),
  elderlyAlone: flag.optional(),
  limitedMobility: flag.optional(),
  chronic: flag.optional(),
  medicines: text(200).optional(),
  needs: text(200).optional(),
};
export const householdCreateInput = z.strictObject(fields);
export const householdUpdateInput = change(z.strictObject({
  id,
  ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]> },
  active: flag.optional(),
}));
export const householdListInput = z.strictObject({
  q: text(40).optional(),
  compound: text(40).optional(),
  /** The households of a round: its compounds only (the order screen's search). */
  roundId: id.optional(),
  includeInactive: flag.optional(),
  limit: z.number().int().min(1).max(5000).optional(),
}).optional();

export interface HouseholdView {
  id: number;
  community: string;
  compound: string;
  building: string;
  unit: string;
  room: string;
  /** "3-2-602" (building-unit-room; "3-602" without a unit). */
  address: string;
  contact: string;
  phone: string;
  elderlyAlone: boolean;
  limitedMobility: boolean;
  chronic: boolean;
  medicines: string;
  needs: string;
  active: boolean;
}

type Row = Selectable<HouseholdsTable>;

export const addressOf = (h: { building: string; unit: string; room: string }) => [h.building, h.unit, h.room].filter(Boolean).join('-');

export function householdView(r: Row): HouseholdView {
  return {
    id: r.id, community: r.community, compound: r.compound, building: r.building, unit: r.unit, room: r.room, address: addressOf(r),
    contact: r.contact, phone: r.phone, elderlyAlone: bool(r.elderly_alone), limitedMobility: bool(r.limited_mobility),
    chronic: bool(r.chronic), medicines: r.medicines, needs: r.needs, active: bool(r.active),
  };
}

export function getHousehold(db: Database, householdId: number): Row {
  const row = first(db, qb.selectFrom('households').selectAll().where('id', '=', householdId));
  if (!row) fail('NOT_FOUND', `住户(编号 ${householdId})不存在。`);
  return row;
}

/** The compounds that have households, for a round's choice. */
export function listCompounds(db: Database): { compound: string; households: number }[] {
  return all(db, qb.selectFrom('households').select((e) => ['compound', e.fn.countAll<number>().as('households')]).where('active', '=', 1).groupBy('compound').orderBy('compound'));
}

export function listHouseholds(db: Database, input: z.infer<typeof householdListInput> = {}): HouseholdView[] {
  let q = qb.selectFrom('households').selectAll();
  if (!input?.includeInactive) q = q.where('active', '=', 1);
  if (input?.compound) q = q.where('compound', '=', input.compound);
  if (input?.roundId) q = q.where('compound', 'in', qb.selectFrom('round_compounds').select('compound').where('round_id', '=', input.roundId));
  const rows = all(db, q).sort(byAddress);
  const found = input?.q ? findHouseholds(rows, input.q) : rows;
  // Lists leave the app masked (138****0012); the full number is for the one household being edited (households.get).
  return found.slice(0, input?.limit ?? 200).map((r) => ({ ...householdView(r), phone: maskPhone(r.phone) }));
}

export function createHousehold(tx: Tx, input: z.infer<typeof householdCreateInput>): HouseholdView {
  const values = rowValues(input);
  uniqueAddress(tx.db, values);
  const { id: newId } = run(tx.db, qb.insertInto('households').values({ ...values, created_at: tx.clock.now().toISOString() }));
  return householdView(getHousehold(tx.db, newId));
}

export function updateHousehold(tx: Tx, input: z.infer<typeof householdUpdateInput>): HouseholdView {
  const row = getHousehold(tx.db, input.id);
  const merged = { ...householdView(row), ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
  const values = rowValues(merged);
  uniqueAddress(tx.db, values, row.id);
  run(tx.db, qb.updateTable('households').set({ ...values, active: flagOf(merged.active as boolean, 1) }).where('id', '=', row.id));
  return householdView(getHousehold(tx.db, row.id));
}

type Fields = z.infer<typeof householdCreateInput>;

/**
 * An address as the register keeps it, whatever was typed: "3号楼" / "3栋" → 3, "2单元" → 2, "602室" → 602,
 * so that the same flat is never registered twice under two spellings and "3-2-602" finds it.
 */
export function plainAddress(h: { building: string; unit?: string; room: string }): { building: string; unit: string; room: string } {
  const strip = (v: string, suffix: RegExp) => halfWidth(v.trim()).replace(suffix, '');
  return { building: strip(h.building, /(号楼|栋|幢|号|楼)$/), unit: strip(h.unit ?? '', /单元$/), room: strip(h.room, /(室|号)$/) };
}

/** Full-width letters, digits and signs as typed with a Chinese input method ("３－２－６０２", "３栋") as their ASCII twins; the ideographic space as a space. */
export const halfWidth = (v: string) => v.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

export function rowValues(h: Fields) {
  const keys = pinyinKeys(h.contact ?? '');
  return {
    community: h.community ?? '', compound: h.compound, ...plainAddress(h),
    contact: h.contact ?? '', phone: h.phone ?? '', pinyin: keys.pinyin, initials: keys.initials,
    elderly_alone: flagOf(h.elderlyAlone), limited_mobility: flagOf(h.limitedMobility), chronic: flagOf(h.chronic),
    medicines: h.medicines ?? '', needs: h.needs ?? '',
  };
}

function uniqueAddress(db: Database, h: { compound: string; building: string; unit: string; room: string }, exceptId?: number) {
  const row = first(db, qb.selectFrom('households').select('id').where('compound', '=', h.compound).where('building', '=', h.building).where('unit', '=', h.unit).where('room', '=', h.room));
  if (row && row.id !== exceptId) fail('DUPLICATE', `住户“${h.compound} ${addressOf(h)}”已存在。`);
}

/** Buildings and rooms in their numeric order (2 before 10), then as text. */
const collator = new Intl.Collator('zh-CN', { numeric: true });
export function byAddress(a: Pick<Row, 'compound' | 'building' | 'unit' | 'room'>, b: Pick<Row, 'compound' | 'building' | 'unit' | 'room'>): number {
  return collator.compare(a.compound, b.compound) || collator.compare(a.building, b.building) || collator.compare(a.unit, b.unit) || collator.compare(a.room, b.room);
}

/**
 * An address as staff say it: "3-2-602", "3栋2单元602", "3号楼602室", "3栋602" (any unit), "东湖 3-602";
 * anything else is the contact's name, pinyin initials or full pinyin, or a room number.
 */
const ADDRESS = /^(.*?)(\d+[A-Za-z]?)\s*(?:号楼|栋|幢|号|楼|[-—/\s])\s*(?:(\d+)\s*(?:单元|[-—/\s])\s*)?(\d+)\s*(?:室|号)?$/;

/** An address split as staff say it; `place` is what came before it (a compound's name, or ''), `unit` undefined when not said. */
export function splitAddress(text: string): { place: string; building: string; unit: string | undefined; room: string } | null {
  const m = ADDRESS.exec(text);
  return m ? { place: m[1].trim(), building: m[2], unit: m[3], room: m[4] } : null;
}

export function findHouseholds(rows: Row[], query: string): Row[] {
  // The query is read as the register keeps addresses: "３-２-６０２" is 3-2-602.
  const typed = halfWidth(query);
  const q = typed.trim().toLowerCase();
  if (!q) return rows;
  const said = splitAddress(q);
  if (said) {
    const { place: compound, building, unit, room } = said;
    return rows.filter((r) => r.building.toLowerCase() === building && (unit === undefined || r.unit === unit) && r.room === room
      && (!compound || r.compound.includes(compound) || r.community.includes(compound)));
  }
  if (/^\d+$/.test(q)) return rows.filter((r) => r.room === q);
  const ranked = rows
    .map((r) => ({ r, rank: r.contact === typed.trim() ? 0 : r.initials.startsWith(q) ? 1 : r.pinyin.startsWith(q) ? 2 : r.contact.includes(typed.trim()) ? 3 : r.compound.includes(typed.trim()) ? 4 : -1 }))
    .filter((x) => x.rank >= 0);
  return ranked.sort((a, b) => a.rank - b.rank).map((x) => x.r);
}
