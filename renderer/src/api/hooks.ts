import { useCallback, useEffect, useRef, useState } from 'react';
import { translate } from '../i18n/translate';
import { ApiError, call, type ApiInput, type ApiOutput, type Method } from './client';

/** Everything that reads the ledger listens here, so a posted document refreshes every open list. */
const listeners = new Set<() => void>();
export function invalidateAll(): void {
  listeners.forEach((l) => l());
}

export interface Query<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** False while the data on hand answers an older input (a search box being typed into). */
  fresh: boolean;
  reload(): void;
}

/** A read as a screen first makes it: the method and its input exactly as the component passes it. */
export type Read = { [M in Method]: readonly [M, ApiInput<M>?] }[Method];

/** A read's identity: the method and its input as JSON (`key` in `useApi`). */
const readKey = (method: string, key: string) => `${method} ${key}`;

interface EarlyRead {
  started: Promise<unknown>;
  answer?: { data: unknown };
  at: number;
}

/** Reads started before the first render, each taken by the first `useApi` that asks for the same. */
const early = new Map<string, EarlyRead>();

/** An early read is for the opening screen only: one nobody took in time, or one refused, is not used later. */
const EARLY_FOR_MS = 10_000;

function earlyRead(id: string): EarlyRead | undefined {
  const entry = early.get(id);
  return entry && performance.now() - entry.at < EARLY_FOR_MS ? entry : undefined;
}

/**
 * Starts a screen's first reads before the app is rendered, so that their answers are there when
 * the components ask: an answer that has arrived is the component's first state, one still on its
 * way is waited for instead of asking again. A read nobody takes is simply dropped. Resolves when
 * every read has been answered (or refused).
 */
export function startReads(reads: readonly Read[]): Promise<void> {
  const all = reads.map(([method, input]) => {
    const id = readKey(method, JSON.stringify(input ?? null));
    const started = (call as (m: string, i: unknown) => Promise<unknown>)(method, input);
    const entry: EarlyRead = { started, at: performance.now() };
    early.set(id, entry);
    // A taker that already holds it sees the error; a later one asks again. It is never reported as unhandled.
    return started.then(
      (data) => void (entry.answer = { data }),
      () => void (early.get(id) === entry && early.delete(id)),
    );
  });
  return Promise.all(all).then(() => undefined);
}

/** Reads one API method; re-reads when the input changes or after any write. */
export function useApi<M extends Method>(method: M, input?: ApiInput<M>, enabled = true): Query<ApiOutput<M>> {
  const key = JSON.stringify(input ?? null);
  const id = readKey(method, key);
  const [state, setState] = useState<{ data?: ApiOutput<M>; error?: ApiError; loading: boolean; key?: string }>(() => {
    const answer = enabled ? earlyRead(id)?.answer : undefined;
    return answer ? { data: answer.data as ApiOutput<M>, loading: false, key } : { loading: enabled };
  });
  // Whether the first state already holds an early answer: the first read is then not made again.
  const answeredEarly = useRef(!state.loading && state.data !== undefined);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    listeners.add(reload);
    return () => void listeners.delete(reload);
  }, [reload]);
  useEffect(() => {
    if (!enabled) return;
    const started = earlyRead(id)?.started as Promise<ApiOutput<M>> | undefined;
    early.delete(id);
    if (answeredEarly.current) {
      answeredEarly.current = false;
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    (started ?? (call as (m: string, i: unknown) => Promise<ApiOutput<M>>)(method, input)).then(
      (data) => live && setState({ data, loading: false, key }),
      (error: unknown) => live && setState({ error: toApiError(error), loading: false, key }),
    );
    return () => {
      live = false;
    };
    // `key` stands for the input: a new object with the same content does not re-read.
  }, [method, key, tick, enabled]);
  return { data: state.data, error: state.error, loading: state.loading, fresh: state.key === key, reload };
}

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('INTERNAL', String((error as Error)?.message ?? error));
}

/** A write: runs, then refreshes every reader. */
export function useMutation<M extends Method>(method: M) {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const run = useCallback(
    async (input: ApiInput<M>): Promise<ApiOutput<M>> => {
      if (running.current) throw new ApiError('BUSY', translate('shell.busy'));
      running.current = true;
      setBusy(true);
      try {
        const data = await (call as (m: string, i: unknown) => Promise<ApiOutput<M>>)(method, input);
        invalidateAll();
        return data;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [method],
  );
  return { run, busy };
}
