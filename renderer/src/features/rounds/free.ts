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

/**
 * rounds.list does not name a free round's checkpoint, person or slip (yet): the form remembers
 * what it chose and the screen what it posted, for this page's life. A round that names them itself
 * (checkpointName, personName, documentId, documentNumber) is read first.
 */
const remembered = new Map<number, FreeFacts>();

export function rememberFree(roundId: number, facts: Partial<FreeFacts>): void {
  const before = remembered.get(roundId) ?? { checkpoint: '', person: '' };
  remembered.set(roundId, { ...before, ...facts });
}

export function freeFactsOf(round: Round): FreeFacts | undefined {
  const mine = remembered.get(round.id);
  const checkpoint = 'checkpointName' in round && typeof round.checkpointName === 'string' ? round.checkpointName : mine?.checkpoint;
  const person = 'personName' in round && typeof round.personName === 'string' ? round.personName : mine?.person;
  const document = 'documentId' in round && typeof round.documentId === 'number' && 'documentNumber' in round && typeof round.documentNumber === 'string'
    ? { id: round.documentId, number: round.documentNumber } : mine?.document;
  return checkpoint || person || document ? { checkpoint: checkpoint ?? '', person: person ?? '', ...(document ? { document } : {}) } : undefined;
}
