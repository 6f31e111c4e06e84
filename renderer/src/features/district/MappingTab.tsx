import { App, Button, Card, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ApiOutput } from '../../api/client';
import { useApi, useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { officeDate } from '../../shared/format';
import { useShowError } from '../../shared/errors';
import { useOffice } from '../../shared/office';
import { ItemPicker } from '../../shared/pickers';

type Unmatched = ApiOutput<'district.summary'>['unmatched'][number];
type Mapping = ApiOutput<'mappings.list'>[number];
type Item = ApiOutput<'items.get'>;

/** 物资对应: a unit's good that matches none of this office's items is mapped once, with its unit factor, and remembered. */
export function MappingTab({ day: asked }: { day?: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const office = useOffice();
  const day = asked ?? officeDate(office?.now ?? new Date(), office?.timeZone);
  const summary = useApi('district.summary', { day });
  const mappings = useApi('mappings.list');
  const remove = useMutation('mappings.delete');
  const showError = useShowError();
  const { modal } = App.useApp();
  const writes = can('mappings.create');
  const unmatched = summary.data?.unmatched ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {summary.data && unmatched.length === 0
        ? <Typography.Text type="success">{t('inbox.allMatched', { day })}</Typography.Text>
        : (
          <Table<Unmatched> size="small" rowKey={(u) => `${u.name}|${u.spec}|${u.unit}`} loading={summary.loading} dataSource={unmatched} pagination={false} data-testid="mapping-unmatched"
            columns={[
              { title: t('inbox.mapGood'), key: 'good', render: (_, u) => `${u.name}${u.spec ? ` ${u.spec}` : ''}` },
              { title: t('common.unit'), dataIndex: 'unit', width: 60 },
              { title: t('inbox.mapUnits'), key: 'units', render: (_, u) => u.units.join('、') },
              { title: t('inbox.mapTo'), key: 'to', width: 460, hidden: !writes, render: (_, u) => <MapForm good={u} /> },
            ]} />
        )}
      <Card size="small" title={t('inbox.mappings')}>
        <Table<Mapping> size="small" rowKey="id" loading={mappings.loading} dataSource={mappings.data ?? []} pagination={false} data-testid="mapping-list"
          columns={[
            { title: t('inbox.mapGood'), key: 'good', render: (_, m) => `${m.name}${m.spec ? ` ${m.spec}` : ''}(${m.unit})` },
            { title: t('inbox.mapTo'), key: 'to', render: (_, m) => `${m.item}${m.itemSpec ? ` ${m.itemSpec}` : ''}(${m.itemUnit})` },
            { title: t('inbox.factor'), key: 'factor', width: 160, render: (_, m) => `1 ${m.unit} = ${m.factor} ${m.itemUnit}` },
            {
              title: t('common.actions'), key: 'actions', width: 100, hidden: !writes,
              render: (_, m) => <Button size="small" type="link" danger data-testid="mapping-delete" onClick={() => modal.confirm({ title: t('inbox.unmapConfirm'), okText: t('inbox.unmap'), cancelText: t('common.cancel'), onOk: () => remove.run({ id: m.id }).catch(showError) })}>{t('inbox.unmap')}</Button>,
            },
          ]} />
      </Card>
    </Space>
  );
}

function MapForm({ good }: { good: Unmatched }) {
  const { t } = useI18n();
  const [item, setItem] = useState<Item | null>(null);
  const [factor, setFactor] = useState<number | null>(null);
  const create = useMutation('mappings.create');
  const showError = useShowError();
  const { message } = App.useApp();
  const differs = item && item.unit !== good.unit;
  const save = () => item && create.run({ name: good.name, spec: good.spec, unit: good.unit, itemId: item.id, ...(differs ? { factor: factor ?? undefined } : {}) })
    .then(() => message.success(t('inbox.mapped')), showError);
  return (
    <Space>
      <ItemPicker style={{ width: 240 }} value={item?.id} selected={item ?? undefined} onItem={setItem} data-testid="mapping-item" />
      {differs && <InputNumber min={1} precision={0} value={factor} onChange={setFactor} placeholder={t('inbox.factorHint', { their: good.unit, ours: item.unit })} style={{ width: 130 }} data-testid="mapping-factor" />}
      <Button type="primary" size="small" disabled={!item || (!!differs && !factor)} loading={create.busy} onClick={save} data-testid="mapping-save">{t('inbox.map')}</Button>
    </Space>
  );
}
