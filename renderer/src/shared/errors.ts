import { App } from 'antd';
import { useCallback } from 'react';
import { toApiError } from '../api/hooks';

/** Shows the ledger's own Chinese message when a call is refused. */
export function useShowError() {
  const { message } = App.useApp();
  return useCallback((err: unknown) => void message.error({ content: toApiError(err).message, duration: 6 }), [message]);
}
