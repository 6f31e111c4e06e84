/**
 * An independent model of a ledger for property tests: it keeps only timestamped movements and the
 * counts of stocktakes, and answers every question by replaying them in time order. It imports
 * nothing of the ledger's rules: what a balance is, what a checkpoint holds and what a count asserts
 * are written here from the domain's definitions, and nothing else.
 *
 * A balance at instant t counts every movement at or before t; balances are compared after all the
 * movements of an instant. Stock is kept per store; what a checkpoint holds, per store it came from.
 */
export interface Move {
  t: number;
  store: number;
  item: number;
  batch: number;
  cp: number | null;
  /** The business kind (a reversal carries its original's). */
  kind: string;
  delta: number;
  doc: number;
}

export interface Count {
  t: number;
  store: number;
  item: number;
  batch: number;
  counted: number;
  doc: number;
}

/** Kinds whose movements make up what a checkpoint holds, by holding. */
export const HOLDINGS: Record<string, string[]> = { issue: ['issue', 'return'], loan: ['loan', 'loan_return'] };
export const holdingOfKind = (kind: string) => Object.keys(HOLDINGS).find((h) => HOLDINGS[h].includes(kind)) ?? null;

export class MovementModel {
  moves: Move[] = [];
  counts: Count[] = [];

  stockAt(store: number, item: number, batch: number, t: number): number {
    return this.moves.filter((m) => m.store === store && m.item === item && m.batch === batch && m.t <= t).reduce((s, m) => s + m.delta, 0);
  }

  heldAt(store: number, cp: number, item: number, batch: number, holding: string, t: number): number {
    return -this.moves.filter((m) => m.store === store && m.cp === cp && m.item === item && m.batch === batch && HOLDINGS[holding].includes(m.kind) && m.t <= t).reduce((s, m) => s + m.delta, 0);
  }

  /** The instants from t on at which a balance can change: t itself and every later movement's. */
  private instantsFrom(t: number): number[] {
    return [t, ...new Set(this.moves.filter((m) => m.t > t).map((m) => m.t))];
  }

  /** The lowest stock of (item, batch) at t or any later instant. */
  lowestStock(store: number, item: number, batch: number, t: number): number {
    return Math.min(...this.instantsFrom(t).map((u) => this.stockAt(store, item, batch, u)));
  }

  lowestHeld(store: number, cp: number, item: number, batch: number, holding: string, t: number): number {
    return Math.min(...this.instantsFrom(t).map((u) => this.heldAt(store, cp, item, batch, holding, u)));
  }

  /** The batches of an item that have ever moved. */
  batchesOf(item: number): number[] {
    return [...new Set(this.moves.filter((m) => m.item === item).map((m) => m.batch))];
  }

  /** A posted count of (item, batch) in the store at or after t (other than `except`). */
  countFrom(store: number, item: number, batch: number, t: number, except = 0): Count | undefined {
    return this.counts.find((c) => c.store === store && c.item === item && c.batch === batch && c.t >= t && c.doc !== except);
  }

  /**
   * Replays every movement in time order and says what is wrong, if anything: a stock balance or a
   * holding below zero after some instant, or a count whose counted quantity is not the balance at its time.
   */
  violations(): string[] {
    const found: string[] = [];
    const sorted = [...this.moves].sort((a, b) => a.t - b.t);
    const stock = new Map<string, number>();
    const held = new Map<string, number>();
    for (let k = 0; k < sorted.length; ) {
      const t = sorted[k].t;
      const touched = new Set<string>();
      while (k < sorted.length && sorted[k].t === t) {
        const m = sorted[k++];
        const s = `${m.store}:${m.item}:${m.batch}`;
        stock.set(s, (stock.get(s) ?? 0) + m.delta);
        touched.add(`s|${s}`);
        const h = holdingOfKind(m.kind);
        if (h && m.cp !== null) {
          const key = `${h}:${m.store}:${m.cp}:${m.item}:${m.batch}`;
          held.set(key, (held.get(key) ?? 0) - m.delta);
          touched.add(`h|${key}`);
        }
      }
      for (const key of touched) {
        const [which, k2] = key.split('|');
        const v = (which === 's' ? stock : held).get(k2)!;
        if (v < 0) found.push(`${which === 's' ? 'stock' : 'held'} ${k2} = ${v} at ${new Date(t).toISOString()}`);
      }
    }
    for (const c of this.counts) {
      const book = this.stockAt(c.store, c.item, c.batch, c.t);
      if (book !== c.counted) found.push(`count ${c.doc} of ${c.store}:${c.item}:${c.batch} says ${c.counted}, the balance then is ${book}`);
    }
    return found;
  }

  /** Sums of movements of an item in (from, to] by kinds, over all stores. */
  flow(item: number, from: number, to: number, kinds: string[]): number {
    return this.moves.filter((m) => m.item === item && m.t > from && m.t <= to && kinds.includes(m.kind)).reduce((s, m) => s + m.delta, 0);
  }

  /** The office's balance of an item at t, all stores. */
  balance(item: number, t: number): number {
    return this.moves.filter((m) => m.item === item && m.t <= t).reduce((s, m) => s + m.delta, 0);
  }
}
