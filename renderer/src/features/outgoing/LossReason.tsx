import { Input, Select, Space, type InputRef } from 'antd';
import { useRef } from 'react';
import { useI18n } from '../../i18n';
import { LOSS_KIND_KEYS, storedWord } from '../../shared/labels';

/** The kinds as they are stored at the head of the reason, whatever the screen's language. */
export const LOSS_KINDS: readonly string[] = LOSS_KIND_KEYS.map(storedWord);
export const OTHER_KIND = storedWord('loss.other');

/** "破损:运输挤压" ⇄ kind + text: the kind is picked, the words after it are typed. */
export function splitReason(reason: string | undefined): { kind?: string; text: string } {
  if (!reason) return { text: '' };
  const [kind, ...rest] = reason.split(':');
  return LOSS_KINDS.includes(kind) ? { kind, text: rest.join(':') } : { kind: OTHER_KIND, text: reason };
}

export const joinReason = (kind: string | undefined, text: string) => (kind ? (text.trim() ? `${kind}:${text.trim()}` : kind) : text.trim());

/**
 * A loss line's reason: 过期 / 破损 / 霉变 / 其他 and a few words (其他 needs them). By keyboard: Tab
 * to the kind, ↓ opens the list, ↑↓ and Enter choose, and the cursor goes on to the words; Enter
 * on a kind already chosen goes there too.
 */
export function LossReason({ value, onChange, placeholder }: { value?: string; onChange(v: string): void; placeholder: string }) {
  const { t } = useI18n();
  const { kind, text } = splitReason(value);
  const textRef = useRef<InputRef>(null);
  const toText = () => setTimeout(() => textRef.current?.focus());
  return (
    <Space.Compact style={{ width: '100%' }}>
      <span style={{ display: 'inline-flex' }} onKeyDownCapture={(e) => {
        if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || !kind || (e.target as HTMLElement).getAttribute('aria-expanded') === 'true') return;
        e.preventDefault();
        e.stopPropagation();
        toText();
      }}>
        <Select style={{ width: 84 }} value={kind} placeholder={t('outgoing.kindPlaceholder')} data-testid="loss-kind" options={LOSS_KIND_KEYS.map((k) => ({ value: storedWord(k), label: t(k) }))}
          onChange={(k) => onChange(joinReason(k, text))} onSelect={toText} />
      </span>
      <Input ref={textRef} value={text} maxLength={150} placeholder={placeholder} data-testid="loss-text" onChange={(e) => onChange(joinReason(kind, e.target.value))} />
    </Space.Compact>
  );
}
