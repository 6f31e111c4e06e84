import { Button, Select, Spin, type RefSelectProps, type SelectProps } from 'antd';
import { forwardRef, useMemo, useState } from 'react';
import type { ApiOutput } from '../api/client';
import { useApi, type Read } from '../api/hooks';
import { useI18n } from '../i18n';

type Common = Omit<SelectProps<number>, 'options' | 'filterOption' | 'onSearch' | 'showSearch'>;

/** The first items offered before anything is typed. */
const FIRST_ITEMS = { limit: 200 };

/** What the item, checkpoint and person pickers (and the store field, shown with several stores) read before anything is typed (started early on a slip screen). */
export const pickerReads: readonly Read[] = [['checkpoints.list', {}], ['people.list', {}], ['items.list', FIRST_ITEMS], ['stores.list', undefined]];

/** Items searched on the server by name, code, full pinyin or initials; best match first. */
export const ItemPicker = forwardRef<RefSelectProps, Common & { durableOnly?: boolean; selected?: ApiOutput<'items.get'>; onItem?: (item: ApiOutput<'items.get'>) => void }>(
  function ItemPicker({ durableOnly, selected, onItem, onChange, ...props }, ref) {
    const { t } = useI18n();
    const [q, setQ] = useState('');
    const { data, fresh } = useApi('items.list', q ? { q, limit: 30 } : FIRST_ITEMS);
    // Options of an older search are never offered: Enter must not pick a stale match.
    const items = useMemo(() => {
      const list = (fresh || !q ? (data ?? []) : []).filter((i) => !durableOnly || i.durable);
      // The chosen item keeps its label when it is not among the first results; while a replacement is typed it is
      // left out, so that Enter takes the best match of what was typed, never the item being replaced.
      return selected && !q && !list.some((i) => i.id === selected.id) ? [selected, ...list] : list;
    }, [data, fresh, q, durableOnly, selected]);
    return (
      <Select<number>
        ref={ref}
        showSearch={{ filterOption: false, onSearch: setQ }}
        onBlur={() => setQ('')}
        placeholder={t('common.searchHint')}
        options={items.map((i) => ({ value: i.id, label: `${i.name}${i.spec ? ` ${i.spec}` : ''}(${i.unit})` }))}
        notFoundContent={!data || (q && !fresh) ? <Spin size="small" /> : undefined}
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
type SearchProps = Common & { options: { value: number; label: string }[] | undefined; onQuery(q: string): void; notFound?: React.ReactNode };

/** A search box over the server's list: while the answer is on its way it says so (never "暂无数据" too early). */
const SearchSelect = forwardRef<RefSelectProps, SearchProps>(
  function SearchSelect({ options, onQuery, notFound, ...props }, ref) {
    const { t } = useI18n();
    return (
      <Select<number>
        ref={ref}
        showSearch={{ filterOption: false, onSearch: onQuery }}
        placeholder={t('common.searchHint')}
        options={options ?? []}
        loading={options === undefined}
        notFoundContent={options === undefined ? <Spin size="small" /> : notFound}
        // A chosen value (a restored draft) before its list arrives: "…", never its bare id.
        labelRender={(p) => (p.label === undefined || p.label === p.value ? '…' : p.label)}
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
  const options = (fresh || !q ? data : undefined)?.map((c) => ({ value: c.id, label: c.parentName ? `${c.name}(${c.parentName})` : c.name }));
  return <SearchSelect ref={ref} options={options} onQuery={setQ} {...props} />;
});

/** Pickup persons, the given checkpoint's people first. */
export const PersonPicker = forwardRef<RefSelectProps, Common & { checkpointId?: number; onCreate?(name: string): void }>(function PersonPicker({ checkpointId, onCreate, ...props }, ref) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const { data, fresh } = useApi('people.list', { ...(q ? { q } : {}), ...(checkpointId ? { checkpointId } : {}) });
  const options = (fresh || !q ? data : undefined)?.map((p) => ({ value: p.id, label: `${p.name}${p.phone ? ` ${p.phone}` : ''}` }));
  // Not found: "新增 王小明", the typed name carried over (mouse down keeps the box from clearing the query first).
  const name = q.trim();
  const notFound = onCreate && name && !/^[a-z]+$/i.test(name)
    ? <Button type="link" size="small" data-testid="person-create" onMouseDown={(e) => e.preventDefault()} onClick={() => onCreate(name)}>{t('people.createNamed', { name })}</Button>
    : undefined;
  return <SearchSelect ref={ref} options={options} onQuery={setQ} notFound={notFound} {...props} />;
});

/** Sources with their type. */
export const SourcePicker = forwardRef<RefSelectProps, Common>(function SourcePicker(props, ref) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const { data, fresh } = useApi('sources.list', q ? { q } : {});
  const options = (fresh || !q ? data : undefined)?.map((s) => ({ value: s.id, label: `${s.name}(${t(`source.${s.type}`)})` }));
  return <SearchSelect ref={ref} options={options} onQuery={setQ} {...props} />;
});
