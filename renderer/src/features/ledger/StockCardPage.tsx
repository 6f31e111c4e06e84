import { DatePicker, Descriptions, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { navigate, useRoute } from '../../app/router';
import { useI18n } from '../../i18n';
import { officeInstant, officeTime } from '../../shared/format';
import { docTypeKey } from '../../shared/labels';
import { useOffice } from '../../shared/office';
import { ItemPicker } from '../../shared/pickers';

/** 台账: an item's stock card for any time range, with a running balance. */
export function StockCardPage() {
  const { t } = useI18n();
  const office = useOffice();
  const tz = office?.timeZone ?? 'Asia/Shanghai';
  const { params } = useRoute();
  const itemId = Number(params.get('item')) || undefined;
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = range?.[0] ? officeInstant(range[0].format('YYYY-MM-DD'), '00:00', tz) : undefined;
  const to = range?.[1] ? officeInstant(range[1].add(1, 'day').format('YYYY-MM-DD'), '00:00', tz) : undefined;
  const card = useApi('stock.card', { itemId: itemId ?? 1, ...(from ? { from } : {}), ...(to ? { to } : {}) }, !!itemId);
  const c = itemId ? card.data : undefined;
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <div style={{ width: 320 }}><ItemPicker value={itemId} placeholder={t('ledger.pick')} onChange={(v) => navigate('/ledger', { item: v })} /></div>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} />
      </Space>
      {c && (
        <>
          <Descriptions size="small" bordered column={5} style={{ marginBottom: 12 }}
            items={[
              { label: t('common.item'), children: `${c.item.name} ${c.item.spec}` },
              { label: t('ledger.opening'), children: `${c.opening} ${c.item.unit}` },
              { label: t('ledger.in'), children: c.totalIn },
              { label: t('ledger.out'), children: c.totalOut },
              { label: t('ledger.closing'), children: <b data-testid="card-closing">{c.closing} {c.item.unit}</b> },
            ]} />
          <Table size="small" rowKey="movementId" loading={card.loading} dataSource={c.rows} pagination={{ pageSize: 100, showSizeChanger: false }}
            columns={[
              { title: t('common.time'), dataIndex: 'time', render: (v: string) => officeTime(v, tz) },
              { title: t('common.number'), dataIndex: 'number', render: (v: string, r) => <Space><a href={`#/documents?open=${r.documentId}`}>{v}</a>{r.voided && <Tag>{t('common.voided')}</Tag>}</Space> },
              { title: t('common.type'), dataIndex: 'documentType', render: (v: string, r) => (v === 'void' ? `${t('doc.void')}(${t(docTypeKey(r.kind))})` : t(docTypeKey(v))) },
              { title: t('ledger.counterparty'), dataIndex: 'counterparty' },
              { title: t('common.batch'), dataIndex: 'batchNo' },
              { title: t('ledger.in'), align: 'right', render: (_, r) => (r.delta > 0 ? r.delta : '') },
              { title: t('ledger.out'), align: 'right', render: (_, r) => (r.delta < 0 ? -r.delta : '') },
              { title: t('ledger.balance'), dataIndex: 'balance', align: 'right' },
              { title: t('common.operator'), dataIndex: 'operator' },
            ]} />
        </>
      )}
    </div>
  );
}
