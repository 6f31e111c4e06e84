import type { z } from 'zod';
import { toLedgerError, type ErrorCode } from '../errors';
import { write, type Tx } from '../open';
import { jobContext, writeAudited, type Context, type Handler, type OutputOf } from './handler';
import { handlers, type ApiOutput, type Handlers, type Method } from './handlers';
import { ACCESS, mayRun, PUBLIC, ROLE_LABELS } from '../auth/access';
import { activeRole } from '../auth/accounts';
import { LONE_SURROGATE, LONE_SURROGATE_MESSAGE } from '../reference/common';

export type ApiError = { code: ErrorCode; message: string };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** Field names as a clerk reads them in an error message. */
const FIELD_LABELS: Record<string, string> = {
  lines: '明细',
  itemId: '物资',
  quantity: '数量',
  counted: '实盘数量',
  batchId: '批次',
  batchNo: '批号',
  productionDate: '生产日期',
  expiryDate: '有效期',
  unitPrice: '单价',
  time: '时间',
  checkpointId: '点位',
  personId: '领取人',
  sourceId: '来源',
  storeId: '库房',
  name: '名称',
  code: '编码',
  unit: '单位',
  phone: '电话',
  reason: '原因',
  type: '类型',
  categoryId: '类别',
};

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(handlers, name);
}

/** A method's answer: a promise for the asynchronous ones (tasks), a plain result for the rest. */
export type Answer<M extends Method> =
  OutputOf<Handlers[M]> extends Promise<unknown> ? Promise<ApiResult<ApiOutput<M>>> : ApiResult<ApiOutput<M>>;

/**
 * The one entry point used by both transports: checks the method name, parses the input with the
 * method's schema, runs it (writes in one transaction) and answers `{ ok, data | error }`.
 * It never throws, and never rejects.
 */
export function callApi<M extends Method>(ctx: Context, method: M, input: unknown): Answer<M>;
export function callApi(ctx: Context, method: string, input: unknown): ApiResult<unknown> | Promise<ApiResult<unknown>>;
export function callApi(ctx: Context, method: string, input: unknown): ApiResult<unknown> | Promise<ApiResult<unknown>> {
  if (!isMethod(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的接口:${String(method).slice(0, 60)}` } };
  }
  const refused = refusal(ctx, method);
  if (refused) return { ok: false, error: refused };
  if (hasLoneSurrogate(input, 0)) return { ok: false, error: { code: 'INVALID_INPUT', message: `输入有误:${LONE_SURROGATE_MESSAGE}。` } };
  const handler = handlers[method];
  const parsed = (handler.input as z.ZodType).safeParse(input);
  if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: describe(parsed.error) } };
  try {
    const withMethod = { ...ctx, method };
    const data = dispatch(handler as Handler<z.ZodType, unknown>, withMethod, parsed.data);
    if (data instanceof Promise) return data.then((d: unknown) => ({ ok: true as const, data: d }), (err: unknown) => failure(method, err));
    return { ok: true, data };
  } catch (err) {
    return failure(method, err);
  }
}

/** Runs a method by its kind: a query on the read-only connection, a command in one audited transaction, a job with its commit. */
function dispatch(handler: Handler<z.ZodType, unknown>, ctx: Context, input: unknown): unknown {
  const run = handler.run as (c: unknown, i: unknown) => unknown;
  switch (handler.kind) {
    case 'query':
      return run({ ...ctx, ledger: ctx.ledger.reader }, input);
    case 'command': {
      const inTx = (tx: Tx) => run({ ...ctx, tx }, input);
      return !handler.audited || handler.audited(input) ? writeAudited(ctx, input, inTx) : write(ctx.ledger, inTx);
    }
    case 'job':
      return run(jobContext(ctx, input), input);
  }
}

/** For callers that only use synchronous methods (the demo, the test helpers). */
export function callApiSync<M extends Method>(ctx: Context, method: M, input: unknown): ApiResult<ApiOutput<M>> {
  const r = callApi(ctx, method as string, input);
  if (r instanceof Promise) throw new Error(`${method} is asynchronous`);
  return r as ApiResult<ApiOutput<M>>;
}

/** Every method but login and first-run setup needs an active user whose role allows it. */
function refusal(ctx: Context, method: Method): ApiError | null {
  if (ACCESS[method] === PUBLIC) return null;
  const role = activeRole(ctx.ledger.db, ctx.userId);
  if (!role) return { code: 'UNAUTHENTICATED', message: '请先登录。' };
  if (!mayRun(role, method, handlers[method].kind)) {
    return { code: 'FORBIDDEN', message: `当前账户(${ROLE_LABELS[role]})无权进行此操作。` };
  }
  return null;
}

function failure(method: string, err: unknown): ApiResult<never> {
  const e = toLedgerError(err);
  if (e.code === 'INTERNAL') console.error(`[api] ${method} failed:`, err);
  return { ok: false, error: { code: e.code, message: e.message } };
}

/** Any string in the input (values and keys) holding half a UTF-16 pair: refused at the door for every field. */
function hasLoneSurrogate(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  for (const [k, v] of Object.entries(value)) if (LONE_SURROGATE.test(k) || hasLoneSurrogate(v, depth + 1)) return true;
  return false;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path
    .map((p) => (typeof p === 'number' ? `第 ${p + 1} 行` : (FIELD_LABELS[String(p)] ?? String(p))))
    .join(' ');
  return `输入有误${where ? `(${where})` : ''}:${issue.message}`;
}
