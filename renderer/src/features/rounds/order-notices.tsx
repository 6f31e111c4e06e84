import { Alert, Card, List, Typography } from 'antd';
import type { ApiOutput } from '../../api/client';
import { useI18n } from '../../i18n';
import { goodsLabel } from './goods';
import { money } from './money';

export type Order = ApiOutput<'orders.list'>[number];

/** What was just recorded, to read back to the resident on the phone: large, with the household's address. */
export function RecordedNotice({ order, onClose }: { order: Order; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Alert type={order.movedFrom ? 'warning' : 'success'} showIcon closable={{ onClose }} style={{ marginBottom: 12 }} data-testid="order-recorded"
      title={<Typography.Text strong style={{ fontSize: 16 }}>{t('rounds.recordedFor', { compound: order.compound, address: order.address, contact: order.contact })}</Typography.Text>}
      description={
        <div>
          <div style={{ fontSize: 18, lineHeight: 1.6 }} data-testid="order-readback">{order.readBack}</div>
          {order.requests > 1 && <Typography.Text type="secondary">{t('rounds.mergedNote', { n: order.requests })}</Typography.Text>}
          {order.movedFrom && <div data-testid="order-moved"><Typography.Text strong>{t('rounds.movedTo', { from: order.movedFrom, to: order.roundNumber })}</Typography.Text></div>}
        </div>
      } />
  );
}

/** The household's order in this round, beside the form: a new request is added to it. */
export function ExistingOrder({ order }: { order: Order }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('rounds.existingTitle', { n: order.requests })} data-testid="order-existing" style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('rounds.existingHint')}</Typography.Paragraph>
      <List size="small" dataSource={order.lines} locale={{ emptyText: t('rounds.noLines') }}
        renderItem={(l) => (
          <List.Item style={{ display: 'flex', justifyContent: 'space-between' }}><span>{goodsLabel(l)} × {l.quantity}</span><span>{money(l.amount)}</span></List.Item>
        )} />
      <Typography.Paragraph strong style={{ margin: '8px 0 0' }}>{t('rounds.orderTotal', { total: money(order.total) })}</Typography.Paragraph>
      {order.note && <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-line', margin: '4px 0 0', fontSize: 12 }}>{order.note}</Typography.Paragraph>}
    </Card>
  );
}
