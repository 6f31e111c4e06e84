import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, DatePicker, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { useApi } from '../../api/hooks';
import { navigate, useRoute } from '../../app/router';
import { useI18n } from '../../i18n';
import { officeInstant, officeTime } from '../../shared/format';
import { downloadBase64 } from '../../shared/download';
import { useBusy } from '../../shared/errors';
import { docTypeKey } from '../../shared/labels';
import { useOffice } from '../../shared/office';
import { ItemPicker } from '../../shared/pickers';
import { byNumber, byText, filtersOf, paging } from '../../shared/table';
import { printSheet } from './print-sheet';
import { StoreField } from '../../shared/stores';

type Row = ApiOutput<'stock.card'>['rows'][number];

/** 收入 and 发出 of a row as the printed card writes them: a reversal in red ink (红字冲销), negative, in its original's column. */
const sides = (r: Row) => (r.documentType === 'void'
  ? { in: r.delta < 0 ? r.delta : 0, out: r.delta > 0 ? -r.delta : 0 }
  : { in: Math.max(r.delta, 0), out: Math.max(-r.delta, 0) });
const side = (v: number) => (v === 0 ? '' : v < 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v);
/** The period's 收入 and 发出 so counted, summed as integers in the item's scale. */
function totals(rows: Row[], decimals: number) {
  const unit = 10 ** decimals;
  const sum = (of: (r: Row) => number) => rows.reduce((n, r) => n + Math.round(of(r) * unit), 0) / unit;
  return { in: sum((r) => sides(r).in), out: sum((r) => sides(r).out) };
}

/** Before an item is chosen: the goods that moved most in the last 30 days, to pick from. */
function RecentItems({ tz }: { tz: string }) {
  const { t } = useI18n();
  const recent = useApi('stock.recent');
  const rows = recent.data ?? [];
  return (
    <div data-testid="ledger-recent" style={{ maxWidth: 720 }}>
      <Typography.Title level={5}>{t('ledger.recentTitle')}</Typography.Title>
      <List size="small" bordered loading={recent.loading} dataSource={rows} locale={{ emptyText: t('ledger.recentNone') }}
        renderItem={(r) => (
          <List.Item style={{ cursor: 'pointer', display: 'flex', gap: 16 }} onClick={() => navigate('/ledger', { item: r.itemId })}>
            <span><a>{r.name}</a> <Typography.Text type="secondary">{[r.spec, r.code].filter(Boolean).join(' · ')}</Typography.Text></span>
            <Typography.Text type="secondary">{t('ledger.recentLine', { movements: r.movements, last: officeTime(r.lastAt, tz) })}</Typography.Text>
          </List.Item>
        )} />
    </div>
  );
}

/** 台账: an item's stock card for any time range, with a running balance and each line's 摘要; exported to Excel or printed as the official card. */
export function StockCardPage() {
  const { t } = useI18n();
  const office = useOffice();
  const tz = office?.timeZone ?? 'Asia/Shanghai';
  const { params } = useRoute();
  const itemId = Number(params.get('item')) || undefined;
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = range?.[0] ? officeInstant(range[0].format('YYYY-MM-DD'), '00:00', tz) : undefined;
  const to = range?.[1] ? officeInstant(range[1].add(1, 'day').format('YYYY-MM-DD'), '00:00', tz) : undefined;
  const [storeId, setStoreId] = useState<number>();
  // The period and, with several stores, the store: the card, its export and its print read the same.
  const period = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(storeId ? { storeId } : {}) };
  const card = useApi('stock.card', { itemId: itemId ?? 1, ...period }, !!itemId);
  const { busy, run } = useBusy();
  const exportCard = (id: number) => run('export', async () => {
    const file = await call('stock.cardExport', { itemId: id, ...period });
    downloadBase64(file.fileName, file.data);
  });
  const printCard = (id: number) => run('print', () => printSheet({ kind: 'card', input: { itemId: id, ...period } }));
  const c = itemId ? card.data : undefined;
  const sum = c ? totals(c.rows, c.item.decimals) : { in: 0, out: 0 };
  const partyOf = (r: Row) => (r.moved ? t(r.moved.direction === 'to' ? 'stores.movedTo' : 'stores.movedFrom', { store: r.moved.store }) : r.counterparty);
  const typeOf = (r: Row) => (r.documentType === 'void' ? `${t('doc.void')}(${t(docTypeKey(r.kind))})` : t(docTypeKey(r.documentType)));
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <div style={{ width: 320 }}><ItemPicker value={itemId} placeholder={t('ledger.pick')} onChange={(v) => navigate('/ledger', { item: v })} /></div>
        <StoreField value={storeId} onChange={setStoreId} allowAll testId="card-store" />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} />
        {itemId && (
          <>
            <Button icon={<FileExcelOutlined />} loading={busy === 'export'} onClick={() => exportCard(itemId)} data-testid="card-export">{t('card.export')}</Button>
            <Button icon={<PrinterOutlined />} loading={busy === 'print'} onClick={() => printCard(itemId)} data-testid="card-print">{t('card.print')}</Button>
          </>
        )}
      </Space>
      {!itemId && <RecentItems tz={tz} />}
      {c && (
        <>
          <Descriptions size="small" bordered column={5} style={{ marginBottom: 12 }}
            items={[
              { label: t('common.item'), children: `${c.item.name} ${c.item.spec}` },
              { label: t('ledger.opening'), children: `${c.opening} ${c.item.unit}` },
              { label: t('ledger.in'), children: <span data-testid="card-in">{sum.in}</span> },
              { label: t('ledger.out'), children: <span data-testid="card-out">{sum.out}</span> },
              { label: t('ledger.closing'), children: <b data-testid="card-closing">{c.closing} {c.item.unit}</b> },
            ]} />
          {/* The running balance is the ledger's order; sorting or filtering only rearranges what is shown. */}
          <Table size="small" rowKey="movementId" loading={card.loading} dataSource={c.rows} pagination={paging(t, { pageSize: 100 })} data-testid="card-table"
            columns={[
              { title: t('common.time'), dataIndex: 'time', width: 140, render: (v: string) => officeTime(v, tz), sorter: byText<Row>((r) => r.time) },
              { title: t('common.number'), dataIndex: 'number', width: 160, sorter: byText<Row>((r) => r.number), render: (v: string, r) => <Space size={4}><a href={`#/documents?open=${r.documentId}`}>{v}</a>{r.voided && <Tag>{t('common.voided')}</Tag>}</Space> },
              { title: t('common.type'), key: 'type', render: (_, r) => typeOf(r), filters: filtersOf(c.rows, typeOf), onFilter: (v, r) => typeOf(r) === v },
              { title: t('ledger.counterparty'), key: 'counterparty', width: 200, render: (_, r) => partyOf(r), filters: filtersOf(c.rows, partyOf), onFilter: (v, r) => partyOf(r) === v },
              { title: t('ledger.summary'), dataIndex: 'summary', ellipsis: true },
              { title: t('common.batch'), dataIndex: 'batchNo', width: 100 },
              { title: t('ledger.in'), align: 'right', sorter: byNumber<Row>((r) => sides(r).in), render: (_, r) => side(sides(r).in) },
              { title: t('ledger.out'), align: 'right', sorter: byNumber<Row>((r) => sides(r).out), render: (_, r) => side(sides(r).out) },
              { title: t('ledger.balance'), dataIndex: 'balance', align: 'right' },
              { title: t('common.operator'), dataIndex: 'operator', filters: filtersOf(c.rows, (r) => r.operator), onFilter: (v, r) => r.operator === v },
            ]} />
        </>
      )}
    </div>
  );
}
