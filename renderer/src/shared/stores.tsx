import { Form, Select } from 'antd';
import { useState } from 'react';
import { useApi } from '../api/hooks';
import { useI18n } from '../i18n';

/**
 * The stores in use. An office with one store never sees a store anywhere: `several` is false, the
 * fields below render nothing, and every document goes to the default store as before.
 */
export function useStores() {
  const list = useApi('stores.list');
  const active = (list.data ?? []).filter((s) => s.active);
  return { active, several: active.length > 1, defaultId: active.find((s) => s.isDefault)?.id ?? active[0]?.id, loading: list.loading };
}

/**
 * The store a document names: the one chosen, else (several stores) the default one, sent explicitly
 * so that what the screen shows is what it reads (可用, 可退, 账面) and posts. `chosenStore` is what a
 * draft keeps. With one store it is undefined and nothing names a store.
 */
export function useDocStore(initial?: number) {
  const stores = useStores();
  const [chosenStore, setStoreId] = useState<number | undefined>(initial);
  const storeId = chosenStore ?? (stores.several ? stores.defaultId : undefined);
  return { storeId, chosenStore, setStoreId, stores };
}

interface Props {
  value: number | undefined;
  onChange(id: number | undefined): void;
  /** 调入库房 leaves out the store the goods leave. */
  exclude?: number;
  label?: 'stores.store' | 'stores.from' | 'stores.to';
  testId?: string;
  /** Filters (库存, 台账) may show every store at once; documents always name one. */
  allowAll?: boolean;
  /** A stocktake half counted keeps its store. */
  disabled?: boolean;
  autoFocus?: boolean;
}

/** 库房 on a document or a filter, only when the office keeps more than one store. */
export function StoreField({ value, onChange, exclude, label = 'stores.store', testId = 'store-field', allowAll, disabled, autoFocus }: Props) {
  const { t } = useI18n();
  const stores = useStores();
  if (!stores.several) return null;
  const options = stores.active.filter((s) => s.id !== exclude).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Form.Item label={t(label)} required={!allowAll} style={{ marginBottom: 0 }}>
      <Select<number | 0> style={{ width: 160 }} data-testid={testId} disabled={disabled} autoFocus={autoFocus} showSearch={{ optionFilterProp: 'label' }} value={value ?? (allowAll ? 0 : label === 'stores.to' ? undefined : stores.defaultId)}
        placeholder={t('stores.pick')} onChange={(v) => onChange(v || undefined)}
        options={allowAll ? [{ value: 0, label: t('stores.all') }, ...options] : options} />
    </Form.Item>
  );
}
