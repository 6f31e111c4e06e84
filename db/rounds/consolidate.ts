import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { id } from '../reference/common';
import { sql } from 'kysely';
import { all, qb } from '../sql';
import { getRound, type RoundView } from './rounds';

/* 汇总: one purchase order (采购单) per round, summed by good, and the same per building for its 楼长. */

export const consolidationInput = z.strictObject({ roundId: id });

export interface ConsolidatedLine {
  goodsId: number;
  name: string;
  spec: string;
  unit: string;
  price: number;
  contents: string;
  quantity: number;
  amount: number;
  /** Households that ordered it. */
  households: number;
}

export interface BuildingSheet {
  compound: string;
  building: string;
  households: number;
  lines: ConsolidatedLine[];
  amount: number;
}

export interface Consolidation {
  round: RoundView;
  lines: ConsolidatedLine[];
  buildings: BuildingSheet[];
  households: number;
  /** Households flagged 独居老人, 行动不便 or 慢性病 among those that ordered. */
  specialNeeds: number;
  amount: number;
}

/** The round's order lines, with their household's building. */
const linesOf = (roundId: number) => qb.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id').where('o.round_id', '=', roundId);

/** An order's compound, building and special needs: its household's, or what the order kept when the round was anonymised. */
const COMPOUND = sql<string>`COALESCE(h.compound, o.compound)`;
const BUILDING = sql<string>`COALESCE(h.building, o.building)`;
const SPECIAL = sql<number>`CASE WHEN h.id IS NULL THEN o.special ELSE (h.elderly_alone = 1 OR h.limited_mobility = 1 OR h.chronic = 1) END`;

type Sum = { goodsId: number; quantity: number; households: number };

export function consolidate(db: Database, input: z.infer<typeof consolidationInput>): Consolidation {
  const round = getRound(db, input.roundId);
  const order = new Map(round.goods.map((g, i) => [g.id, i]));
  const line = (s: Sum): ConsolidatedLine => {
    const g = round.goods[order.get(s.goodsId)!];
    return { goodsId: g.id, name: g.name, spec: g.spec, unit: g.unit, price: g.price, contents: g.contents, quantity: s.quantity, amount: g.price * s.quantity, households: s.households };
  };
  const inListOrder = (a: Sum, b: Sum) => order.get(a.goodsId)! - order.get(b.goodsId)!;
  // One grouped read per view over the round's order lines: 2,000 households × 8 lines (round_consolidate_ms).
  const lines = all(db, linesOf(round.id)
    .select((e) => ['l.goods_id as goodsId', e.fn.sum<number>('l.quantity').as('quantity'), e.fn.count<number>('o.id').distinct().as('households')])
    .groupBy('l.goods_id')).sort(inListOrder).map(line);
  const served = all(db, qb.selectFrom('orders as o').leftJoin('households as h', 'h.id', 'o.household_id')
    .select((e) => [COMPOUND.as('compound'), BUILDING.as('building'), e.fn.countAll<number>().as('households'), sql<number>`SUM(${SPECIAL})`.as('special')])
    .where('o.round_id', '=', round.id)
    .where((e) => e.exists(e.selectFrom('order_lines as l').select('l.id').whereRef('l.order_id', '=', 'o.id')))
    .groupBy([COMPOUND, BUILDING]));
  const sheets = new Map<string, BuildingSheet>();
  const key = (compound: string, building: string) => `${compound}\u0000${building}`;
  for (const s of served) sheets.set(key(s.compound, s.building), { compound: s.compound, building: s.building, households: s.households, lines: [], amount: 0 });
  const perBuilding = all(db, linesOf(round.id).leftJoin('households as h', 'h.id', 'o.household_id')
    .select((e) => [COMPOUND.as('compound'), BUILDING.as('building'), 'l.goods_id as goodsId', e.fn.sum<number>('l.quantity').as('quantity'), e.fn.count<number>('o.id').distinct().as('households')])
    .groupBy([COMPOUND, BUILDING, 'l.goods_id'])).sort(inListOrder);
  for (const s of perBuilding) {
    const sheet = sheets.get(key(s.compound, s.building))!;
    const l = line(s);
    sheet.lines.push(l);
    sheet.amount += l.amount;
  }
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  const buildings = [...sheets.values()].sort((a, b) => collator.compare(a.compound, b.compound) || collator.compare(a.building, b.building));
  return {
    round, lines, buildings,
    households: served.reduce((n, s) => n + s.households, 0),
    specialNeeds: served.reduce((n, s) => n + Number(s.special), 0),
    amount: lines.reduce((n, l) => n + l.amount, 0),
  };
}
