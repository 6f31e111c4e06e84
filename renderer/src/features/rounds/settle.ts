import { shareOut } from '../../../../db/rounds/share';
import type { ApiOutput } from '../../api/client';

/** As round-choice has it (not imported from there: this module stays free of JSX, for the unit tests). */
type Round = ApiOutput<'rounds.list'>[number];

export type Settlement = ApiOutput<'rounds.settlement'>;
export type SettledOrder = Settlement['orders'][number];
export type SettledLine = SettledOrder['lines'][number];
export type ShareRule = 'first' | 'prorata';

/** Rounds that went to the supplier: the ones goods arrive for (a free distribution is handed out from the warehouse instead). */
export const closedRounds = (rounds: readonly Round[]) => rounds.filter((r) => r.state === 'closed' && r.kind === 'purchase');

/** The price list as ordered (a substitute brought at the gate is not one). */
export const orderedGoods = (round: Round) => round.goods.filter((g) => g.replacesId === null);

/** "东湖小区 3-2-602". */
export const whereOf = (o: Pick<SettledOrder, 'compound' | 'address'>) => `${o.compound} ${o.address}`;

/**
 * The households that would get less of a good than they ordered if `arrived` came, shared by
 * `rule` as the ledger shares it (the same pure function), the requests in the order they came in
 * (each order's first request, the earlier order first on the same instant), as the ledger takes them.
 * The hand-over itself is the ledger's: this only offers the households a substitute can go to.
 */
export function shortHouseholds(s: Pick<Settlement, 'orders'>, goodsId: number, arrived: number, rule: ShareRule): SettledOrder[] {
  const claims = s.orders
    .map((o) => ({ o, quantity: o.lines.find((l) => l.goodsId === goodsId)?.ordered ?? 0 }))
    .filter((c) => c.quantity > 0)
    .sort((a, b) => byArrival(a.o, b.o));
  const shares = shareOut(arrived, claims.map((c) => ({ orderId: c.o.orderId, quantity: c.quantity })), rule);
  return claims.filter((c) => shares.get(c.o.orderId)! < c.quantity).map((c) => c.o);
}

/** 先到先得's order: the first request first (ISO instants compare as text), then the order's number. */
export const byArrival = (a: Pick<SettledOrder, 'orderedAt' | 'orderId'>, b: Pick<SettledOrder, 'orderedAt' | 'orderId'>) =>
  (a.orderedAt < b.orderedAt ? -1 : a.orderedAt > b.orderedAt ? 1 : 0) || a.orderId - b.orderId;

/** A line the household gets less of than it ordered. */
export const isShort = (l: SettledLine) => l.replaces === null && l.gets < l.ordered;
