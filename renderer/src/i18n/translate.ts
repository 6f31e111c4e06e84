import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type Language = 'zh-CN' | 'en';

/** Each language named in itself (English stays “English”), whatever the screens are in: the language switch's options. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const CATALOGS = { 'zh-CN': zhCN, en } as const;
export const STORAGE_KEY = 'supply-ledger.language';

/** One language's translator: `{name}` in the text takes vars.name; a key missing in English falls back to Chinese. */
export function translator(language: Language): Translate {
  return (key, vars) => {
    const text: string = CATALOGS[language][key] ?? zhCN[key];
    return vars ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')) : text;
  };
}

/** The catalog's Chinese, for a caller that has no translator (the text is then exactly as before). */
export const chinese = translator('zh-CN');

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: Language = storedLanguage();

export const currentLanguage = () => current;

/** Remembered for the next start; `translate` follows at once. */
export function rememberLanguage(l: Language): void {
  current = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* private mode: the choice lasts for this session */
  }
}

/** For code outside React (the API client, the print and file helpers): the language the screens are in. */
export const translate: Translate = (key, vars) => translator(current)(key, vars);
