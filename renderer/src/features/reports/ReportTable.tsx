import { Table, Tag } from 'antd';
import type { ApiOutput } from '../../api/client';
import { useI18n } from '../../i18n';

type Report = ApiOutput<'reports.daily.preview'>;

/** 收发存 by item, as on the sheet the superior receives. */
export function ReportTable({ report }: { report: Report }) {
  const { t } = useI18n();
  return (
    <Table size="small" rowKey="itemId" pagination={false} dataSource={report.items} scroll={{ x: 1200 }} data-testid="report-items"
      columns={[
        { title: t('common.category'), dataIndex: 'category', width: 110 },
        { title: t('common.item'), dataIndex: 'name', width: 150 },
        { title: t('common.unit'), dataIndex: 'unit', width: 60 },
        { title: t('reports.opening'), dataIndex: 'opening', align: 'right' },
        {
          title: t('reports.in'),
          children: [
            { title: t('source.allocation'), align: 'right' as const, render: (_: unknown, r: Report['items'][number]) => r.receipts.allocation },
            { title: t('source.purchase'), align: 'right' as const, render: (_: unknown, r: Report['items'][number]) => r.receipts.purchase },
            { title: t('source.donation'), align: 'right' as const, render: (_: unknown, r: Report['items'][number]) => r.receipts.donation },
            { title: t('source.other'), align: 'right' as const, render: (_: unknown, r: Report['items'][number]) => r.receipts.other },
            { title: t('reports.subtotal'), dataIndex: 'received', align: 'right' as const },
          ],
        },
        { title: t('reports.out'), dataIndex: 'issued', align: 'right' },
        { title: t('reports.adjusted'), dataIndex: 'adjusted', align: 'right' },
        { title: t('reports.lent'), dataIndex: 'lentOrTransferred', align: 'right' },
        { title: t('reports.closing'), dataIndex: 'closing', align: 'right', render: (v: number, r) => <b style={{ color: r.belowMinimum ? '#cf1322' : undefined }}>{v}</b> },
        { title: t('reports.cover'), dataIndex: 'coverDays', align: 'right', render: (v: number | null) => v ?? '—' },
        ...(report.items.some((i) => i.unitPrice > 0)
          ? [{ title: t('reports.amount'), dataIndex: 'closingAmount', align: 'right' as const, render: (v: number) => (v / 100).toFixed(2) }]
          : []),
        {
          title: t('common.state'), render: (_, r) => (
            <>
              {r.belowMinimum && <Tag color="red">{t('stock.low')}</Tag>}
              {r.nearExpiry && <Tag color="orange">{t('stock.nearExpiry')}</Tag>}
            </>
          ),
        },
      ]} />
  );
}
