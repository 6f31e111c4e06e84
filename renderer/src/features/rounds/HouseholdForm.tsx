import { AutoComplete, Checkbox, Form, Input, Modal, Space, Switch } from 'antd';
import { useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import type { Household } from './HouseholdPicker';

type Values = Pick<Household, 'community' | 'compound' | 'building' | 'unit' | 'room' | 'contact' | 'phone' | 'elderlyAlone' | 'limitedMobility' | 'chronic' | 'medicines' | 'needs' | 'active'>;

/** A household, new or edited: its address in parts, the contact with the whole phone number, and what it needs. */
export function HouseholdForm({ household, onClose }: { household?: Household; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const compounds = useApi('households.compounds');
  const create = useMutation('households.create');
  const update = useMutation('households.update');
  const chronic = Form.useWatch('chronic', form);
  const save = async () => {
    const v = await form.validateFields();
    const fields = {
      community: v.community ?? '', compound: v.compound, building: v.building, unit: v.unit ?? '', room: v.room, contact: v.contact ?? '', phone: v.phone ?? '',
      elderlyAlone: !!v.elderlyAlone, limitedMobility: !!v.limitedMobility, chronic: !!v.chronic, medicines: v.medicines ?? '', needs: v.needs ?? '',
    };
    try {
      if (household) await update.run({ id: household.id, ...fields, active: v.active });
      else await create.run(fields);
      onClose();
    } catch (err) {
      showError(err);
    }
  };
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const noSpace = { pattern: /^\S*$/, message: t('households.noSpace') };
  return (
    <Modal open width={720} title={household ? t('households.editTitle', { address: `${household.compound} ${household.address}` }) : t('households.new')}
      onCancel={onClose} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={create.busy || update.busy}
      onOk={() => void save().catch(() => undefined)} okButtonProps={{ 'data-testid': 'household-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={household ?? { active: true }}>
        <Space wrap align="start">
          <Form.Item name="community" label={t('households.community')}><Input maxLength={40} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="compound" label={t('households.compound')} rules={required}>
            <AutoComplete style={{ width: 200 }} options={(compounds.data ?? []).map((c) => ({ value: c.compound }))} data-testid="household-compound"
              showSearch={{ filterOption: (typed, o) => String(o?.value ?? '').includes(typed) }} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="building" label={t('households.building')} rules={[...required, noSpace]}><Input maxLength={10} style={{ width: 100 }} data-testid="household-building" /></Form.Item>
          <Form.Item name="unit" label={t('households.unit')} rules={[noSpace]}><Input maxLength={10} style={{ width: 100 }} data-testid="household-unit" /></Form.Item>
          <Form.Item name="room" label={t('households.room')} rules={[...required, noSpace]}><Input maxLength={10} style={{ width: 100 }} data-testid="household-room" /></Form.Item>
          <Form.Item name="contact" label={t('rounds.contact')}><Input maxLength={20} style={{ width: 140 }} data-testid="household-contact" /></Form.Item>
          <Form.Item name="phone" label={t('common.phone')} rules={[{ validator: (_, v?: string) => (!v || (/^[0-9 -]+$/.test(v) && /^(1\d{10}|0\d{9,11})$/.test(v.replace(/[ -]/g, ''))) ? Promise.resolve() : Promise.reject(new Error(t('households.phoneFormat')))) }]}>
            <Input maxLength={20} style={{ width: 150 }} data-testid="household-phone" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="elderlyAlone" valuePropName="checked"><Checkbox>{t('households.elderlyAlone')}</Checkbox></Form.Item>
          <Form.Item name="limitedMobility" valuePropName="checked"><Checkbox>{t('households.limitedMobility')}</Checkbox></Form.Item>
          <Form.Item name="chronic" valuePropName="checked"><Checkbox>{t('households.chronic')}</Checkbox></Form.Item>
          {household && <Form.Item name="active" valuePropName="checked" label={t('items.active')} layout="horizontal"><Switch size="small" /></Form.Item>}
        </Space>
        <Form.Item name="medicines" label={t('households.medicines')} tooltip={t('households.medicinesHint')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} placeholder={chronic ? t('households.medicinesHint') : undefined} />
        </Form.Item>
        <Form.Item name="needs" label={t('households.needs')}><Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} /></Form.Item>
      </Form>
    </Modal>
  );
}
