import { Alert, Button, Descriptions, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { DeliveryPrint } from './DeliveryPrint';
import { money } from './money';
import { ReconcileCard } from './ReconcileCard';
import { chosenRound, RoundFacts, RoundSelect, type Round } from './round-choice';
import { closedRounds, type SettledOrder } from './settle';
import { SettleTable } from './SettleTable';

type Filter = 'all' | 'unpaid' | 'undelivered';
const FILTERS: Record<Filter, (o: SettledOrder) => boolean> = {
  all: () => true,
  unpaid: (o) => o.paid === null,
  undelivered: (o) => o.deliveredAt === null,
};

/** 收款与配送: per household what it owes and paid, whether its bag arrived; the sheets for the volunteers; 对账 with the supplier. */
export function SettleTab({ rounds, roundId, onRound, onGate }: { rounds: readonly Round[]; roundId?: number; onRound(id: number): void; onGate(id: number): void }) {
  const { t } = useI18n();
  const closed = closedRounds(rounds);
  const round = chosenRound(closed, roundId);
  const s = useApi('rounds.settlement', { roundId: round?.id ?? 0 }, !!round);
  const [filter, setFilter] = useState<Filter>('all');
  if (!round) return <Empty description={t('gate.noClosed')} data-testid="settle-none" />;
  const data = s.data?.roundId === round.id ? s.data : undefined;
  const count = (f: Filter) => data?.orders.filter(FILTERS[f]).length ?? 0;
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t('rounds.round')}</Typography.Text>
        <RoundSelect rounds={closed} value={round.id} onChange={onRound} testId="settle-round" />
        <DeliveryPrint round={round} />
      </Space>
      <RoundFacts round={round} />
      {!data ? <Spin /> : !data.handedOver ? (
        <Alert type="warning" showIcon title={t('settle.notHandedOver', { number: round.number })} data-testid="settle-not-handed-over"
          action={<Button size="small" onClick={() => onGate(round.id)} data-testid="settle-to-gate">{t('settle.toGate')}</Button>} />
      ) : (
        <>
          <Descriptions size="small" column={{ xs: 2, md: 5 }} style={{ marginBottom: 12 }} data-testid="settle-totals"
            items={[
              { label: t('settle.households'), children: data.orders.length },
              { label: t('settle.due'), children: <Typography.Text strong data-testid="settle-due">{money(data.due)}</Typography.Text> },
              { label: t('settle.paid'), children: <Typography.Text strong data-testid="settle-paid-total">{money(data.paid)}</Typography.Text> },
              { label: t('settle.unpaidCount'), children: <span data-testid="settle-unpaid">{data.unpaid}</span> },
              { label: t('settle.undeliveredCount'), children: <span data-testid="settle-undelivered">{data.undelivered}</span> },
            ]} />
          <Segmented<Filter> value={filter} onChange={setFilter} style={{ marginBottom: 12 }} data-testid="settle-filter"
            options={[
              { value: 'all', label: t('settle.filterAll', { n: count('all') }) },
              { value: 'unpaid', label: t('settle.filterUnpaid', { n: count('unpaid') }) },
              { value: 'undelivered', label: t('settle.filterUndelivered', { n: count('undelivered') }) },
            ]} />
          <SettleTable orders={data.orders.filter(FILTERS[filter])} loading={s.loading} />
          <ReconcileCard key={data.roundId} s={data} />
        </>
      )}
    </div>
  );
}
