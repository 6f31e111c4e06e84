import { Select, type RefSelectProps, type SelectProps } from 'antd';
import { forwardRef, useMemo, useState } from 'react';
import type { ApiOutput } from '../api/client';
import { useApi } from '../api/hooks';
import { useI18n } from '../i18n';

type Common = Omit<SelectProps<number>, 'options' | 'filterOption' | 'onSearch' | 'showSearch'>;

/** Items searched on the server by name, code, full pinyin or initials; best match first. */
export const ItemPicker = forwardRef<RefSelectProps, Common & { durableOnly?: boolean; onItem?: (item: ApiOutput<'items.get'>) => void }>(
  function ItemPicker({ durableOnly, onItem, onChange, ...props }, ref) {
    const { t } = useI18n();
    const [q, setQ] = useState('');
    const { data } = useApi('items.list', q ? { q, limit: 30 } : { limit: 200 });
    const items = useMemo(() => (data ?? []).filter((i) => !durableOnly || i.durable), [data, durableOnly]);
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
  const { data } = useApi('checkpoints.list', q ? { q } : {});
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
  const { data } = useApi('people.list', { ...(q ? { q } : {}), ...(checkpointId ? { checkpointId } : {}) });
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
  const { data } = useApi('sources.list', q ? { q } : {});
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
