import { createContext, useContext, type ReactNode } from 'react';
import type { ApiOutput } from '../api/client';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';

type Settings = ApiOutput<'settings.get'>;
const Context = createContext<Settings | undefined>(undefined);

/** Office settings (name, time zone, cutoff) for every screen. */
export function OfficeProvider({ children }: { children: ReactNode }) {
  const { data } = useApi('settings.get');
  const { office } = useSession();
  return <Context.Provider value={data ?? office ?? undefined}>{children}</Context.Provider>;
}

export function useOffice(): Settings | undefined {
  return useContext(Context);
}
