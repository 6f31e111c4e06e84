import { Alert, Card, Descriptions, Table } from 'antd';
import { useMemo } from 'react';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { officeDate, officeInstant, officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';

/**
 * 日报: the current period (since the last lock, up to today's cutoff) at a glance. Submitting,
 * locking and the Excel formats arrive with the daily report feature.
 */
export function ReportsPage() {
  const { t } = useI18n();
  const office = useOffice();
  const tz = office?.timeZone ?? 'Asia/Shanghai';
  const today = officeDate(office?.now ?? new Date(), tz);
  const cutoff = officeInstant(today, office?.cutoffTime ?? '15:00', tz);
  const from = office?.lockedUntil || undefined;
  const docs = useApi('docs.list', { ...(from ? { from } : {}), limit: 5000 }, !!office);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const d of docs.data?.rows ?? []) m.set(d.type, (m.get(d.type) ?? 0) + 1);
    return m;
  }, [docs.data]);
  return (
    <div>
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}
        items={[
          { label: t('reports.period'), children: `${from ? officeTime(from, tz) : '—'} — ${officeTime(cutoff, tz)}` },
          { label: t('reports.lockedUntil'), children: from ? officeTime(from, tz) : t('reports.notLocked') },
        ]} />
      <Card size="small" title={t('reports.summary')}>
        <Table size="small" pagination={false} rowKey="type" loading={docs.loading}
          dataSource={[...counts].map(([type, n]) => ({ type, n }))}
          columns={[
            { title: t('common.type'), dataIndex: 'type', render: (v: string) => t(`doc.${v}` as 'doc.issue') },
            { title: t('common.number'), dataIndex: 'n', align: 'right' },
          ]} />
      </Card>
      <Alert style={{ marginTop: 16 }} type="info" showIcon title={t('reports.pending')} />
    </div>
  );
}
