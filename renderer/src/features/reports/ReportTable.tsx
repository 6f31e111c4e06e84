import { Table, Tag, type TableColumnType } from 'antd';
import type { ApiOutput } from '../../api/client';
import { useI18n } from '../../i18n';

type Report = ApiOutput<'reports.daily.preview'>;
type Item = Report['items'][number];

type Col = TableColumnType<Item> & { children?: Col[] };
const NOWRAP = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** A column whose header never breaks inside a word; quantities right-aligned. */
const col = (title: string, width: number, rest: Col): Col => ({ title, width, align: 'right', onHeaderCell: NOWRAP, ...rest });
const widthOf = (cols: Col[]): number => cols.reduce((s, c) => s + (c.children ? widthOf(c.children) : Number(c.width ?? 0)), 0);

/**
 * 收发存 by item, as on the sheet the superior receives. 物资 stays on the left and 本期结存,
 * 可保障天数 and the state on the right; the movements between them scroll (1366×768 included).
 */
export function ReportTable({ report }: { report: Report }) {
  const { t } = useI18n();
  const received: Col[] = [
    ...(['allocation', 'purchase', 'donation', 'other'] as const).map((k) => col(t(`source.${k}`), k === 'other' ? 64 : 80, { key: k, render: (_: unknown, r: Item) => r.receipts[k] })),
    col(t('reports.subtotal'), 64, { dataIndex: 'received' }),
  ];
  const middle: Col[] = [
    col(t('common.category'), 96, { dataIndex: 'category', align: 'left', ellipsis: true }),
    col(t('common.unit'), 56, { dataIndex: 'unit', align: 'left' }),
    col(t('reports.opening'), 80, { dataIndex: 'opening' }),
    { title: t('reports.in'), onHeaderCell: NOWRAP, children: received },
    col(t('reports.out'), 80, { dataIndex: 'issued' }),
    col(t('reports.adjusted'), 100, { dataIndex: 'adjusted' }),
    col(t('reports.lentOut'), 64, { dataIndex: 'lent' }),
    col(t('reports.transferredOut'), 64, { dataIndex: 'transferredOut' }),
    ...(report.items.some((i) => i.unitPrice > 0) ? [col(t('reports.amount'), 116, { dataIndex: 'closingAmount', render: (v: number) => (v / 100).toFixed(2) })] : []),
  ];
  const left = col(t('common.item'), 140, { dataIndex: 'name', align: 'left', fixed: 'left', ellipsis: true });
  const right: Col[] = [
    col(t('reports.closing'), 80, { dataIndex: 'closing', fixed: 'right', render: (v: number, r) => <b style={{ color: r.belowMinimum ? '#cf1322' : undefined }}>{v}</b> }),
    col(t('reports.cover'), 90, { dataIndex: 'coverDays', fixed: 'right', render: (v: number | null) => v ?? '—' }),
    col(t('common.state'), 120, {
      key: 'state', align: 'left', fixed: 'right', render: (_, r) => (
        <>
          {r.belowMinimum && <Tag color="red">{t('stock.low')}</Tag>}
          {r.nearExpiry && <Tag color="orange">{t('stock.nearExpiry')}</Tag>}
        </>
      ),
    }),
  ];
  return (
    <Table<Item> size="small" rowKey="itemId" pagination={false} dataSource={report.items} data-testid="report-items" tableLayout="fixed"
      scroll={{ x: widthOf([left, ...middle, ...right]) }} columns={[left, ...middle, ...right]} />
  );
}
