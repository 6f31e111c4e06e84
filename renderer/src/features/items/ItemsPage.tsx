import { Button, Input, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import type { ApiOutput } from '../../api/client';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { downloadBase64 } from '../../shared/download';
import { yuan } from '../../shared/format';
import { unitsOf } from '../../shared/quantity';
import { unitListText } from '../../../../db/units';
import { ImportDialog } from './ImportDialog';
import { ItemForm } from './ItemForm';
import { CategoriesTab, CheckpointsTab, PeopleTab, SourcesTab } from './PlacesTabs';
import { useSession } from '../../app/session';
import { byNumber, byText, filtersOf, paging } from '../../shared/table';
import { useToggleActive } from './useDeactivate';

type Item = ApiOutput<'items.get'>;

function Catalog() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [categoryId, setCategoryId] = useState<number>();
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<{ item?: Item } | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const categories = useApi('categories.list');
  const items = useApi('items.list', { ...(q ? { q } : {}), ...(categoryId ? { categoryId } : {}), includeInactive: showInactive, limit: 20000 });
  const toggleActive = useToggleActive();
  const { can } = useSession();
  const rows = items.data ?? [];
  const showError = useShowError();
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder={t('common.searchHint')} onSearch={setQ} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} />
        <Select allowClear placeholder={t('common.category')} style={{ width: 160 }} value={categoryId} onChange={setCategoryId}
          options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        <Space>
          <Switch size="small" checked={showInactive} onChange={setShowInactive} />
          {t('items.showInactive')}
        </Space>
        {can('items.create') && <Button type="primary" onClick={() => setEditing({})}>{t('items.new')}</Button>}
        {can('catalog.importCommit') && <Button onClick={() => setImporting(true)} data-testid="items-import">{t('items.import')}</Button>}
        <Button loading={exporting} onClick={async () => {
          setExporting(true);
          try {
            const file = await call('catalog.export');
            downloadBase64(file.fileName, file.data);
          } catch (err) {
            showError(err);
          } finally {
            setExporting(false);
          }
        }}>{t('items.export')}</Button>
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={items.loading}
        dataSource={rows}
        data-testid="items-table"
        pagination={paging(t, { pageSize: 50 })}
        columns={[
          { title: t('common.code'), dataIndex: 'code', width: 90, sorter: byText<Item>((r) => r.code) },
          { title: t('common.name'), dataIndex: 'name', sorter: byText<Item>((r) => r.pinyin || r.name), render: (v: string, r) => <a href={`#/ledger?item=${r.id}`}>{v}</a> },
          { title: t('common.spec'), dataIndex: 'spec' },
          {
            title: t('common.category'), dataIndex: 'categoryName', sorter: byText<Item>((r) => r.categoryName),
            filters: filtersOf(rows, (r) => r.categoryName), onFilter: (v, r) => r.categoryName === v,
          },
          { title: t('common.unit'), dataIndex: 'unit', width: 70, filters: filtersOf(rows, (r) => r.unit), onFilter: (v, r) => r.unit === v },
          // Every pack unit, as the import and export write them: 盒=50只;箱=40盒.
          { title: t('items.pack'), render: (_, r) => unitListText(unitsOf(r)) },
          { title: t('items.minStock'), dataIndex: 'minStock', align: 'right', sorter: byNumber<Item>((r) => r.minStock) },
          { title: t('items.unitPrice'), dataIndex: 'unitPrice', align: 'right', sorter: byNumber<Item>((r) => r.unitPrice), render: (v: number) => (v ? yuan(v) : '') },
          {
            title: '', render: (_, r) => (
              <Space size={4}>
                {r.tracksBatches && <Tag color="blue">{t('common.batch')}</Tag>}
                {r.durable && <Tag color="purple">{t('items.durableTag')}</Tag>}
                {!r.active && <Tag>{t('items.inactive')}</Tag>}
              </Space>
            ),
          },
          // Only for those who may change goods: a read-only account sees the list, not buttons that would be refused.
          ...(can('items.update') ? [{
            title: t('common.actions'), width: 120, render: (_: unknown, r: Item) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setEditing({ item: r })}>{t('common.edit')}</Button>
                <Button size="small" type="link" data-testid="item-toggle-active" onClick={() => void toggleActive(r)}>
                  {t(r.active ? 'items.deactivate' : 'items.activate')}
                </Button>
              </Space>
            ),
          }] : []),
        ]}
      />
      <ItemForm open={!!editing} item={editing?.item} onClose={() => setEditing(null)} />
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
    </>
  );
}

export function ItemsPage() {
  const { t } = useI18n();
  return (
    <Tabs
      items={[
        { key: 'items', label: t('items.catalog'), children: <Catalog /> },
        { key: 'checkpoints', label: t('items.checkpoints'), children: <CheckpointsTab /> },
        { key: 'people', label: t('items.people'), children: <PeopleTab /> },
        { key: 'sources', label: t('items.sources'), children: <SourcesTab /> },
        { key: 'categories', label: t('items.categories'), children: <CategoriesTab /> },
      ]}
    />
  );
}
