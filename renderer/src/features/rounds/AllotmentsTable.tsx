import { Button, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../../app/session';
import { useI18n, type Translate } from '../../i18n';
import { byNumber, byText, paging } from '../../shared/table';
import { AllotDialog } from './AllotDialog';
import { money } from './money';
import type { Round } from './round-choice';
import { isShort, whereOf, type SettledOrder, type Settlement } from './settle';

/** What a household gets, line by line: less than ordered in red (分得/订购), a substitute in blue. */
export function GetsCell({ order, t }: { order: SettledOrder; t: Translate }) {
  const lines = order.lines.filter((l) => l.gets > 0 || isShort(l));
  if (!order.lines.some((l) => l.gets > 0)) return <Typography.Text type="danger">{t('gate.nothing')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {lines.map((l) => {
        const name = `${l.name}${l.spec ? ` ${l.spec}` : ''}`;
        if (l.replaces !== null) return <Tag key={l.goodsId} color="blue">{t('gate.subFor', { name, gets: l.gets, replaces: l.replaces })}</Tag>;
        if (isShort(l)) return <Tag key={l.goodsId} color="red" data-testid="gets-short">{t('gate.getsOf', { name, gets: l.gets, ordered: l.ordered })}</Tag>;
        return <Tag key={l.goodsId}>{t('gate.getsLine', { name, gets: l.gets })}</Tag>;
      })}
    </Space>
  );
}

const shortOrder = (o: SettledOrder) => o.lines.some(isShort);

/** 各户分得 after the hand-over, in address order; 调整 while the household has not paid (the ledger says so otherwise). */
export function AllotmentsTable({ round, s }: { round: Round; s: Settlement }) {
  const { t } = useI18n();
  const writes = useSession().can('orders.allot');
  const [onlyShort, setOnlyShort] = useState(false);
  const [adjusting, setAdjusting] = useState<SettledOrder | null>(null);
  const rows = onlyShort ? s.orders.filter(shortOrder) : s.orders;
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('gate.allotTitle')}</Typography.Title>
        <Typography.Text type="secondary">{t('gate.allotHint')}</Typography.Text>
        <Space size={4}><Switch size="small" checked={onlyShort} onChange={setOnlyShort} data-testid="gate-only-short" />{t('gate.onlyShort')}</Space>
      </Space>
      <Table<SettledOrder> size="small" rowKey="orderId" dataSource={rows} pagination={paging(t, { pageSize: 50 })} data-testid="gate-allotments"
        columns={[
          { title: t('rounds.household'), key: 'address', width: 170, render: (_, o) => whereOf(o), sorter: byText(whereOf) },
          { title: t('rounds.contact'), dataIndex: 'contact', width: 90 },
          {
            title: t('rounds.goods'), key: 'ordered', render: (_, o) => o.lines.filter((l) => l.ordered > 0).map((l) => `${l.name} ×${l.ordered}`).join(t('rounds.sep')),
          },
          { title: t('gate.gets'), key: 'gets', render: (_, o) => <GetsCell order={o} t={t} /> },
          { title: t('gate.short'), key: 'short', width: 64, render: (_, o) => (shortOrder(o) ? <Tag color="red">{t('gate.shortTag')}</Tag> : '') },
          { title: t('settle.due'), dataIndex: 'due', width: 100, align: 'right', render: (v: number) => money(v), sorter: byNumber((o) => o.due) },
          {
            title: t('common.actions'), key: 'actions', width: 70, hidden: !writes,
            render: (_, o) => <Button size="small" type="link" onClick={() => setAdjusting(o)} data-testid="allot-open">{t('gate.adjust')}</Button>,
          },
        ]} />
      {adjusting && <AllotDialog order={adjusting} s={s} round={round} onClose={() => setAdjusting(null)} />}
    </>
  );
}
