import { shareOut } from '../../../../db/rounds/share';
import type { ApiOutput } from '../../api/client';
import type { Round } from './round-choice';

export type Settlement = ApiOutput<'rounds.settlement'>;
export type SettledOrder = Settlement['orders'][number];
export type SettledLine = SettledOrder['lines'][number];
export type ShareRule = 'first' | 'prorata';

/** Rounds that went to the supplier: the ones goods arrive for. */
export const closedRounds = (rounds: readonly Round[]) => rounds.filter((r) => r.state === 'closed');

/** The price list as ordered (a substitute brought at the gate is not one). */
export const orderedGoods = (round: Round) => round.goods.filter((g) => g.replacesId === null);

/** "东湖小区 3-2-602". */
export const whereOf = (o: Pick<SettledOrder, 'compound' | 'address'>) => `${o.compound} ${o.address}`;

/**
 * The households that would get less of a good than they ordered if `arrived` came, shared by
 * `rule` as the ledger shares it (the same pure function). The ledger takes the requests in the
 * order they came in; orders are numbered as they come in, so their ids stand for that order here.
 * The hand-over itself is the ledger's: this only offers the households a substitute can go to.
 */
export function shortHouseholds(s: Settlement, goodsId: number, arrived: number, rule: ShareRule): SettledOrder[] {
  const claims = s.orders
    .map((o) => ({ o, quantity: o.lines.find((l) => l.goodsId === goodsId)?.ordered ?? 0 }))
    .filter((c) => c.quantity > 0)
    .sort((a, b) => a.o.orderId - b.o.orderId);
  const shares = shareOut(arrived, claims.map((c) => ({ orderId: c.o.orderId, quantity: c.quantity })), rule);
  return claims.filter((c) => shares.get(c.o.orderId)! < c.quantity).map((c) => c.o);
}

/** A line the household gets less of than it ordered. */
export const isShort = (l: SettledLine) => l.replaces === null && l.gets < l.ordered;
