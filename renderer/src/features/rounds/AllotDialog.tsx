import { Alert, InputNumber, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { toApiError, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { goodsLabel } from './goods';
import { money } from './money';
import type { Round } from './round-choice';
import type { SettledOrder, Settlement } from './settle';

interface Row {
  goodsId: number;
  label: string;
  price: number;
  ordered: number;
  gets: number;
  arrived: number | null;
  allotted: number;
}

/**
 * 调整 one household's share by hand (a neighbour gives up a box of eggs for an elderly one): what it
 * gets of each good it ordered and of the substitutes for them. The ledger keeps the round within
 * what arrived and says what is left when it refuses.
 */
export function AllotDialog({ order, s, round, onClose }: { order: SettledOrder; s: Settlement; round: Round; onClose(): void }) {
  const { t } = useI18n();
  const allot = useMutation('orders.allot');
  const [problem, setProblem] = useState<string | null>(null);
  const totals = new Map(s.goods.map((g) => [g.goodsId, g]));
  const orderedIds = new Set(order.lines.filter((l) => l.ordered > 0).map((l) => l.goodsId));
  const substitutes = round.goods.filter((g) => g.replacesId !== null && orderedIds.has(g.replacesId) && !order.lines.some((l) => l.goodsId === g.id));
  const rows: Row[] = [
    ...order.lines.map((l) => ({ goodsId: l.goodsId, label: goodsLabel(l), price: l.price, ordered: l.ordered, gets: l.gets })),
    ...substitutes.map((g) => ({ goodsId: g.id, label: goodsLabel(g), price: g.price, ordered: 0, gets: 0 })),
  ].map((r) => ({ ...r, arrived: totals.get(r.goodsId)?.delivered ?? null, allotted: totals.get(r.goodsId)?.allotted ?? 0 }));
  const [counts, setCounts] = useState(() => new Map(rows.map((r) => [r.goodsId, r.gets])));
  const changed = rows.filter((r) => counts.get(r.goodsId) !== r.gets).map((r) => ({ goodsId: r.goodsId, quantity: counts.get(r.goodsId) ?? 0 }));
  const due = rows.reduce((n, r) => n + r.price * (counts.get(r.goodsId) ?? 0), 0);
  const save = async () => {
    if (!changed.length) return onClose();
    try {
      await allot.run({ orderId: order.orderId, lines: changed });
      onClose();
    } catch (err) {
      setProblem(toApiError(err).message);
    }
  };
  return (
    <Modal open width={640} title={t('gate.adjustTitle', { compound: order.compound, address: order.address, contact: order.contact })} onCancel={onClose}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={allot.busy} onOk={() => void save()} okButtonProps={{ 'data-testid': 'allot-save' }}>
      <Typography.Paragraph type="secondary">{t('gate.adjustHint')}</Typography.Paragraph>
      <Table<Row> size="small" rowKey="goodsId" pagination={false} dataSource={rows} data-testid="allot-lines"
        columns={[
          { title: t('rounds.goods'), render: (_, r) => r.label },
          { title: t('gate.ordered'), width: 70, align: 'right', dataIndex: 'ordered' },
          { title: t('gate.arrivedAllotted'), width: 110, align: 'right', render: (_, r) => `${r.arrived ?? '—'} / ${r.allotted}` },
          {
            title: t('gate.thisHousehold'), width: 120, render: (_, r) => (
              <InputNumber min={0} max={9999} precision={0} value={counts.get(r.goodsId)} style={{ width: '100%' }} data-testid="allot-qty"
                onChange={(v) => { setProblem(null); setCounts(new Map(counts).set(r.goodsId, v ?? 0)); }} />
            ),
          },
        ]} />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} data-testid="allot-problem" />}
      <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 0 }}>{t('settle.dueText', { due: money(due) })}</Typography.Paragraph>
    </Modal>
  );
}
