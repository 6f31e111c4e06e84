import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { ApiOutput } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { officeDate } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { byText, paging } from '../../shared/table';
import { CERTIFICATE_KINDS, SupplierForm } from './SupplierForm';

export type Supplier = ApiOutput<'suppliers.list'>[number];

/** The office's today: a certificate valid until yesterday has expired. */
export function useOfficeToday(): string {
  const office = useOffice();
  return officeDate(office?.now ?? new Date(), office?.timeZone ?? 'Asia/Shanghai');
}

/** 供货单位: each with its three certificates; an expired or missing one stands out. */
export function SuppliersTab() {
  const { t } = useI18n();
  const { can } = useSession();
  const today = useOfficeToday();
  const list = useApi('suppliers.list', { includeInactive: true });
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const writes = can('suppliers.create');
  const addButton = <Button type="primary" disabled={!writes} onClick={() => setEditing('new')} data-testid="supplier-new">{t('suppliers.new')}</Button>;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>{writes ? addButton : <Tooltip title={t('rounds.onlyCommunity')}>{addButton}</Tooltip>}</Space>
      <Table<Supplier> size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={paging(t, { pageSize: 30 })} data-testid="suppliers-table"
        columns={[
          { title: t('common.name'), dataIndex: 'name', sorter: byText((s) => s.name) },
          { title: t('common.type'), dataIndex: 'kind', width: 90, render: (k: Supplier['kind']) => t(`suppliers.kind.${k}`) },
          { title: t('rounds.contact'), dataIndex: 'contact', width: 90 },
          { title: t('common.phone'), dataIndex: 'phone', width: 120 },
          ...CERTIFICATE_KINDS.map((kind) => ({
            title: t(`suppliers.cert.${kind}`), key: kind, width: 170,
            render: (_: unknown, s: Supplier) => {
              const c = s.certificates.find((x) => x.kind === kind);
              if (!c) return <Typography.Text type="danger">{t('suppliers.missing')}</Typography.Text>;
              const expired = c.validUntil < today;
              return (
                <span data-testid={`cert-${kind}`}>
                  <Typography.Text type={expired ? 'danger' : undefined}>{t('suppliers.until', { day: c.validUntil })}</Typography.Text>
                  {expired && <Tag color="red" style={{ marginLeft: 4 }}>{t('suppliers.expired')}</Tag>}
                </span>
              );
            },
          })),
          { title: t('common.state'), dataIndex: 'active', width: 70, render: (v: boolean) => (v ? '' : <Tag>{t('items.inactive')}</Tag>) },
          {
            title: t('common.actions'), key: 'actions', width: 70, hidden: !can('suppliers.update'),
            render: (_, s) => <Button size="small" type="link" onClick={() => setEditing(s)} data-testid="supplier-edit">{t('common.edit')}</Button>,
          },
        ]} />
      {editing && <SupplierForm supplier={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
