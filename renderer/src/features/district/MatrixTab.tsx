import { Alert, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ApiOutput } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { ImportHistory } from './ImportHistory';
import { PackageImport } from './PackageImport';

type Matrix = ApiOutput<'district.matrix'>;
type Unit = Matrix['units'][number];
type Cell = Unit['cells'][number];

const COLORS: Record<Cell['state'], string | undefined> = { ontime: 'green', late: 'orange', missing: 'red', pending: 'blue', notOwed: undefined };

/** 报送情况: the import, then the last seven days unit by unit, and who is still to report today with their phones. */
export function MatrixTab({ onDay }: { onDay(day: string): void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const zone = useOffice()?.timeZone;
  const matrix = useApi('district.matrix', { days: 7 });
  const m = matrix.data;
  const cell = (c: Cell) => {
    if (c.state === 'notOwed') return <Typography.Text type="secondary">—</Typography.Text>;
    const tag = (
      <Tag color={COLORS[c.state]} style={{ cursor: c.packages ? 'pointer' : undefined }} onClick={() => c.packages && onDay(c.day)} data-testid={`cell-${c.state}`}>
        {t(`inbox.state.${c.state}`)}{c.kind && c.kind !== 'daily' ? ` · ${t(`inbox.kind.${c.kind}`)}` : ''}
      </Tag>
    );
    const tip = [c.firstSubmittedAt && officeTime(c.firstSubmittedAt, zone), c.packages > 1 && t('inbox.resubmitted', { n: c.packages })].filter(Boolean).join(' · ');
    return tip ? <Tooltip title={tip}>{tag}</Tooltip> : tag;
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {can('packages.import') && <PackageImport onDone={matrix.reload} />}
      {m && !m.units.length && <Alert type="warning" showIcon title={t('inbox.noUnits')} />}
      <Table<Unit> size="small" rowKey="id" loading={matrix.loading} dataSource={m?.units ?? []} pagination={false} data-testid="district-matrix"
        title={() => m && <Typography.Text type="secondary">{t('inbox.deadline', { time: m.deadline })}</Typography.Text>}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('inbox.unit'), dataIndex: 'name', fixed: 'left', width: 200 },
          ...(m?.days ?? []).map((day, i) => ({
            title: <a onClick={() => onDay(day)}>{day.slice(5)}</a>, key: day, width: 96, align: 'center' as const,
            render: (_: unknown, u: Unit) => cell(u.cells[i]),
          })),
        ]} />
      {m && m.units.length > 0 && (
        <Card size="small" title={t('inbox.chase', { day: m.today })} data-testid="district-chase">
          {m.chase.length === 0 ? <Typography.Text type="success">{t('inbox.chaseNone')}</Typography.Text> : (
            <Table size="small" rowKey="id" pagination={false} dataSource={m.chase}
              columns={[
                { title: t('inbox.unit'), dataIndex: 'name' },
                { title: t('inbox.contact'), dataIndex: 'contact', width: 120 },
                { title: t('inbox.phone'), dataIndex: 'phone', width: 160, render: (p: string) => p && <Typography.Text copyable>{p}</Typography.Text> },
                { title: t('common.state'), dataIndex: 'overdue', width: 110, render: (o: boolean) => <Tag color={o ? 'red' : 'blue'}>{t(o ? 'inbox.overdue' : 'inbox.notYet')}</Tag> },
              ]} />
          )}
        </Card>
      )}
      <ImportHistory />
    </Space>
  );
}
