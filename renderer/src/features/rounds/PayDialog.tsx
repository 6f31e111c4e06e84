import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { toApiError, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { money, parseYuan, yuanText } from './money';
import type { SettledOrder } from './settle';

export const PAY_METHODS = ['wechat', 'alipay', 'cash', 'proxy'] as const;
type Method = (typeof PAY_METHODS)[number];

/** 收款: the amount (what is due, unless the household pays otherwise), how, and for 代付 who paid. */
export function PayDialog({ order, onClose }: { order: SettledOrder; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ amount: string; method: Method; payer?: string }>();
  const method = Form.useWatch('method', form);
  const pay = useMutation('orders.pay');
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    setProblem(null);
    const v = await form.validateFields();
    try {
      await pay.run({ orderId: order.orderId, amount: parseYuan(v.amount)!, method: v.method, ...(v.method === 'proxy' ? { payer: v.payer!.trim() } : {}) });
      onClose();
    } catch (err) {
      setProblem(toApiError(err).message);
    }
  };
  // A field the form refuses shows its own message; nothing more to say.
  const submit = () => void save().catch(() => undefined);
  return (
    <Modal open title={t('settle.payTitle', { compound: order.compound, address: order.address, contact: order.contact })} onCancel={onClose} destroyOnHidden
      okText={t('settle.collect')} cancelText={t('common.cancel')} confirmLoading={pay.busy} onOk={submit}
      okButtonProps={{ 'data-testid': 'pay-save' }}>
      <Typography.Paragraph strong>{t('settle.dueText', { due: money(order.due) })}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ amount: yuanText(order.due), method: 'wechat' }}>
        <Form.Item name="amount" label={t('settle.amountYuan')}
          rules={[{ validator: (_, v: string) => (parseYuan(v ?? '') === null ? Promise.reject(new Error(t('settle.amountFormat'))) : Promise.resolve()) }]}>
          <Input autoFocus maxLength={14} style={{ width: 160 }} data-testid="pay-amount" onFocus={(e) => e.target.select()} onPressEnter={submit} />
        </Form.Item>
        <Form.Item name="method" label={t('settle.method')}>
          <Select<Method> style={{ width: 160 }} data-testid="pay-method" options={PAY_METHODS.map((m) => ({ value: m, label: t(`settle.method.${m}`) }))} />
        </Form.Item>
        {method === 'proxy' && (
          <Form.Item name="payer" label={t('settle.payer')} rules={[{ required: true, whitespace: true, message: t('settle.payerRequired') }]}>
            <Input maxLength={20} style={{ width: 240 }} data-testid="pay-payer" onPressEnter={submit} />
          </Form.Item>
        )}
      </Form>
      {problem && <Alert type="error" showIcon title={problem} data-testid="pay-problem" />}
    </Modal>
  );
}
