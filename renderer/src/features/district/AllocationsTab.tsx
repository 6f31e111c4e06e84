import { Alert, Table, Tag, Typography } from 'antd';
import type { ApiOutput } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';

type Row = ApiOutput<'allocations.list'>[number];

/** 调拨签收: each 调拨出库 to a registered unit, 未签收 until its 签收 is imported, then what came and what differed. */
export function AllocationsTab() {
  const { t } = useI18n();
  const zone = useOffice()?.timeZone;
  const list = useApi('allocations.list');
  if (list.data && !list.data.length) return <Alert type="info" showIcon title={t('alloc.none')} />;
  return (
    <Table<Row> size="small" rowKey="documentId" loading={list.loading} dataSource={list.data ?? []} pagination={{ pageSize: 30, hideOnSinglePage: true }} data-testid="allocations-table"
      columns={[
        { title: t('alloc.number'), dataIndex: 'number', width: 190, render: (n: string, r) => <>{n}{r.voided && <Tag color="red" style={{ marginLeft: 4 }}>{t('common.voided')}</Tag>}</> },
        { title: t('common.time'), dataIndex: 'time', width: 150, render: (v: string) => officeTime(v, zone) },
        { title: t('alloc.unit'), dataIndex: 'unit' },
        { title: t('alloc.lines'), dataIndex: 'lines', width: 90, align: 'right' },
        {
          title: t('common.state'), key: 'state', render: (_, r) => (!r.ack ? <Tag>{t('alloc.waiting')}</Tag> : (
            <span data-testid="allocation-ack">
              <Tag color={r.ack.differences.length ? 'orange' : 'green'}>{r.ack.differences.length ? t('alloc.ackedWith', { n: r.ack.differences.length }) : t('alloc.acked')}</Tag>
              {t('alloc.receipt', { number: r.ack.receiptNumber })}
              {r.ack.differences.map((d) => <div key={d.line}>{d.item.name}:{t('alloc.sent')} {d.sent},{t('alloc.received')} {d.received} {d.item.unit}({d.reason})</div>)}
              {r.voided && <div><Typography.Text type="danger">{t('alloc.voidedAfterAck')}</Typography.Text></div>}
            </span>
          )),
        },
      ]} />
  );
}
