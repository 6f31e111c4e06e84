import type { ApiOutput } from '../../api/client';
import type { Round } from './round-choice';

/* 免费发放 (爱心菜包 / 防疫包): what the screens work out of a free round and its households. */

export type FreeOrder = ApiOutput<'orders.list'>[number];

/** The distribution's name: the round's note up to its first colon (the print title reads it so too). */
export const freeName = (r: Pick<Round, 'note'>) => r.note.split(/[:：]/)[0];

export const freeRounds = (rounds: readonly Round[]) => rounds.filter((r) => r.kind === 'free');

/** Per good: what each household gets, how many households get it, and the sum (what the issue slip will carry). */
export function freeTotals(round: Round, orders: readonly FreeOrder[]) {
  return round.goods.map((g) => {
    const lines = orders.flatMap((o) => o.lines.filter((l) => l.goodsId === g.id));
    return { goodsId: g.id, name: g.name, spec: g.spec, unit: g.unit, perHousehold: g.perHousehold, households: lines.length, quantity: lines.reduce((n, l) => n + l.quantity, 0) };
  });
}

/** Where the slip goes: the checkpoint, its pickup person; the slip once posted. */
export interface FreeFacts {
  checkpoint: string;
  person: string;
  document?: { id: number; number: string };
}

/** A free round's checkpoint, person and slip, as the ledger names them (undefined for a purchase round). */
export function freeFactsOf(round: Round): FreeFacts | undefined {
  if (!round.checkpointName) return undefined;
  const document = round.documentId && round.documentNumber ? { id: round.documentId, number: round.documentNumber } : undefined;
  return { checkpoint: round.checkpointName, person: round.personName ?? '', ...(document ? { document } : {}) };
}
