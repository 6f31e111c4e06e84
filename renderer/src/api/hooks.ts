import { useCallback, useEffect, useRef, useState } from 'react';
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

/** Reads one API method; re-reads when the input changes or after any write. */
export function useApi<M extends Method>(method: M, input?: ApiInput<M>, enabled = true): Query<ApiOutput<M>> {
  const key = JSON.stringify(input ?? null);
  const [state, setState] = useState<{ data?: ApiOutput<M>; error?: ApiError; loading: boolean; key?: string }>({ loading: enabled });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    listeners.add(reload);
    return () => void listeners.delete(reload);
  }, [reload]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    (call as (m: string, i: unknown) => Promise<ApiOutput<M>>)(method, input).then(
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
      if (running.current) throw new ApiError('BUSY', '上一个操作还在进行中,请稍候。');
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
