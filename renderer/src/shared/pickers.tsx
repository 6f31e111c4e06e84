import { Select, type RefSelectProps, type SelectProps } from 'antd';
import { forwardRef, useMemo, useState } from 'react';
import type { ApiOutput } from '../api/client';
import { useApi, type Read } from '../api/hooks';
import { useI18n } from '../i18n';

type Common = Omit<SelectProps<number>, 'options' | 'filterOption' | 'onSearch' | 'showSearch'>;

/** The first items offered before anything is typed. */
const FIRST_ITEMS = { limit: 200 };

/** What the item, checkpoint and person pickers read before anything is typed (started early on a slip screen). */
export const pickerReads: readonly Read[] = [['checkpoints.list', {}], ['people.list', {}], ['items.list', FIRST_ITEMS]];

/** Items searched on the server by name, code, full pinyin or initials; best match first. */
export const ItemPicker = forwardRef<RefSelectProps, Common & { durableOnly?: boolean; selected?: ApiOutput<'items.get'>; onItem?: (item: ApiOutput<'items.get'>) => void }>(
  function ItemPicker({ durableOnly, selected, onItem, onChange, ...props }, ref) {
    const { t } = useI18n();
    const [q, setQ] = useState('');
    const { data, fresh } = useApi('items.list', q ? { q, limit: 30 } : FIRST_ITEMS);
    // Options of an older search are never offered: Enter must not pick a stale match.
    const items = useMemo(() => {
      const list = (fresh || !q ? (data ?? []) : []).filter((i) => !durableOnly || i.durable);
      // The chosen item always has its label, even when it is not among the first results.
      return selected && !list.some((i) => i.id === selected.id) ? [selected, ...list] : list;
    }, [data, fresh, q, durableOnly, selected]);
    return (
      <Select<number>
        ref={ref}
        showSearch={{ filterOption: false, onSearch: setQ }}
        placeholder={t('common.searchHint')}
        options={items.map((i) => ({ value: i.id, label: `${i.name}${i.spec ? ` ${i.spec}` : ''}(${i.unit})` }))}
        onChange={(v, o) => {
          setQ('');
          onChange?.(v, o);
          const item = items.find((i) => i.id === v);
          if (item) onItem?.(item);
        }}
        style={{ width: '100%' }}
        {...props}
      />
    );
  },
);

/** A search select over short lists: the server ranks, options of an older search are never offered. */
const SearchSelect = forwardRef<RefSelectProps, Common & { options: { value: number; label: string }[] | undefined; onQuery(q: string): void }>(
  function SearchSelect({ options, onQuery, ...props }, ref) {
    const { t } = useI18n();
    return (
      <Select<number>
        ref={ref}
        showSearch={{ filterOption: false, onSearch: onQuery }}
        placeholder={t('common.searchHint')}
        options={options ?? []}
        style={{ width: '100%' }}
        onBlur={() => onQuery('')}
        {...props}
      />
    );
  },
);

/** Checkpoints by name or pinyin. */
export const CheckpointPicker = forwardRef<RefSelectProps, Common>(function CheckpointPicker(props, ref) {
  const [q, setQ] = useState('');
  const { data, fresh } = useApi('checkpoints.list', q ? { q } : {});
  const options = (fresh || !q ? data : [])?.map((c) => ({ value: c.id, label: c.parentName ? `${c.name}(${c.parentName})` : c.name }));
  return <SearchSelect ref={ref} options={options} onQuery={setQ} {...props} />;
});

/** Pickup persons, the given checkpoint's people first. */
export const PersonPicker = forwardRef<RefSelectProps, Common & { checkpointId?: number }>(function PersonPicker({ checkpointId, ...props }, ref) {
  const [q, setQ] = useState('');
  const { data, fresh } = useApi('people.list', { ...(q ? { q } : {}), ...(checkpointId ? { checkpointId } : {}) });
  const options = (fresh || !q ? data : [])?.map((p) => ({ value: p.id, label: `${p.name}${p.phone ? ` ${p.phone}` : ''}` }));
  return <SearchSelect ref={ref} options={options} onQuery={setQ} {...props} />;
});

/** Sources with their type. */
export const SourcePicker = forwardRef<RefSelectProps, Common>(function SourcePicker(props, ref) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const { data, fresh } = useApi('sources.list', q ? { q } : {});
  const options = (fresh || !q ? data : [])?.map((s) => ({ value: s.id, label: `${s.name}(${t(`source.${s.type}`)})` }));
  return <SearchSelect ref={ref} options={options} onQuery={setQ} {...props} />;
});
