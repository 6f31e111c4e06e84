import type { ApiResult } from '../../../db/api/call';
import type { ApiInput, ApiOutput, Method } from '../../../db/api/handlers';
import { translate } from '../i18n/translate';
import { refusalText } from '../i18n/error-words';

export type { ApiInput, ApiOutput, Method };

/** What the Electron preload exposes; absent in browser mode. */
interface LedgerBridge {
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
}
declare global {
  interface Window {
    ledger?: LedgerBridge;
  }
}

/** An error the ledger answered with; `message` is already in Chinese for the clerk. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function overHttp(method: string, input: unknown): Promise<ApiResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(`./api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: input === undefined ? '' : JSON.stringify(input),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: translate('shell.unreachable') } };
  }
  try {
    return (await res.json()) as ApiResult<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: translate('shell.badAnswer', { status: res.status }) } };
  }
}

/** Told when the ledger answers "log in first" (the session ended): the app shows the login screen. */
const signedOut = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOut.add(listener);
  return () => void signedOut.delete(listener);
}

type Args<M extends Method> = undefined extends ApiInput<M> ? [input?: ApiInput<M>] : [input: ApiInput<M>];

/** Calls one API method over IPC (Electron) or HTTP (browser mode); throws ApiError on refusal. */
export async function call<M extends Method>(method: M, ...args: Args<M>): Promise<ApiOutput<M>> {
  const input = args[0];
  const result = window.ledger ? await window.ledger.call(method, input) : await overHttp(method, input);
  if (!result.ok) {
    if (result.error.code === 'UNAUTHENTICATED') signedOut.forEach((l) => l());
    throw new ApiError(result.error.code, refusalText(result.error.code, result.error.message));
  }
  return result.data as ApiOutput<M>;
}
