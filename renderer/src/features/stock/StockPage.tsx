import { Button, Input, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import type { ApiOutput } from '../../api/client';
import { useApi } from '../../api/hooks';
import { navigate, useRoute } from '../../app/router';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { StoreField } from '../../shared/stores';
import { byNumber, byText, filtersOf, paging } from '../../shared/table';

type Row = ApiOutput<'stock.list'>[number];

/** 库存: per item with its batches; low stock and near expiry highlighted; sortable, filterable, 共 N 条. */
export function StockPage() {
  const { t } = useI18n();
  const { params } = useRoute();
  const { can } = useSession();
  const [q, setQ] = useState('');
  const [onlyLow, setOnlyLow] = useState(params.get('filter') === 'low');
  const [onlyExpiry, setOnlyExpiry] = useState(params.get('filter') === 'expiry');
  const [inUnits, setInUnits] = useState(false);
  const [storeId, setStoreId] = useState<number>();
  const stock = useApi('stock.list', { ...(q ? { q } : {}), ...(storeId ? { storeId } : {}), onlyLow, onlyNearExpiry: onlyExpiry });
  const rows = stock.data ?? [];
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <StoreField value={storeId} onChange={setStoreId} allowAll testId="stock-store" />
        <Input.Search allowClear placeholder={t('common.searchHint')} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} />
        <Space><Switch size="small" checked={onlyLow} onChange={setOnlyLow} />{t('stock.onlyLow')}</Space>
        <Space><Switch size="small" checked={onlyExpiry} onChange={setOnlyExpiry} />{t('stock.onlyExpiry')}</Space>
        <Space><Switch size="small" checked={inUnits} onChange={setInUnits} data-testid="stock-in-units" />{t('stock.inUnits')}</Space>
      </Space>
      <Table
        size="small"
        rowKey="itemId"
        loading={stock.loading}
        dataSource={rows}
        pagination={paging(t, { pageSize: 50 })}
        data-testid="stock-table"
        rowClassName={(r) => (r.low ? 'row-low' : '')}
        expandable={{
          rowExpandable: (r) => r.batches.some((b) => b.batchNo || b.expiryDate),
          expandedRowRender: (r) => (
            <Table size="small" pagination={false} rowKey="batchId" dataSource={r.batches}
              columns={[
                { title: t('common.batch'), dataIndex: 'batchNo' },
                { title: t('common.production'), dataIndex: 'productionDate' },
                { title: t('common.expiry'), dataIndex: 'expiryDate', render: (v: string | null, b) => <Space>{v}{b.expired && <Tag color="red">{t('stock.expired')}</Tag>}{b.nearExpiry && <Tag color="orange">{t('stock.nearExpiry')}</Tag>}</Space> },
                { title: t('common.quantity'), dataIndex: 'quantity', align: 'right', render: (v: number) => `${v} ${r.unit}` },
                {
                  title: '', width: 80, render: (_, b) => can('docs.post') && (b.expired || b.nearExpiry) && b.quantity > 0 && (
                    <Button size="small" type="link" danger data-testid="batch-loss" onClick={() => navigate('/outgoing', { item: r.itemId, batch: b.batchId, expired: b.expired ? 1 : undefined, store: storeId })}>{t('stock.loss')}</Button>
                  ),
                },
              ]} />
          ),
        }}
        columns={[
          { title: t('common.code'), dataIndex: 'code', width: 90, sorter: byText<Row>((r) => r.code) },
          { title: t('common.name'), dataIndex: 'name', sorter: byText<Row>((r) => r.name) },
          { title: t('common.spec'), dataIndex: 'spec' },
          { title: t('common.category'), dataIndex: 'categoryName', filters: filtersOf(rows, (r) => r.categoryName), onFilter: (v, r) => r.categoryName === v },
          { title: t('common.stock'), dataIndex: 'quantity', align: 'right', sorter: byNumber<Row>((r) => r.quantity), render: (v: number, r) => <b style={{ color: r.low ? '#cf1322' : undefined }}>{inUnits ? r.inUnits : `${v} ${r.unit}`}</b> },
          { title: t('items.minStock'), dataIndex: 'minStock', align: 'right', sorter: byNumber<Row>((r) => r.minStock) },
          {
            title: t('common.state'),
            filters: [{ text: t('stock.low'), value: 'low' }, { text: t('stock.expired'), value: 'expired' }, { text: t('stock.nearExpiry'), value: 'nearExpiry' }],
            onFilter: (v, r) => !!r[v as 'low' | 'expired' | 'nearExpiry'],
            render: (_, r) => (
              <Space size={4}>
                {r.low && <Tag color="red">{t('stock.low')}</Tag>}
                {r.expired && <Tag color="red">{t('stock.expired')}</Tag>}
                {r.nearExpiry && <Tag color="orange">{t('stock.nearExpiry')}</Tag>}
              </Space>
            ),
          },
          { title: '', width: 80, render: (_, r) => <Button size="small" type="link" onClick={() => navigate('/ledger', { item: r.itemId })}>{t('stock.card')}</Button> },
        ]}
      />
    </div>
  );
}
