import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { newLine, type Line } from './DocLines';

/**
 * A screen's unposted work, kept per user and screen in this browser (localStorage): restored when
 * the screen opens again, after a menu click or a reload; removed once posted or cleared. While a
 * draft holds work, closing the window asks first.
 */
export function useDraft<T>(screen: string, snapshot: T, isEmpty: (t: T) => boolean, restore: (t: T) => void) {
  const { user } = useSession();
  const key = `ledger.draft.${user.id}.${screen}`;
  const [restored, setRestored] = useState(false);
  const ready = useRef(false);
  useEffect(() => {
    try {
      const raw = localStorage.getItem(key);
      const saved = raw ? (JSON.parse(raw) as T) : null;
      if (saved && !isEmpty(saved)) {
        restore(saved);
        setRestored(true);
      }
    } catch {
      localStorage.removeItem(key);
    }
    // Once per screen and user: the snapshot effect below keeps it from then on.
  }, [key]);
  const empty = isEmpty(snapshot);
  const text = JSON.stringify(snapshot);
  useEffect(() => {
    // The first pass holds the screen's initial state, not yet the restored draft: nothing to write.
    if (!ready.current) {
      ready.current = true;
      return;
    }
    if (empty) localStorage.removeItem(key);
    else localStorage.setItem(key, text);
  }, [key, text, empty]);
  useEffect(() => {
    if (empty) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [empty]);
  return { restored: restored && !empty, clear: () => { localStorage.removeItem(key); setRestored(false); } };
}

/** "已恢复上次未过账的草稿" (or the screen's own words, `title`) with 清空草稿. */
export function DraftNotice({ draft, onClear, title }: { draft: { restored: boolean; clear(): void }; onClear(): void; title?: string }) {
  const { t } = useI18n();
  if (!draft.restored) return null;
  return (
    <Alert type="info" showIcon style={{ marginBottom: 12 }} title={title ?? t('draft.restored')} data-testid="draft-notice"
      action={<Button size="small" onClick={() => { draft.clear(); onClear(); }} data-testid="draft-clear">{t('draft.clear')}</Button>} />
  );
}

/** Lines as a draft keeps them, and back (fresh keys: the screen's own counter goes on from there). */
export const linesEmpty = (lines: Line[]) => lines.every((l) => !l.item && !l.qty.trim());
export const rekey = (lines: Line[] | undefined) => (lines?.length ? lines.map(({ key: _key, ...l }) => newLine(l)) : [newLine()]);
