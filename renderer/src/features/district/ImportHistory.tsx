import { Card, Table, Tag } from 'antd';
import type { ApiOutput } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { addDays, officeDate, officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';

type Row = ApiOutput<'packages.history'>[number];

/** 导入记录: every package kept in the last week, who imported it when, and which a resubmission replaced. */
export function ImportHistory() {
  const { t } = useI18n();
  const office = useOffice();
  const zone = office?.timeZone;
  const today = officeDate(office?.now ?? new Date(), zone);
  // To tomorrow: after the units' deadline they send the next day's report early.
  const history = useApi('packages.history', { from: addDays(today, -6), to: addDays(today, 1) });
  return (
    <Card size="small" title={t('inbox.history')}>
      <Table<Row> size="small" rowKey="id" loading={history.loading} dataSource={history.data ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="packages-history"
        columns={[
          { title: t('inbox.day'), dataIndex: 'day', width: 110 },
          { title: t('inbox.unit'), dataIndex: 'name' },
          { title: t('inbox.file'), dataIndex: 'fileName', ellipsis: true },
          { title: t('inbox.submittedAt'), dataIndex: 'submittedAt', width: 150, render: (v: string) => officeTime(v, zone) },
          { title: t('inbox.importedAt'), key: 'imported', width: 220, render: (_, r) => `${officeTime(r.importedAt, zone)} ${r.importedBy}` },
          { title: t('common.state'), key: 'state', width: 90, render: (_, r) => (r.replacedBy ? <Tag>{t('inbox.replaced')}</Tag> : <Tag color="green">{t('inbox.current')}</Tag>) },
        ]} />
    </Card>
  );
}
