import { Card, Table, Tag } from 'antd';
import type { ApiOutput } from '../../api/client';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { downloadBase64 } from '../../shared/download';
import { useShowError } from '../../shared/errors';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';

type Row = ApiOutput<'allocations.received'>[number];

/** 调拨单入库记录: each allocation taken in, its receipt, what differed, and its 签收单 to send again. */
export function AllocationHistory() {
  const { t } = useI18n();
  const zone = useOffice()?.timeZone;
  const list = useApi('allocations.received');
  const showError = useShowError();
  if (!list.data?.length) return null;
  const ack = (id: number) => call('allocations.ack', { documentId: id }).then((f) => downloadBase64(f.fileName, f.data, 'application/json'), showError);
  return (
    <Card size="small" title={t('alloc.history')} style={{ marginTop: 24 }}>
      <Table<Row> size="small" rowKey="documentId" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={list.data} data-testid="alloc-history"
        columns={[
          { title: t('alloc.number'), dataIndex: 'allocation', width: 170 },
          { title: t('receipt.source'), dataIndex: 'from', width: 180 },
          { title: t('common.time'), dataIndex: 'time', width: 150, render: (v: string) => officeTime(v, zone) },
          { title: t('alloc.receiptCol'), dataIndex: 'receiptNumber', width: 190, render: (n: string, r) => <>{n}{r.state === 'voided' && <Tag color="red" style={{ marginLeft: 4 }}>{t('common.voided')}</Tag>}</> },
          { title: t('alloc.reason'), key: 'diff', render: (_, r) => (r.differences.length ? <Tag color="orange">{r.differences.map((d) => `${d.item.name} ${d.sent}→${d.received}${d.item.unit}(${d.reason})`).join(';')}</Tag> : t('alloc.noDiff')) },
          { title: '', key: 'ack', width: 110, render: (_, r) => r.state === 'posted' && <a onClick={() => ack(r.documentId)} data-testid="alloc-ack">{t('alloc.ack')}</a> },
        ]} />
    </Card>
  );
}
