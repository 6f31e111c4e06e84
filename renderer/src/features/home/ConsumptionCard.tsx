import { Button, Card, Empty, Segmented, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ApiOutput } from '../../api/client';
import { useI18n } from '../../i18n';
import { Chart } from '../../shared/Chart';
import { consumptionOption } from './charts';

type Consumption = ApiOutput<'dashboard.get'>['consumption'];
type Window = keyof Consumption;

const dayLabel = (day: string) => day.slice(5);
type Row = { day: string; label: string; issued: number[] };

/** 主要物资发放量: issued per office day, the last 7 or 30 days, as a chart with its figures as a table on demand. */
export function ConsumptionCard({ consumption, cutoff }: { consumption: Consumption; cutoff: string }) {
  const { t } = useI18n();
  const [range, setRange] = useState<Window>('week');
  const [table, setTable] = useState(false);
  const c = consumption[range];
  const chart = useMemo(
    () => consumptionOption(c, dayLabel, (s) => t('dash.seriesTotal', { name: s.name, unit: s.unit, total: s.total })),
    [c, t],
  );
  // The table reads day by day, one column per item: 30 rows scroll, 30 columns would not fit.
  const rows = useMemo(() => c.days.map((day, i) => ({ day, label: dayLabel(day), issued: c.series.map((s) => s.issued[i]) })), [c]);
  const extra = (
    <Space size="small">
      <Segmented<Window> size="small" value={range} onChange={setRange} data-testid="consumption-window"
        options={[{ value: 'week', label: t('dash.week') }, { value: 'month', label: t('dash.month') }]} />
      <Button size="small" type="link" onClick={() => setTable((v) => !v)} data-testid="consumption-table-toggle">
        {t(table ? 'dash.hideTable' : 'dash.showTable')}
      </Button>
    </Space>
  );
  return (
    <Card title={t('dash.consumption')} size="small" extra={extra}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>{t('dash.consumptionNote', { cutoff })}</Typography.Paragraph>
      {c.series.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.noIssues')} /> : (
        <div data-testid="consumption-figures" data-window={range} data-figures={JSON.stringify(chart.figures)}>
          <Chart option={chart.option} height={chart.height} testId="chart-consumption" />
        </div>
      )}
      {table && c.series.length > 0 && (
        <Table size="small" pagination={false} rowKey="day" dataSource={rows} scroll={{ x: 'max-content', y: 240 }} data-testid="consumption-table"
          columns={[
            { title: t('dash.day'), dataIndex: 'label', fixed: 'left' },
            ...c.series.map((s, k) => ({
              title: t('dash.series', { name: s.name, unit: s.unit }), key: s.itemId, align: 'right' as const, render: (_: unknown, r: Row) => r.issued[k],
            })),
          ]}
          summary={() => (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('dash.total')}</Table.Summary.Cell>
                {c.series.map((s, k) => <Table.Summary.Cell key={s.itemId} index={k + 1} align="right">{s.total}</Table.Summary.Cell>)}
              </Table.Summary.Row>
            </Table.Summary>
          )} />
      )}
    </Card>
  );
}
