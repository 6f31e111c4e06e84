import { z } from 'zod';
import { appendAudit, auditDetail } from '../audit';
import { write, type Ledger, type ReadLedger, type Tx } from '../open';
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

/** What a query gets: the read-only connection, never the writing one. */
export type QueryContext = Omit<Context, 'ledger'> & { ledger: ReadLedger };

/** What a job gets: the read-only connection for its preparation, and one audited commit at the end. */
export type JobContext = QueryContext & {
  /** Runs `fn` in one immediate write transaction, appended to the audit trail unless `audited` is false. */
  commit<T>(fn: (tx: Tx) => T, options?: { audited?: boolean }): T;
};

/**
 * The three kinds of method. The kind, not a flag, says what a method may do, and everything that
 * holds writes back (the start-up check, a damaged file, read-only roles) goes by it:
 * - query: reads, on the read-only connection (SQLite itself refuses a write there);
 * - command: one immediate write transaction, synchronous, audited unless it says otherwise;
 * - job: asynchronous preparation on the read-only connection (reading a workbook, building files),
 *   then at most one commit. A transaction never spans an await.
 */
export type Kind = 'query' | 'command' | 'job';

export interface Handler<S extends z.ZodType, O> {
  readonly kind: Kind;
  readonly input: S;
  readonly run: (ctx: never, input: z.output<S>) => O;
  /** Commands: whether a successful call goes into the audit trail (default yes). */
  readonly audited?: (input: z.output<S>) => boolean;
  /**
   * Jobs whose commit only records (a login's failure count): they run while writes are held,
   * and a commit that cannot be written is left out, not an error.
   */
  readonly mayRunReadOnly?: boolean;
}

/** What a handler answers (a promise for the asynchronous ones). */
export type OutputOf<H> = H extends Handler<z.ZodType, infer O> ? O : never;

/** A read-only method, synchronous or asynchronous. */
export function query<S extends z.ZodType, O>(input: S, run: (ctx: QueryContext, input: z.output<S>) => O): Handler<S, O> {
  return { kind: 'query', input, run: run as Handler<S, O>['run'] };
}

/** A method that writes; `tx` is the open transaction. */
export function command<S extends z.ZodType, O>(
  input: S,
  run: (tx: Tx, input: z.output<S>, ctx: Context) => O,
  audited?: (input: z.output<S>) => boolean,
): Handler<S, O> {
  const body = (ctx: Context & { tx: Tx }, parsed: z.output<S>) => run(ctx.tx, parsed, ctx);
  return { kind: 'command', input, run: body as Handler<S, O>['run'], audited };
}

/**
 * A method that prepares on the read-only connection (usually asynchronously) and commits at most
 * once. A login is one that needs no await.
 */
export function job<S extends z.ZodType, O>(
  input: S,
  run: (ctx: JobContext, input: z.output<S>) => O,
  options: { mayRunReadOnly?: boolean } = {},
): Handler<S, O> {
  return { kind: 'job', input, run: run as Handler<S, O>['run'], ...options };
}

/** The context a job runs with: reads through the reader, one commit through the writer. */
export function jobContext(ctx: Context, input: unknown): JobContext {
  let committed = false;
  return {
    ...ctx,
    ledger: ctx.ledger.reader,
    commit: (fn, options = {}) => {
      if (committed) throw new Error(`${ctx.method}: a job commits once`);
      const result = options.audited === false ? write(ctx.ledger, fn) : writeAudited(ctx, input, fn);
      committed = true;
      return result;
    },
  };
}

/** One transaction that also appends the call to the audit trail. */
export function writeAudited<T>(ctx: Context, input: unknown, fn: (tx: Tx) => T): T {
  return write(ctx.ledger, (tx) => {
    const result = fn(tx);
    appendAudit(tx, ctx.userId, ctx.method ?? 'unknown', auditDetail(input, result));
    return result;
  });
}

export const noInput = z.undefined().or(z.strictObject({}));
