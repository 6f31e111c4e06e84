import { App, Button, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n, type Translate } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { byNumber, byText, paging } from '../../shared/table';
import { GetsCell } from './AllotmentsTable';
import { money } from './money';
import { PayDialog } from './PayDialog';
import { whereOf, type SettledOrder } from './settle';

const paidText = (o: SettledOrder, t: Translate) => t('settle.paidBy', { amount: money(o.paid ?? 0), method: o.method ? t(`settle.method.${o.method}`) : '' });

/** 送达备注 (a bag left at the door, nobody home): kept with the household's delivery, ticked or not. */
function NoteDialog({ order, onClose }: { order: SettledOrder; onClose(): void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const deliver = useMutation('orders.deliver');
  const [note, setNote] = useState(order.deliveryNote);
  const save = () => deliver.run({ orderId: order.orderId, delivered: order.deliveredAt !== null, ...(note.trim() ? { note: note.trim() } : {}) }).then(onClose, showError);
  return (
    <Modal open title={t('settle.noteTitle', { compound: order.compound, address: order.address })} onCancel={onClose} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={deliver.busy} onOk={() => void save()} okButtonProps={{ 'data-testid': 'note-save' }} destroyOnHidden>
      <Input autoFocus value={note} maxLength={100} placeholder={t('settle.notePlaceholder')} onChange={(e) => setNote(e.target.value)} onPressEnter={() => void save()} data-testid="note-input" />
    </Modal>
  );
}

/** 收款与配送, one row per household in address order: what it gets and owes, its payment, whether its bag arrived. */
export function SettleTable({ orders, loading }: { orders: SettledOrder[]; loading: boolean }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const unpay = useMutation('orders.unpay');
  const deliver = useMutation('orders.deliver');
  const [paying, setPaying] = useState<SettledOrder | null>(null);
  const [noting, setNoting] = useState<SettledOrder | null>(null);
  const confirmUndo = (o: SettledOrder) => modal.confirm({
    title: t('settle.undoTitle', { compound: o.compound, address: o.address }),
    content: t('settle.undoHint', { amount: money(o.paid ?? 0), method: o.method ? t(`settle.method.${o.method}`) : '' }),
    okText: t('settle.undo'), okButtonProps: { danger: true, 'data-testid': 'pay-undo-ok' }, cancelText: t('common.cancel'),
    onOk: () => unpay.run({ orderId: o.orderId }).catch(showError),
  });
  const toggle = (o: SettledOrder, delivered: boolean) =>
    deliver.run({ orderId: o.orderId, delivered, ...(o.deliveryNote ? { note: o.deliveryNote } : {}) }).catch(showError);
  return (
    <>
      <Table<SettledOrder> size="small" rowKey="orderId" loading={loading} dataSource={orders} pagination={paging(t, { pageSize: 50 })} data-testid="settle-table"
        columns={[
          {
            title: t('rounds.household'), key: 'address', width: 150, sorter: byText(whereOf),
            render: (_, o) => <span>{whereOf(o)}{o.specialNeeds && <Typography.Text type="danger"> ★</Typography.Text>}</span>,
          },
          { title: t('rounds.contact'), dataIndex: 'contact', width: 80 },
          { title: t('common.phone'), dataIndex: 'phone', width: 110 },
          { title: t('settle.gets'), key: 'gets', render: (_, o) => <GetsCell order={o} t={t} /> },
          { title: t('settle.due'), dataIndex: 'due', width: 90, align: 'right', render: (v: number) => money(v), sorter: byNumber((o) => o.due) },
          {
            title: t('settle.payment'), key: 'paid', width: 150, render: (_, o) => o.paid === null ? <Tag color="orange">{t('settle.unpaid')}</Tag> : (
              <span data-testid="settle-paid">
                <Typography.Text type={o.paid !== o.due ? 'warning' : undefined}>{paidText(o, t)}</Typography.Text>
                {o.payer && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('settle.payerText', { payer: o.payer })}</Typography.Text></div>}
              </span>
            ),
          },
          {
            title: t('common.actions'), key: 'actions', width: 90, hidden: !can('orders.pay'), render: (_, o) => o.paid === null
              ? <Button size="small" type="primary" ghost onClick={() => setPaying(o)} data-testid="pay-open">{t('settle.collect')}</Button>
              : <Button size="small" type="link" danger onClick={() => confirmUndo(o)} data-testid="pay-undo">{t('settle.undo')}</Button>,
          },
          {
            title: t('settle.delivered'), key: 'delivered', width: 150, render: (_, o) => (
              <Space size={4} wrap>
                <Switch size="small" checked={o.deliveredAt !== null} disabled={!can('orders.deliver')} onChange={(v) => void toggle(o, v)} data-testid="deliver-toggle" />
                {can('orders.deliver') && <Button size="small" type="link" onClick={() => setNoting(o)} data-testid="deliver-note">{t('settle.noteEdit')}</Button>}
                {o.deliveryNote && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="deliver-note-text">{o.deliveryNote}</Typography.Text>}
              </Space>
            ),
          },
        ]} />
      {paying && <PayDialog order={paying} onClose={() => setPaying(null)} />}
      {noting && <NoteDialog order={noting} onClose={() => setNoting(null)} />}
    </>
  );
}
