import { FileExcelOutlined } from '@ant-design/icons';
import { Button, Collapse, Descriptions, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ApiOutput } from '../../api/client';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n, type Translate } from '../../i18n';
import { downloadBase64 } from '../../shared/download';
import { useBusy } from '../../shared/errors';
import { money } from './money';
import { chosenRound, RoundFacts, RoundSelect, type Round } from './round-choice';

type Consolidation = ApiOutput<'rounds.consolidation'>;
type Line = Consolidation['lines'][number];

const columns = (t: Translate): ColumnsType<Line> => [
  { title: t('rounds.seq'), key: 'seq', width: 56, render: (_, __, i) => i + 1 },
  { title: t('rounds.goods'), dataIndex: 'name' },
  { title: t('rounds.spec'), dataIndex: 'spec', width: 110 },
  { title: t('common.unit'), dataIndex: 'unit', width: 60 },
  { title: t('rounds.price'), dataIndex: 'price', width: 100, align: 'right', render: (v: number) => money(v) },
  { title: t('common.quantity'), dataIndex: 'quantity', width: 80, align: 'right' },
  { title: t('rounds.amount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: number) => money(v) },
  { title: t('rounds.households'), dataIndex: 'households', width: 70, align: 'right' },
  { title: t('rounds.contents'), dataIndex: 'contents', ellipsis: true },
];

/** 汇总 of one list of lines: the sum of 金额 (quantities of different units are not added up). */
function LinesTable({ lines, amount, testId, t }: { lines: Line[]; amount: number; testId: string; t: Translate }) {
  return (
    <Table<Line> size="small" rowKey="goodsId" pagination={false} dataSource={lines} columns={columns(t)} data-testid={testId}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={6}><Typography.Text strong>{t('rounds.total')}</Typography.Text></Table.Summary.Cell>
          <Table.Summary.Cell index={6} align="right"><Typography.Text strong data-testid={`${testId}-amount`}>{money(amount)}</Typography.Text></Table.Summary.Cell>
          <Table.Summary.Cell index={7} colSpan={2} />
        </Table.Summary.Row>
      )} />
  );
}

/** 汇总: the round's purchase order by good, the same per building for the 楼长, and the Excel file for the supplier. */
export function SummaryTab({ rounds, roundId, onRound }: { rounds: Round[]; roundId?: number; onRound(id: number): void }) {
  const { t } = useI18n();
  const round = chosenRound(rounds, roundId);
  const sum = useApi('rounds.consolidation', { roundId: round?.id ?? 0 }, !!round);
  const { busy, run } = useBusy();
  if (!round) return <Empty description={t('rounds.noRounds')} />;
  const c = sum.data?.round.id === round.id ? sum.data : undefined;
  const exportOrder = () => run('export', async () => {
    const file = await call('rounds.purchaseOrderExport', { roundId: round.id });
    downloadBase64(file.fileName, file.data);
  });
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t('rounds.round')}</Typography.Text>
        <RoundSelect rounds={rounds} value={round.id} onChange={onRound} testId="summary-round" />
        <Button icon={<FileExcelOutlined />} loading={busy === 'export'} onClick={exportOrder} data-testid="round-export">{t('rounds.export')}</Button>
      </Space>
      <RoundFacts round={round} />
      {c && (
        <>
          <Descriptions size="small" column={4} style={{ marginBottom: 12 }} data-testid="summary-totals"
            items={[
              { label: t('rounds.summaryHouseholds'), children: <span data-testid="summary-households">{c.households}</span> },
              { label: t('rounds.specialNeeds'), children: <span data-testid="summary-special">{c.specialNeeds}</span> },
              { label: t('rounds.summaryGoods'), children: c.lines.length },
              { label: t('rounds.summaryAmount'), children: <Typography.Text strong data-testid="summary-amount">{money(c.amount)}</Typography.Text> },
            ]} />
          <LinesTable lines={c.lines} amount={c.amount} testId="summary-lines" t={t} />
          <Typography.Title level={5} style={{ marginTop: 20 }}>{t('rounds.byBuilding')}</Typography.Title>
          {c.buildings.length === 0 ? <Empty description={t('rounds.noOrders')} /> : (
            <Collapse size="small" data-testid="summary-buildings"
              items={c.buildings.map((b) => ({
                key: `${b.compound}\u0000${b.building}`,
                label: t('rounds.buildingLine', { compound: b.compound, building: b.building, n: b.households, amount: money(b.amount) }),
                children: <LinesTable lines={b.lines} amount={b.amount} testId="building-lines" t={t} />,
              }))} />
          )}
        </>
      )}
    </div>
  );
}
