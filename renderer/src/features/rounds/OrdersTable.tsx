import { Button, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { byNumber, byText, paging } from '../../shared/table';
import { OrderChange } from './OrderChange';
import { money } from './money';
import type { Order } from './order-notices';
import type { Round } from './round-choice';

/** This round's orders, in address order as the ledger gives them; sortable; 修改 while the round is open. */
export function OrdersTable({ round, orders, loading }: { round: Round; orders: Order[] | undefined; loading: boolean }) {
  const { t } = useI18n();
  const writes = useSession().can('orders.change');
  const [changing, setChanging] = useState<Order | null>(null);
  const where = (o: Order) => `${o.compound} ${o.address}`;
  const what = (o: Order) => o.lines.map((l) => `${l.name}${l.spec ? ` ${l.spec}` : ''} ×${l.quantity}`).join(t('rounds.sep'));
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 20 }}>{t('rounds.ordersTitle', { number: round.number })}</Typography.Title>
      <Table<Order> size="small" rowKey="id" loading={loading} dataSource={orders ?? []} pagination={paging(t, { pageSize: 50 })} data-testid="orders-table"
        columns={[
          { title: t('rounds.household'), key: 'address', width: 170, render: (_, o) => where(o), sorter: byText(where) },
          { title: t('rounds.contact'), dataIndex: 'contact', width: 90, sorter: byText((o) => o.contact) },
          { title: t('common.phone'), dataIndex: 'phone', width: 120 },
          { title: t('rounds.goods'), key: 'lines', render: (_, o) => what(o) || <Typography.Text type="secondary">{t('rounds.noLines')}</Typography.Text> },
          { title: t('rounds.amount'), dataIndex: 'total', width: 100, align: 'right', render: (v: number) => money(v), sorter: byNumber((o) => o.total) },
          { title: t('rounds.requests'), dataIndex: 'requests', width: 110, align: 'right', sorter: byNumber((o) => o.requests) },
          {
            title: t('common.note'), dataIndex: 'note', width: 200, ellipsis: { showTitle: false },
            render: (v: string) => <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{v}</span>}><span>{v.split('\n').pop()}</span></Tooltip>,
          },
          {
            title: t('common.actions'), key: 'actions', width: 70, hidden: !writes,
            render: (_, o) => <Button size="small" type="link" disabled={round.state === 'closed'} onClick={() => setChanging(o)} data-testid="order-change">{t('rounds.change')}</Button>,
          },
        ]} />
      {changing && <OrderChange order={changing} round={round} onClose={() => setChanging(null)} />}
    </>
  );
}
