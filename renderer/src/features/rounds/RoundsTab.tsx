import { App, Button, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { byNumber, byText, paging } from '../../shared/table';
import { RoundForm } from './RoundForm';
import { useLedgerNow, type Round } from './round-choice';

/** 批次: every round, newest day first; 新开批次 and 结单; a closed round opens its 收货核对. */
export function RoundsTab({ rounds, loading, onOpen }: { rounds: Round[]; loading: boolean; onOpen(tab: 'summary' | 'gate', id: number): void }) {
  const { t } = useI18n();
  const tz = useOffice()?.timeZone;
  const now = useLedgerNow(15_000);
  const { modal } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const close = useMutation('rounds.close');
  const [creating, setCreating] = useState<Round | 'new' | null>(null);
  const stateOf = (r: Round) => (r.state === 'closed' ? 'closed' : Date.parse(r.cutoffAt) <= now ? 'cutOff' : 'taking');
  const confirmClose = (r: Round) => modal.confirm({
    title: t('rounds.closeTitle', { number: r.number }), content: t('rounds.closeHint', { orders: r.orders }),
    okText: t('rounds.close'), okButtonProps: { danger: true }, cancelText: t('common.cancel'),
    onOk: () => close.run({ id: r.id }).catch(showError),
  });
  const newButton = (
    <Button type="primary" disabled={!can('rounds.create')} onClick={() => setCreating('new')} data-testid="round-new">{t('rounds.new')}</Button>
  );
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {can('rounds.create') ? newButton : <Tooltip title={t('rounds.onlyCommunity')}>{newButton}</Tooltip>}
      </Space>
      <Table<Round> size="small" rowKey="id" loading={loading} dataSource={rounds} pagination={paging(t, { pageSize: 30 })} data-testid="rounds-table"
        columns={[
          { title: t('rounds.number'), dataIndex: 'number', width: 150, sorter: byText((r) => r.number) },
          { title: t('rounds.day'), dataIndex: 'day', width: 110, sorter: byText((r) => r.day) },
          { title: t('rounds.supplier'), dataIndex: 'supplierName', sorter: byText((r) => r.supplierName) },
          { title: t('rounds.compounds'), key: 'compounds', render: (_, r) => r.compounds.join(t('rounds.sep')) },
          { title: t('rounds.cutoff'), dataIndex: 'cutoffAt', width: 140, render: (v: string) => officeTime(v, tz), sorter: byText((r) => r.cutoffAt) },
          {
            title: t('common.state'), key: 'state', width: 90,
            render: (_, r) => ({ taking: <Tag color="green">{t('rounds.taking')}</Tag>, cutOff: <Tag color="orange">{t('rounds.cutOff')}</Tag>, closed: <Tag>{t('rounds.closed')}</Tag> })[stateOf(r)],
            filters: (['taking', 'cutOff', 'closed'] as const).map((s) => ({ text: t(`rounds.${s}`), value: s })), onFilter: (v, r) => stateOf(r) === v,
          },
          { title: t('rounds.orders'), dataIndex: 'orders', width: 80, align: 'right', sorter: byNumber((r) => r.orders) },
          {
            title: t('common.actions'), key: 'actions', width: 190, render: (_, r) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => onOpen('summary', r.id)} data-testid="round-summary">{t('rounds.tabSummary')}</Button>
                {r.state === 'closed' && <Button size="small" type="link" onClick={() => onOpen('gate', r.id)} data-testid="round-gate">{t('rounds.tabGate')}</Button>}
                {can('rounds.create') && <Button size="small" type="link" onClick={() => setCreating(r)} data-testid="round-copy">{t('rounds.copy')}</Button>}
                {can('rounds.close') && r.state === 'open' && (
                  <Button size="small" type="link" danger disabled={r.orders === 0} onClick={() => confirmClose(r)} data-testid="round-close">{t('rounds.close')}</Button>
                )}
              </Space>
            ),
          },
        ]} />
      {creating && <RoundForm from={creating === 'new' ? undefined : creating} onClose={() => setCreating(null)} />}
    </>
  );
}
