import { App } from 'antd';
import { useCallback, useState } from 'react';
import { toApiError } from '../api/hooks';

/** Shows the ledger's own Chinese message when a call is refused. */
export function useShowError() {
  const { message } = App.useApp();
  return useCallback((err: unknown) => void message.error({ content: toApiError(err).message, duration: 6 }), [message]);
}

/**
 * One slow action at a time on a screen (back up, export, preview): `busy` names the running one
 * for its button's spinner; a refusal is shown in the ledger's own words.
 */
export function useBusy() {
  const showError = useShowError();
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(
    async (key: string, action: () => Promise<unknown>, onError?: (err: unknown) => void) => {
      setBusy(key);
      try {
        await action();
      } catch (err) {
        (onError ?? showError)(err);
      } finally {
        setBusy(null);
      }
    },
    [showError],
  );
  return { busy, run };
}
