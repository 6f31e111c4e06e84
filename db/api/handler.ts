import { z } from 'zod';
import type { Ledger, Tx } from '../open';

z.config(z.locales.zhCN());

/** Who is calling. Until accounts exist, the transport passes the local operator. */
export interface Context {
  ledger: Ledger;
  userId: number;
}

export interface Handler<S extends z.ZodType, O> {
  readonly input: S;
  /** Writes run inside one immediate transaction; a failure leaves nothing behind. */
  readonly write: boolean;
  readonly run: (ctx: Context & { tx?: Tx }, input: z.output<S>) => O;
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
): Handler<S, O> {
  return { input, write: true, run: (ctx, parsed) => run(ctx.tx!, parsed, ctx) };
}

export const noInput = z.undefined().or(z.strictObject({}));
