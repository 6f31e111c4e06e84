import { Result, Spin } from 'antd';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiResult } from '../../../db/api/call';
import { call, onSignedOut, type ApiOutput, type Method } from '../api/client';
import { invalidateAll } from '../api/hooks';
import { mayCall } from '../../../db/auth/access';
import { LoginScreen } from '../features/auth/LoginScreen';
import { RecoveryScreen, type Damage } from '../features/auth/RecoveryScreen';
import { SetupScreen } from '../features/auth/SetupScreen';
import { useI18n } from '../i18n';
import { roleKey } from '../shared/labels';

type User = ApiOutput<'auth.me'>;
type State =
  | { kind: 'loading' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'damaged'; damage: Damage }
  | { kind: 'setup' }
  | { kind: 'login'; officeName: string }
  | { kind: 'ready'; user: User; office: ApiOutput<'settings.get'> | null };

interface SessionValue {
  user: User;
  roleLabel: string;
  /** Whether the user's role may call a method: the same table the API enforces. */
  can(method: Method): boolean;
  /** The office settings as they were at login (the office provider refreshes them). */
  office: ApiOutput<'settings.get'> | null;
  logout(): Promise<void>;
}

const Context = createContext<SessionValue | null>(null);

type Status = ApiOutput<'auth.status'> & { damaged?: Damage };

declare global {
  interface Window {
    /** auth.status for this page's session, sent with the page by the HTTP server (boot.js). */
    __LEDGER_BOOT__?: ApiResult<Status> | null;
  }
}

function stateOf(status: Status): State {
  if (status.damaged) return { kind: 'damaged', damage: status.damaged };
  if (status.needsSetup) return { kind: 'setup' };
  return status.user ? { kind: 'ready', user: status.user, office: status.office } : { kind: 'login', officeName: status.officeName };
}

/** The status that came with the page, used once: later checks ask the ledger. */
function bootState(): State {
  const boot = window.__LEDGER_BOOT__;
  window.__LEDGER_BOOT__ = null;
  return boot?.ok ? stateOf(boot.data) : { kind: 'loading' };
}

/** Who is logged in; the login, first-run and recovery screens stand in front of the app until someone is. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>(bootState);
  const refresh = useCallback(async () => {
    try {
      setState(stateOf((await call('auth.status')) as Status));
    } catch (err) {
      setState({ kind: 'unreachable', message: (err as Error).message });
    }
  }, []);
  const booted = useRef(state.kind !== 'loading');
  useEffect(() => {
    if (!booted.current) void refresh();
    booted.current = false;
  }, [refresh]);
  useEffect(() => onSignedOut(() => void refresh()), [refresh]);
  const signedIn = useCallback((user: User) => {
    setState({ kind: 'ready', user, office: null });
    invalidateAll();
  }, []);

  switch (state.kind) {
    case 'loading':
      return <Spin fullscreen />;
    case 'unreachable':
      return <Result status="error" title={t('shell.unreachableTitle')} subTitle={state.message} />;
    case 'damaged':
      return <RecoveryScreen damage={state.damage} onRestored={refresh} />;
    case 'setup':
      return <SetupScreen onDone={signedIn} />;
    case 'login':
      return <LoginScreen officeName={state.officeName} onDone={signedIn} />;
    case 'ready': {
      const user = state.user;
      const value: SessionValue = {
        user,
        office: state.office,
        roleLabel: t(roleKey(user.role)),
        can: (method) => mayCall(user.role, method),
        logout: async () => {
          await call('auth.logout').catch(() => undefined);
          void refresh();
        },
      };
      return <Context.Provider value={value}>{children}</Context.Provider>;
    }
  }
}

export function useSession(): SessionValue {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionGate');
  return value;
}
