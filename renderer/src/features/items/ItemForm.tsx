import { App, Checkbox, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { apiUnits, scaledRows, unitRows, UnitsEditor, type UnitRow } from './UnitsEditor';

type Item = ApiOutput<'items.get'>;

interface Values {
  code?: string;
  name: string;
  spec?: string;
  categoryId: number;
  unit: string;
  units?: UnitRow[];
  decimals: number;
  minStock?: number;
  tracksBatches: boolean;
  durable: boolean;
  price?: number;
}

/** Create or edit an item with every field of the ledger. */
export function ItemForm({ item, open, onClose }: { item?: Item; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const categories = useApi('categories.list');
  const create = useMutation('items.create');
  const update = useMutation('items.update');
  const showError = useShowError();
  const decimals = Form.useWatch('decimals', form) ?? 0;
  const { modal } = App.useApp();

  /** Stock already on hand becomes the batch 未分批, issued first: the clerk is told before saving. */
  const confirmTracking = async (it: Item): Promise<boolean> => {
    const [stock] = await call('stock.list', { itemIds: [it.id] });
    if (!stock || stock.quantity <= 0) return true;
    return new Promise((resolve) => {
      modal.confirm({
        title: t('items.trackTitle'), content: t('items.trackConfirm', { quantity: stock.quantity, unit: it.unit }),
        okText: t('common.save'), cancelText: t('common.cancel'), onOk: () => resolve(true), onCancel: () => resolve(false),
      });
    });
  };

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (item) {
      form.setFieldsValue({
        ...item,
        units: unitRows(item),
        price: item.unitPrice / 100,
      });
    }
  }, [open, item, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const units = scaledRows(v.units, v.unit.trim(), v.decimals, t);
    if (!units.ok) return showError(new Error(units.error));
    const fields = {
      name: v.name,
      spec: v.spec ?? '',
      categoryId: v.categoryId,
      unit: v.unit,
      units: apiUnits(units.packs, v.decimals),
      decimals: v.decimals,
      minStock: String(v.minStock ?? 0),
      tracksBatches: v.tracksBatches,
      durable: v.durable,
      unitPrice: Math.round((v.price ?? 0) * 100),
    };
    try {
      if (item && !item.tracksBatches && v.tracksBatches && !(await confirmTracking(item))) return;
      if (item) await update.run({ id: item.id, ...(v.code ? { code: v.code } : {}), ...fields });
      else await create.run({ ...(v.code ? { code: v.code } : {}), ...fields });
      onClose();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t(item ? 'items.edit' : 'items.new')}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.busy || update.busy}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ decimals: 0, tracksBatches: false, durable: false }}>
        <Space.Compact block>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 2 }}>
            <Input maxLength={60} autoFocus />
          </Form.Item>
          <Form.Item name="code" label={t('common.code')} style={{ flex: 1 }}>
            <Input maxLength={30} placeholder="WZ0001" />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="spec" label={t('common.spec')} style={{ flex: 2 }}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="categoryId" label={t('common.category')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1 }}>
            <Select options={(categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        </Space.Compact>
        <Space wrap>
          <Form.Item name="unit" label={t('common.unit')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={8} style={{ width: 90 }} placeholder={t('items.unitExample')} />
          </Form.Item>
          <Form.Item name="decimals" label={t('items.decimals')}>
            <Select style={{ width: 90 }} options={[0, 1, 2, 3].map((d) => ({ value: d, label: d }))} disabled={!!item} />
          </Form.Item>
          <Form.Item name="minStock" label={t('items.minStock')}>
            <InputNumber min={0} precision={decimals} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="price" label={t('items.unitPrice')}>
            <InputNumber min={0} precision={2} style={{ width: 110 }} />
          </Form.Item>
        </Space>
        <UnitsEditor form={form} decimals={decimals} />
        <Space size="large">
          <Form.Item name="tracksBatches" valuePropName="checked">
            <Checkbox>{t('items.tracksBatches')}</Checkbox>
          </Form.Item>
          <Form.Item name="durable" valuePropName="checked">
            <Checkbox>{t('items.durable')}</Checkbox>
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
