import { Table, Typography } from 'antd';
import { decimalText } from '../../../../db/units';
import type { ApiOutput } from '../../api/client';
import { useI18n } from '../../i18n';

type Donation = ApiOutput<'donations.disclosure'>['donations'][number];
type Goods = Donation['goods'][number];
/** One table row: a donated batch, with its donation's cells spanning the donation's rows. */
type Row = Goods & { key: string; donation: Donation; span: number };

/** 公示表 on screen: per donation (匿名 as published), each donated batch with what came in, where it went and what is left. */
export function DisclosureTable({ donations, loading }: { donations: Donation[]; loading: boolean }) {
  const { t } = useI18n();
  const rows: Row[] = donations.flatMap((d) => d.goods.map((g, i) => ({ ...g, key: `${d.documentId}:${g.batchId}`, donation: d, span: i === 0 ? d.goods.length : 0 })));
  const q = (r: Row, n: number) => (n === 0 ? '—' : decimalText(n, r.decimals));
  const spanned = (r: Row) => ({ rowSpan: r.span });
  return (
    <Table<Row>
      data-testid="donations-table" size="small" bordered pagination={false} loading={loading} dataSource={rows} rowKey="key"
      locale={{ emptyText: t('donations.none') }} scroll={{ y: 'calc(100vh - 290px)' }}
      columns={[
        { title: t('donations.donor'), width: 120, onCell: spanned, render: (_: unknown, r) => r.donation.donor },
        { title: t('donations.receiptNo'), width: 100, onCell: spanned, render: (_: unknown, r) => r.donation.receiptNo || '—' },
        { title: t('donations.received'), width: 110, onCell: spanned, render: (_: unknown, r) => <><div>{r.donation.time}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.donation.number}</Typography.Text></> },
        { title: t('donations.goods'), width: 130, render: (_: unknown, r) => <>{r.name}{r.spec && <Typography.Text type="secondary"> {r.spec}</Typography.Text>}</> },
        { title: t('donations.batch'), width: 100, render: (_: unknown, r) => [r.batchNo, r.expiryDate].filter(Boolean).join(' / ') || '—' },
        { title: t('donations.receivedQty'), width: 90, align: 'right', render: (_: unknown, r) => `${decimalText(r.received, r.decimals)} ${r.unit}` },
        { title: t('donations.issued'), width: 60, align: 'right', render: (_: unknown, r) => q(r, r.issued) },
        { title: t('donations.returned'), width: 60, align: 'right', render: (_: unknown, r) => q(r, r.returned) },
        { title: t('donations.lost'), width: 60, align: 'right', render: (_: unknown, r) => q(r, r.lost) },
        { title: t('donations.inStock'), width: 70, align: 'right', render: (_: unknown, r) => <strong>{decimalText(r.inStock, r.decimals)}</strong> },
        {
          title: t('donations.uses'), width: 230,
          render: (_: unknown, r) => r.uses.length === 0 ? <Typography.Text type="secondary">{t('donations.unused')}</Typography.Text> : (
            <div style={{ fontSize: 12, lineHeight: '18px' }}>
              {r.uses.map((u) => (
                <div key={u.documentId}>
                  {u.time.slice(5)} {t(`donations.use.${u.kind}`)} {u.place} <strong>{decimalText(Math.abs(u.delta), r.decimals)}</strong>{u.reason && <Typography.Text type="secondary">({u.reason})</Typography.Text>}
                </div>
              ))}
            </div>
          ),
        },
      ]}
    />
  );
}
