import { Button, Card, List, Tag, Typography } from 'antd';
import type { ApiOutput } from '../../api/client';
import { useScreenHref } from '../../app/routes';
import { useI18n } from '../../i18n';
import { officeDate } from '../../shared/format';

type OpenLoan = ApiOutput<'loans.open'>[number];

/** 借用超期: durable goods still out past their promised day, longest overdue first; each opens 归还 for a role that posts. */
export function OverdueLoans({ loans, timeZone }: { loans: OpenLoan[]; timeZone: string }) {
  const { t } = useI18n();
  const toReturns = useScreenHref()('/returns', { kind: 'loan_return' });
  const overdue = loans.filter((l) => l.overdueDays > 0).sort((a, b) => b.overdueDays - a.overdueDays || a.lentAt.localeCompare(b.lentAt));
  return (
    <Card size="small" data-testid="overdue-loans"
      title={<span>{t('dash.overdue')} {overdue.length > 0 && <Tag color="red" data-testid="overdue-count">{overdue.length}</Tag>}</span>}
      extra={toReturns && <Button size="small" type="link" href={toReturns}>{t('dash.toReturns')}</Button>}>
      {overdue.length === 0 ? (
        <Typography.Text type="success">{loans.length ? t('dash.overdueOpen', { n: loans.length }) : t('dash.overdueNone')}</Typography.Text>
      ) : (
        <List size="small" dataSource={overdue} style={{ maxHeight: 300, overflowY: 'auto' }}
          renderItem={(l) => (
            <List.Item onClick={toReturns ? () => { window.location.hash = toReturns; } : undefined} style={toReturns ? { cursor: 'pointer' } : undefined} data-testid="overdue-loan"
              extra={<Tag color={l.overdueDays >= 7 ? 'red' : 'orange'}>{t('dash.overdueDays', { n: l.overdueDays })}</Tag>}>
              <List.Item.Meta
                title={<span>{l.checkpointName} · {l.personName || '—'}</span>}
                description={<>
                  <div>{t('dash.overdueLine', { item: l.itemName, quantity: l.out, unit: l.unit })}</div>
                  <div style={{ fontSize: 12 }}>{t('dash.lentOn', { day: officeDate(l.lentAt, timeZone), due: l.expectedReturn })}</div>
                </>} />
            </List.Item>
          )} />
      )}
    </Card>
  );
}
