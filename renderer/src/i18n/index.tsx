import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { currentLanguage, rememberLanguage, translator, type Language, type Translate } from './translate';

export { LANGUAGE_NAMES } from './translate';
import type { MessageKey } from './zh-CN';

export type { Language, Translate };

interface I18n {
  language: Language;
  setLanguage(l: Language): void;
  t: Translate;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(currentLanguage);
  const setLanguage = useCallback((l: Language) => {
    setState(l);
    rememberLanguage(l);
    document.documentElement.lang = l;
  }, []);
  const value = useMemo<I18n>(() => ({ language, setLanguage, t: translator(language) }), [language, setLanguage]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export type { MessageKey };
