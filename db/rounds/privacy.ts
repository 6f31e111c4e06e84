import { sql } from 'kysely';
import { z } from 'zod';
import { appendAudit, auditDetail } from '../audit';
import type { Tx } from '../open';
import { readSettings } from '../reference/settings';
import { all, qb, run } from '../sql';
import { addDays, businessDate } from '../time';
import { settle } from './settlement';

/* 居民信息仅用于疫情期间保供: finished rounds let go of who ordered what (phones are masked by ./mask). */

/** How long a finished round keeps its households, unless the office says otherwise. */
export const KEEP_DAYS = 30;

export const anonymiseInput = z.strictObject({ keepDays: z.number().int().min(0).max(3650).optional() }).optional();

/**
 * Anonymises every finished round (结单, and nobody left unpaid or undelivered once its goods came)
 * delivered `keepDays` or more days ago: its orders let go of
 * their households and of what staff wrote about them (notes, the 代付 payer, delivery notes),
 * keeping compound, building and the special-needs flag, so the round's totals stay exactly as they
 * were. Households themselves stay in the register (the grid worker's list), unlinked from old orders.
 */
export function anonymiseRounds(tx: Tx, keepDays = KEEP_DAYS): { anonymised: { rounds: string[]; orders: number; waiting: string[] } } {
  const now = tx.clock.now();
  const last = addDays(businessDate(now, readSettings(tx.db).timeZone), -keepDays);
  const old = all(tx.db, qb.selectFrom('rounds').select(['id', 'number']).where('state', '=', 'closed').where('anonymised_at', 'is', null).where('day', '<=', last).orderBy('day').orderBy('id'));
  // A round whose goods came but some household has not paid or has not had its bag is not finished:
  // it keeps who is who, so that staff can still chase them.
  const open = (roundId: number) => {
    const s = settle(tx.db, roundId);
    return s.handedOver && s.orders.some((o) => (o.due > 0 && o.paid === null) || (o.deliveredAt === null && o.lines.some((l) => l.gets > 0)));
  };
  const waiting = old.filter((r) => open(r.id));
  const due = old.filter((r) => !waiting.includes(r));
  let orders = 0;
  for (const r of due) {
    const h = (column: 'compound' | 'building') => sql<string>`(SELECT ${sql.ref(`households.${column}`)} FROM households WHERE households.id = orders.household_id)`;
    orders += run(tx.db, qb.updateTable('orders').set({
      compound: h('compound'), building: h('building'),
      special: sql<0 | 1>`(SELECT (elderly_alone = 1 OR limited_mobility = 1 OR chronic = 1) FROM households WHERE households.id = orders.household_id)`,
      household_id: null, note: '', payer: '', delivery_note: '',
    }).where('round_id', '=', r.id).where('household_id', 'is not', null)).changes;
    run(tx.db, qb.updateTable('rounds').set({ anonymised_at: now.toISOString() }).where('id', '=', r.id));
  }
  // Under one key the audit trail keeps: which rounds, how many orders.
  return { anonymised: { rounds: due.map((r) => r.number), orders, waiting: waiting.map((r) => r.number) } };
}

/** The same, when a new round opens: in the audit trail as its own act, whoever opened the round. */
export function anonymiseOnOpening(tx: Tx, userId: number): void {
  const done = anonymiseRounds(tx);
  if (done.anonymised.rounds.length) appendAudit(tx, userId, 'rounds.anonymise', auditDetail({ keepDays: KEEP_DAYS, automatic: true }, done));
}
