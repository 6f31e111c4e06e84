import { App, InputNumber, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { toApiError, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { goodsLabel } from './goods';
import { money } from './money';
import type { Order } from './order-notices';
import type { Round } from './round-choice';

/** 修改 an order's quantities (0 takes a good out); a new good is added by recording the household again. */
export function OrderChange({ order, round, onClose }: { order: Order; round: Round; onClose(): void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const showError = useShowError();
  const change = useMutation('orders.change');
  const [counts, setCounts] = useState(() => new Map(order.lines.map((l) => [l.goodsId, l.quantity])));
  const changed = order.lines.filter((l) => counts.get(l.goodsId) !== l.quantity).map((l) => ({ goodsId: l.goodsId, quantity: counts.get(l.goodsId) ?? 0 }));
  const prices = new Map(round.goods.map((g) => [g.id, g.price]));
  const total = [...counts].reduce((sum, [id, n]) => sum + (prices.get(id) ?? 0) * n, 0);
  const save = async (afterCutoff = false): Promise<void> => {
    if (!changed.length) return onClose();
    try {
      await change.run({ orderId: order.id, lines: changed, ...(afterCutoff ? { afterCutoff } : {}) });
      onClose();
    } catch (err) {
      if (toApiError(err).code !== 'AFTER_CUTOFF' || afterCutoff) return showError(err);
      modal.confirm({ title: t('rounds.changeAfterCutoff'), content: toApiError(err).message, okText: t('rounds.changeAnyway'), cancelText: t('common.cancel'), onOk: () => save(true) });
    }
  };
  return (
    <Modal open title={t('rounds.changeTitle', { compound: order.compound, address: order.address, contact: order.contact })} onCancel={onClose}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={change.busy} onOk={() => void save()} okButtonProps={{ 'data-testid': 'order-change-save' }}>
      <Table size="small" rowKey="goodsId" pagination={false} dataSource={order.lines}
        columns={[
          { title: t('rounds.goods'), render: (_, l) => goodsLabel(l) },
          { title: t('rounds.price'), width: 90, align: 'right', render: (_, l) => money(l.price) },
          {
            title: t('common.quantity'), width: 110, render: (_, l) => (
              <InputNumber min={0} max={9999} precision={0} value={counts.get(l.goodsId)} style={{ width: '100%' }}
                onChange={(v) => setCounts(new Map(counts).set(l.goodsId, v ?? 0))} />
            ),
          },
        ]} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('rounds.changeHint')}</Typography.Paragraph>
      <Typography.Text strong>{t('rounds.orderTotal', { total: money(total) })}</Typography.Text>
    </Modal>
  );
}
