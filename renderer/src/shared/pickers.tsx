import { Select, type RefSelectProps, type SelectProps } from 'antd';
import { forwardRef, useMemo, useState } from 'react';
import type { ApiOutput } from '../api/client';
import { useApi } from '../api/hooks';
import { useI18n } from '../i18n';

type Common = Omit<SelectProps<number>, 'options' | 'filterOption' | 'onSearch' | 'showSearch'>;

/** Items searched on the server by name, code, full pinyin or initials; best match first. */
export const ItemPicker = forwardRef<RefSelectProps, Common & { durableOnly?: boolean; selected?: ApiOutput<'items.get'>; onItem?: (item: ApiOutput<'items.get'>) => void }>(
  function ItemPicker({ durableOnly, selected, onItem, onChange, ...props }, ref) {
    const { t } = useI18n();
    const [q, setQ] = useState('');
    const { data, fresh } = useApi('items.list', q ? { q, limit: 30 } : { limit: 200 });
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

/** Checkpoints by name or pinyin. */
export const CheckpointPicker = forwardRef<RefSelectProps, Common>(function CheckpointPicker(props, ref) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const { data: all, fresh } = useApi('checkpoints.list', q ? { q } : {});
  const data = fresh || !q ? all : [];
  return (
    <Select<number>
      ref={ref}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('common.searchHint')}
      options={(data ?? []).map((c) => ({ value: c.id, label: c.parentName ? `${c.name}(${c.parentName})` : c.name }))}
      style={{ width: '100%' }}
      onBlur={() => setQ('')}
      {...props}
    />
  );
});

/** Pickup persons, the given checkpoint's people first. */
export const PersonPicker = forwardRef<RefSelectProps, Common & { checkpointId?: number }>(function PersonPicker(
  { checkpointId, ...props },
  ref,
) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const { data: all, fresh } = useApi('people.list', { ...(q ? { q } : {}), ...(checkpointId ? { checkpointId } : {}) });
  const data = fresh || !q ? all : [];
  return (
    <Select<number>
      ref={ref}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('common.searchHint')}
      options={(data ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.phone ? ` ${p.phone}` : ''}` }))}
      style={{ width: '100%' }}
      onBlur={() => setQ('')}
      {...props}
    />
  );
});

/** Sources with their type. */
export const SourcePicker = forwardRef<RefSelectProps, Common>(function SourcePicker(props, ref) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const { data: all, fresh } = useApi('sources.list', q ? { q } : {});
  const data = fresh || !q ? all : [];
  return (
    <Select<number>
      ref={ref}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('common.searchHint')}
      options={(data ?? []).map((s) => ({ value: s.id, label: `${s.name}(${t(`source.${s.type}`)})` }))}
      style={{ width: '100%' }}
      onBlur={() => setQ('')}
      {...props}
    />
  );
});
