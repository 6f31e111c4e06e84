import { z } from 'zod';
import { appendAudit, auditDetail } from '../audit';
import { write, type Ledger, type Tx } from '../open';
import type { LedgerHost } from '../host/host';

z.config(z.locales.zhCN());

/** Who is calling: the session's user (the transports resolve it), or 0 before login. */
export interface Context {
  ledger: Ledger;
  userId: number;
  /** Set by callApi: the method being run, for the audit trail. */
  method?: string;
  /** The running app (absent in-process): restore swaps its ledger. */
  host?: LedgerHost;
  /** Where the call comes from, for counting wrong passwords: 'local', or the LAN address. */
  source?: string;
}

export interface Handler<S extends z.ZodType, O> {
  readonly input: S;
  /** Writes run inside one immediate transaction; a failure leaves nothing behind. */
  readonly write: boolean;
  readonly run: (ctx: Context & { tx?: Tx }, input: z.output<S>) => O;
  /** Whether a successful call goes into the audit trail (writes do, unless this says no). */
  readonly audited?: (input: z.output<S>) => boolean;
}

/**
 * A method that does slow or asynchronous work (reading a workbook) and then, if it writes, opens its
 * own transaction with `write()` after every await: a transaction never spans an await.
 */
export function task<S extends z.ZodType, O>(input: S, run: (ctx: Context, input: z.output<S>) => Promise<O>): Handler<S, Promise<O>> {
  return { input, write: false, run };
}

/** A read-only method. */
export function query<S extends z.ZodType, O>(input: S, run: (ctx: Context, input: z.output<S>) => O): Handler<S, O> {
  return { input, write: false, run };
}

/** A method that writes; `tx` is the open transaction. */
export function command<S extends z.ZodType, O>(
  input: S,
  run: (tx: Tx, input: z.output<S>, ctx: Context) => O,
  audited?: (input: z.output<S>) => boolean,
): Handler<S, O> {
  return { input, write: true, run: (ctx, parsed) => run(ctx.tx!, parsed, ctx), audited };
}

/** For tasks: one transaction that also appends the call to the audit trail. */
export function writeAudited<T>(ctx: Context, input: unknown, fn: (tx: Tx) => T): T {
  return write(ctx.ledger, (tx) => {
    const result = fn(tx);
    appendAudit(tx, ctx.userId, ctx.method ?? 'unknown', auditDetail(input, result));
    return result;
  });
}

export const noInput = z.undefined().or(z.strictObject({}));
