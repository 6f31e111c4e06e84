import { DatePicker, Form, Input, Modal, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import type { Supplier } from './SuppliersTab';

export const CERTIFICATE_KINDS = ['license', 'supply', 'pass'] as const;
type Kind = (typeof CERTIFICATE_KINDS)[number];

interface Values {
  name: string;
  kind: Supplier['kind'];
  contact?: string;
  phone?: string;
  active?: boolean;
  certs: Record<Kind, { number?: string; validUntil?: Dayjs | null }>;
}

/** A supplier with its 营业执照, 保供企业证明 and 通行证: a certificate with no date is left out (and so is missing). */
export function SupplierForm({ supplier, onClose }: { supplier?: Supplier; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const create = useMutation('suppliers.create');
  const update = useMutation('suppliers.update');
  const certs = Object.fromEntries(CERTIFICATE_KINDS.map((k) => {
    const c = supplier?.certificates.find((x) => x.kind === k);
    return [k, { number: c?.number, validUntil: c ? dayjs(c.validUntil) : null }];
  })) as Values['certs'];
  const save = async () => {
    const v = await form.validateFields();
    const certificates = CERTIFICATE_KINDS.flatMap((kind) => {
      const c = v.certs[kind];
      return c?.validUntil ? [{ kind, validUntil: c.validUntil.format('YYYY-MM-DD'), ...(c.number?.trim() ? { number: c.number.trim() } : {}) }] : [];
    });
    const fields = { name: v.name, kind: v.kind, contact: v.contact ?? '', phone: v.phone ?? '', certificates };
    try {
      if (supplier) await update.run({ id: supplier.id, ...fields, active: v.active });
      else await create.run(fields);
      onClose();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal open width={640} title={supplier ? t('suppliers.editTitle', { name: supplier.name }) : t('suppliers.new')} onCancel={onClose}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={create.busy || update.busy}
      onOk={() => void save().catch(() => undefined)} okButtonProps={{ 'data-testid': 'supplier-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ name: supplier?.name, kind: supplier?.kind ?? 'supermarket', contact: supplier?.contact, phone: supplier?.phone, active: supplier?.active ?? true, certs }}>
        <Space wrap align="start">
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={60} style={{ width: 240 }} data-testid="supplier-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('common.type')}>
            <Select style={{ width: 120 }} options={(['supermarket', 'pharmacy'] as const).map((k) => ({ value: k, label: t(`suppliers.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="contact" label={t('rounds.contact')}><Input maxLength={20} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="phone" label={t('common.phone')}><Input maxLength={20} style={{ width: 130 }} /></Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{t('suppliers.certHint')}</Typography.Paragraph>
        {CERTIFICATE_KINDS.map((kind) => (
          <Space key={kind} align="start" wrap>
            <Form.Item name={['certs', kind, 'number']} label={t('suppliers.certNumber', { cert: t(`suppliers.cert.${kind}`) })} style={{ marginBottom: 8 }}>
              <Input maxLength={40} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name={['certs', kind, 'validUntil']} label={t('suppliers.validUntil', { cert: t(`suppliers.cert.${kind}`) })} style={{ marginBottom: 8 }}>
              <DatePicker style={{ width: 180 }} data-testid={`supplier-${kind}-until`} />
            </Form.Item>
          </Space>
        ))}
        {supplier && <Form.Item name="active" valuePropName="checked" label={t('items.active')}><Switch size="small" /></Form.Item>}
      </Form>
    </Modal>
  );
}
