import { Card, Table, Tag } from 'antd';
import type { ApiOutput } from '../../api/client';
import { useI18n } from '../../i18n';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { totalText } from '../../shared/table';

type Loan = ApiOutput<'loans.open'>[number];

/** 借用未还: every loan still out, with who borrowed it, since when, the promised day and how late it is. */
export function OpenLoans({ loans, loading }: { loans: Loan[] | undefined; loading: boolean }) {
  const { t } = useI18n();
  const office = useOffice();
  const overdue = (loans ?? []).filter((l) => l.overdueDays > 0).length;
  return (
    <Card size="small" title={t('returns.outstanding')} extra={overdue > 0 && <Tag color="red" data-testid="overdue-count">{t('returns.overdueCount', { n: overdue })}</Tag>}>
      <Table<Loan> size="small" loading={loading} rowKey={(r) => `${r.documentId}:${r.itemId}`} dataSource={loans ?? []} data-testid="open-loans"
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: totalText(t) }}
        rowClassName={(r) => (r.overdueDays > 0 ? 'row-low' : '')}
        columns={[
          { title: t('common.checkpoint'), dataIndex: 'checkpointName', sorter: (a, b) => a.checkpointName.localeCompare(b.checkpointName, 'zh-CN'),
            filters: [...new Set((loans ?? []).map((l) => l.checkpointName))].map((v) => ({ text: v, value: v })), onFilter: (v, r) => r.checkpointName === v },
          { title: t('returns.borrower'), render: (_, r) => `${r.personName}${r.personPhone ? ` ${r.personPhone}` : ''}` },
          { title: t('common.item'), render: (_, r) => `${r.itemName}${r.spec ? ` ${r.spec}` : ''}` },
          { title: t('common.quantity'), align: 'right', render: (_, r) => `${r.out} ${r.unit}${r.out !== r.lent ? ` / ${r.lent}` : ''}` },
          { title: t('returns.since'), dataIndex: 'lentAt', render: (v: string) => officeTime(v, office?.timeZone), sorter: (a, b) => a.lentAt.localeCompare(b.lentAt), defaultSortOrder: 'ascend' },
          { title: t('returns.daysOut'), dataIndex: 'daysOut', align: 'right', sorter: (a, b) => a.daysOut - b.daysOut },
          {
            title: t('returns.expectedReturn'), dataIndex: 'expectedReturn', sorter: (a, b) => a.overdueDays - b.overdueDays,
            render: (v: string, r) => (v ? <>{v} {r.overdueDays > 0 && <Tag color="red">{t('returns.overdue', { n: r.overdueDays })}</Tag>}</> : '—'),
          },
          { title: t('common.number'), dataIndex: 'number' },
        ]} />
    </Card>
  );
}
