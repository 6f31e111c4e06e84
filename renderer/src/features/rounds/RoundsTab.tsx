import { App, Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactElement } from 'react';
import { useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { byNumber, byText, paging } from '../../shared/table';
import { useAnonymise } from './anonymise';
import { freeName } from './free';
import { FreeForm } from './FreeForm';
import { RoundEdit } from './RoundEdit';
import { RoundForm } from './RoundForm';
import { useLedgerNow, type Round } from './round-choice';

export type RoundsTabTarget = 'summary' | 'gate' | 'free';

/**
 * 批次: every round, newest day first, a free distribution marked 免费; 新开批次, 免费发放, 修改 and 结单;
 * a closed round opens its 收货核对, a free one its 免费发放; 匿名化已结束批次.
 */
export function RoundsTab({ rounds, loading, onOpen }: { rounds: Round[]; loading: boolean; onOpen(tab: RoundsTabTarget, id: number): void }) {
  const { t } = useI18n();
  const tz = useOffice()?.timeZone;
  const now = useLedgerNow(15_000);
  const { modal } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const close = useMutation('rounds.close');
  const anonymise = useAnonymise();
  const [creating, setCreating] = useState<Round | 'new' | null>(null);
  const [editing, setEditing] = useState<Round | null>(null);
  const [giving, setGiving] = useState(false);
  const stateOf = (r: Round) => (r.state === 'closed' ? 'closed' : Date.parse(r.cutoffAt) <= now ? 'cutOff' : 'taking');
  const confirmClose = (r: Round) => modal.confirm({
    title: t('rounds.closeTitle', { number: r.number }), content: t('rounds.closeHint', { orders: r.orders }),
    okText: t('rounds.close'), okButtonProps: { danger: true }, cancelText: t('common.cancel'),
    onOk: () => close.run({ id: r.id }).catch(showError),
  });
  const guarded = (may: boolean, why: string, button: ReactElement) => (may ? button : <Tooltip title={why}>{button}</Tooltip>);
  const purchase = (r: Round) => r.kind === 'purchase';
  const actions = (r: Round) => {
    if (!purchase(r)) {
      return <Button size="small" type="link" onClick={() => onOpen('free', r.id)} data-testid="round-free-open">{t('roundsFree.tab')}</Button>;
    }
    return (
      <Space size={4}>
        <Button size="small" type="link" onClick={() => onOpen('summary', r.id)} data-testid="round-summary">{t('rounds.tabSummary')}</Button>
        {r.state === 'closed' && <Button size="small" type="link" onClick={() => onOpen('gate', r.id)} data-testid="round-gate">{t('rounds.tabGate')}</Button>}
        {can('rounds.update') && r.state === 'open' && <Button size="small" type="link" onClick={() => setEditing(r)} data-testid="round-edit">{t('rounds.change')}</Button>}
        {can('rounds.create') && <Button size="small" type="link" onClick={() => setCreating(r)} data-testid="round-copy">{t('rounds.copy')}</Button>}
        {can('rounds.close') && r.state === 'open' && (
          <Button size="small" type="link" danger onClick={() => confirmClose(r)} data-testid="round-close">{t('rounds.close')}</Button>
        )}
      </Space>
    );
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {guarded(can('rounds.create'), t('rounds.onlyCommunity'),
          <Button type="primary" disabled={!can('rounds.create')} onClick={() => setCreating('new')} data-testid="round-new">{t('rounds.new')}</Button>)}
        {guarded(can('rounds.createFree'), t('roundsFree.onlyClerk'),
          <Button disabled={!can('rounds.createFree')} onClick={() => setGiving(true)} data-testid="round-free">{t('roundsFree.open')}</Button>)}
        {anonymise.button}
      </Space>
      {anonymise.result}
      <Table<Round> size="small" rowKey="id" loading={loading} dataSource={rounds} pagination={paging(t, { pageSize: 30 })} data-testid="rounds-table"
        columns={[
          {
            title: t('rounds.number'), dataIndex: 'number', width: 170, sorter: byText((r) => r.number),
            render: (v: string, r) => (purchase(r) ? v : <Space size={4}>{v}<Tag color="magenta" data-testid="round-free-tag">{t('roundsFree.tag')}</Tag></Space>),
          },
          { title: t('rounds.day'), dataIndex: 'day', width: 110, sorter: byText((r) => r.day) },
          {
            title: t('rounds.supplier'), key: 'supplier', sorter: byText((r) => r.supplierName),
            render: (_, r) => (purchase(r) ? r.supplierName : <Typography.Text type="secondary">{freeName(r)}</Typography.Text>),
          },
          { title: t('rounds.compounds'), key: 'compounds', render: (_, r) => r.compounds.join(t('rounds.sep')) },
          { title: t('rounds.cutoff'), dataIndex: 'cutoffAt', width: 140, render: (v: string, r) => (purchase(r) ? officeTime(v, tz) : ''), sorter: byText((r) => r.cutoffAt) },
          {
            title: t('common.state'), key: 'state', width: 90,
            render: (_, r) => (purchase(r)
              ? ({ taking: <Tag color="green">{t('rounds.taking')}</Tag>, cutOff: <Tag color="orange">{t('rounds.cutOff')}</Tag>, closed: <Tag>{t('rounds.closed')}</Tag> })[stateOf(r)]
              : r.state === 'open' ? <Tag color="gold">{t('roundsFree.waiting')}</Tag> : <Tag>{t('roundsFree.handedOut')}</Tag>),
            filters: (['taking', 'cutOff', 'closed'] as const).map((s) => ({ text: t(`rounds.${s}`), value: s })), onFilter: (v, r) => stateOf(r) === v,
          },
          { title: t('rounds.orders'), dataIndex: 'orders', width: 80, align: 'right', sorter: byNumber((r) => r.orders) },
          { title: t('common.actions'), key: 'actions', width: 230, render: (_, r) => actions(r) },
        ]} />
      {creating && <RoundForm from={creating === 'new' ? undefined : creating} onClose={() => setCreating(null)} />}
      {editing && <RoundEdit round={editing} onClose={() => setEditing(null)} />}
      {giving && <FreeForm onClose={() => setGiving(false)} onCreated={(id) => { setGiving(false); onOpen('free', id); }} />}
    </>
  );
}
