import { Empty, Space, Spin, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { AllotmentsTable } from './AllotmentsTable';
import { HandoverForm } from './HandoverForm';
import { chosenRound, RoundFacts, RoundSelect, type Round } from './round-choice';
import { closedRounds } from './settle';

/** 收货核对: a closed round's goods checked at the gate, then what each household gets. */
export function GateTab({ rounds, roundId, onRound }: { rounds: readonly Round[]; roundId?: number; onRound(id: number): void }) {
  const { t } = useI18n();
  const closed = closedRounds(rounds);
  const round = chosenRound(closed, roundId);
  const s = useApi('rounds.settlement', { roundId: round?.id ?? 0 }, !!round);
  if (!round) return <Empty description={t('gate.noClosed')} data-testid="gate-none" />;
  const data = s.data?.roundId === round.id ? s.data : undefined;
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t('rounds.round')}</Typography.Text>
        <RoundSelect rounds={closed} value={round.id} onChange={onRound} testId="gate-round" />
      </Space>
      <RoundFacts round={round} />
      {!data ? <Spin /> : (
        <>
          {/* Keyed by the hand-over (its time and figures): a new one, or another PC's, starts the form from what the ledger now has. */}
          <HandoverForm key={`${round.id}:${data.handover?.at ?? ''}:${round.goods.map((g) => g.delivered).join()}`} round={round} s={data} />
          {data.handedOver && <AllotmentsTable round={round} s={data} />}
        </>
      )}
    </div>
  );
}
