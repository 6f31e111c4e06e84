import { Select, Spin, type RefSelectProps } from 'antd';
import { forwardRef, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiOutput } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n, type Translate } from '../../i18n';

export type Household = ApiOutput<'households.list'>[number];

/** The marks staff must see when they take an order: 独居老人, 行动不便, 慢性病. */
export function householdFlags(t: Translate, h: Pick<Household, 'elderlyAlone' | 'limitedMobility' | 'chronic'>): string[] {
  return [h.elderlyAlone && t('households.elderlyAlone'), h.limitedMobility && t('households.limitedMobility'), h.chronic && t('households.chronic')].filter((x): x is string => !!x);
}

/** "东湖小区 3-2-602 王建华". */
export const householdLabel = (h: Pick<Household, 'compound' | 'address' | 'contact'>) => [h.compound, h.address, h.contact].filter(Boolean).join(' ');

interface Props {
  /** Only households of these compounds are offered (the round's). */
  compounds: readonly string[];
  value?: Household;
  disabled?: boolean;
  autoFocus?: boolean;
  onPick(h: Household): void;
  /** A search for a household begins (what is shown of it may be read again meanwhile). */
  onLookup?(): void;
}

/**
 * The household box: "3-2-602", "3栋602" or the contact's initials, searched by the ledger. Enter
 * takes the first match; an Enter pressed before the answer has come waits for it, so that a fast
 * typist never picks the match of what was typed before.
 */
export const HouseholdPicker = forwardRef<RefSelectProps, Props>(function HouseholdPicker({ compounds, value, disabled, autoFocus, onPick, onLookup }, ref) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const typed = q.trim();
  const found = useApi('households.list', { q: typed, limit: 40 }, typed !== '');
  const matches = useMemo(
    () => (typed && found.fresh ? (found.data ?? []).filter((h) => compounds.includes(h.compound)).slice(0, 15) : []),
    [typed, found.fresh, found.data, compounds],
  );
  const waiting = useRef(false);
  /** Whether the arrow keys moved through the matches since the last search: Enter then takes the one chosen. */
  const moved = useRef(false);
  const choose = (h: Household) => {
    setQ('');
    onPick(h);
  };
  useEffect(() => {
    if (!waiting.current || !typed || !found.fresh) return;
    waiting.current = false;
    if (matches[0]) choose(matches[0]);
  });
  const options = (value && !typed ? [value] : matches).map((h) => {
    const flags = householdFlags(t, h);
    return { value: h.id, label: flags.length ? `${householdLabel(h)}(${flags.join(t('rounds.sep'))})` : householdLabel(h) };
  });
  return (
    <div onKeyDownCapture={(e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') moved.current = true;
      if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || !typed || (found.fresh && moved.current)) return;
      // Enter takes the first match here, not through the list: the list marks its first option in an effect after
      // the answer is drawn, and an Enter in that moment would pick nothing (a search answering late). One pressed
      // before the answer waits for it.
      e.preventDefault();
      e.stopPropagation();
      if (!found.fresh) waiting.current = true;
      else if (matches[0]) choose(matches[0]);
    }}>
      <Select<number> ref={ref} value={value?.id ?? null} options={options} disabled={disabled} autoFocus={autoFocus} data-testid="order-household"
        showSearch={{ filterOption: false, onSearch: (s) => { waiting.current = false; moved.current = false; if (!q.trim() && s.trim()) onLookup?.(); setQ(s); } }} onBlur={() => setQ('')}
        placeholder={t('rounds.householdHint')} style={{ width: '100%' }}
        notFoundContent={typed && !found.fresh ? <Spin size="small" /> : typed ? t('rounds.noHousehold') : t('rounds.householdHint')}
        onChange={(id) => {
          const h = matches.find((x) => x.id === id);
          if (h) choose(h);
        }} />
    </div>
  );
});
