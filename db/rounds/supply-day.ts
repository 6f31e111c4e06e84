import type { Database } from 'better-sqlite3';
import { all, qb } from '../sql';
import { settle } from './settlement';

/* 生活物资保供情况: per round delivered on an office day, and the day's totals, for the 保供日报. */

export interface SupplyRound {
  number: string;
  supplier: string;
  compounds: string;
  /** 已结单 / 已核对 / 登记中. */
  state: string;
  /** Households with something in their order. */
  households: number;
  orders: number;
  /** Fen: what the households owe after the hand-over (before it, what they ordered). */
  amount: number;
  paid: number;
  specialNeeds: number;
  undelivered: number;
  unpaid: number;
}

export interface SupplyDay {
  day: string;
  rounds: SupplyRound[];
  totals: Omit<SupplyRound, 'number' | 'supplier' | 'compounds' | 'state'>;
}

export function supplyDay(db: Database, day: string): SupplyDay {
  const served = new Set<number>();
  const special = new Set<number>();
  const rounds = all(db, qb.selectFrom('rounds as r').leftJoin('suppliers as s', 's.id', 'r.supplier_id')
    .select(['r.id', 'r.number', 'r.state', 'r.handed_over_at', 's.name as supplier']).where('r.day', '=', day).orderBy('r.number'));
  const list = rounds.map((r): SupplyRound => {
    const s = settle(db, r.id);
    for (const o of s.orders) {
      // An anonymised order is a household of its own (it can no longer be matched with another round's).
      const who = o.householdId ?? -o.orderId;
      served.add(who);
      if (o.specialNeeds) special.add(who);
    }
    const compounds = all(db, qb.selectFrom('round_compounds').select('compound').where('round_id', '=', r.id).orderBy('compound')).map((c) => c.compound);
    return {
      number: r.number, supplier: r.supplier ?? '', compounds: compounds.join('、'),
      state: r.handed_over_at ? '已核对' : r.state === 'closed' ? '已结单' : '登记中',
      households: s.orders.length, orders: s.orders.length, amount: s.due, paid: s.paid,
      specialNeeds: s.orders.filter((o) => o.specialNeeds).length,
      undelivered: s.handedOver ? s.undelivered : s.orders.length, unpaid: s.handedOver ? s.unpaid : s.orders.length,
    };
  });
  const sum = (f: (r: SupplyRound) => number) => list.reduce((n, r) => n + f(r), 0);
  return {
    day, rounds: list,
    totals: {
      // A household served by two rounds (the supermarket's and the pharmacy's) is one household served.
      households: served.size, orders: sum((r) => r.orders), amount: sum((r) => r.amount), paid: sum((r) => r.paid),
      specialNeeds: special.size, undelivered: sum((r) => r.undelivered), unpaid: sum((r) => r.unpaid),
    },
  };
}
