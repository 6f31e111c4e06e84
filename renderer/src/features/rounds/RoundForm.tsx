import { Alert, App, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type KeyboardEvent } from 'react';
import { toApiError, useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { officeDate, officeInstant } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { GoodsEditor, newGoodsRow, priceList, type GoodsRow } from './GoodsEditor';
import { parseYuan, yuanText } from './money';
import { PriceListImport } from './PriceListImport';
import type { Round } from './round-choice';

interface Values {
  supplierId: number;
  day: Dayjs;
  cutoff: Dayjs;
  compounds: string[];
  householdLimit?: string;
  note?: string;
}

/**
 * Enter in a text box opens the round, as in any form; a list or a date box keeps its own Enter
 * (it picks), and so does an input method still composing a word.
 */
function enterSaves(save: () => void) {
  return (e: KeyboardEvent) => {
    const box = e.target;
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    if (!(box instanceof HTMLInputElement) || box.type !== 'text' || box.closest('.ant-select, .ant-picker')) return;
    e.preventDefault();
    save();
  };
}

/** 新开批次: supplier, day, cut-off, compounds, limit and price list; `from` fills it from an earlier round (沿用). */
export function RoundForm({ from, onClose }: { from?: Round; onClose(): void }) {
  const { t } = useI18n();
  const office = useOffice();
  const tz = office?.timeZone ?? 'Asia/Shanghai';
  const { modal } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const suppliers = useApi('suppliers.list');
  const compounds = useApi('households.compounds');
  const create = useMutation('rounds.create');
  const [rows, setRows] = useState<GoodsRow[]>(() => (from?.goods.length ? from.goods.map(newGoodsRow) : [newGoodsRow()]));
  const [problem, setProblem] = useState<string | null>(null);
  const today = dayjs(officeDate(office?.now ?? new Date(), tz));

  const save = async (certificatesChecked = false): Promise<void> => {
    const v = await form.validateFields();
    const list = priceList(rows, t);
    setProblem(list.problem ?? null);
    if (!list.goods) return;
    const limit = v.householdLimit?.trim() ? parseYuan(v.householdLimit) : undefined;
    const day = v.day.format('YYYY-MM-DD');
    const input = {
      supplierId: v.supplierId, day, cutoff: officeInstant(v.cutoff.format('YYYY-MM-DD'), v.cutoff.format('HH:mm'), tz), compounds: v.compounds,
      goods: list.goods, ...(limit ? { householdLimit: limit } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      ...(certificatesChecked ? { certificatesChecked } : {}),
    };
    try {
      await create.run(input);
      onClose();
    } catch (err) {
      const e = toApiError(err);
      if (e.code !== 'CERTIFICATE_PROBLEM' || certificatesChecked) return showError(err);
      modal.confirm({ title: t('rounds.certificateTitle'), content: e.message, okText: t('rounds.certificateOpen'), okButtonProps: { danger: true }, cancelText: t('common.cancel'), onOk: () => save(true) });
    }
  };

  return (
    <Modal open width={1040} title={from ? t('rounds.newFrom', { number: from.number }) : t('rounds.new')} onCancel={onClose} okText={t('rounds.open')} cancelText={t('common.cancel')}
      confirmLoading={create.busy} onOk={() => void save().catch(() => undefined)} okButtonProps={{ 'data-testid': 'round-save' }} destroyOnHidden>
      <div onKeyDown={enterSaves(() => { if (!create.busy) void save().catch(() => undefined); })} data-testid="round-form">
        <Form form={form} layout="vertical" initialValues={{
          supplierId: from?.supplierId ?? undefined, day: today, compounds: from?.compounds ?? [], note: from?.note,
          householdLimit: from?.householdLimit ? yuanText(from.householdLimit) : undefined,
        }}>
          <Space wrap align="start">
            <Form.Item name="supplierId" label={t('rounds.supplier')} rules={[{ required: true, message: t('rounds.pickSupplier') }]}>
              <Select style={{ width: 240 }} data-testid="round-supplier" showSearch={{ optionFilterProp: 'label' }}
                options={(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item name="day" label={t('rounds.day')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker style={{ width: 150 }} data-testid="round-day" />
            </Form.Item>
            <Form.Item name="cutoff" label={t('rounds.cutoff')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder="YYYY-MM-DD HH:mm" style={{ width: 190 }} data-testid="round-cutoff" />
            </Form.Item>
            <Form.Item name="householdLimit" label={t('rounds.householdLimitYuan')}
              rules={[{ validator: (_, v?: string) => (!v?.trim() || (parseYuan(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('rounds.limitFormat')))) }]}>
              <Input style={{ width: 130 }} placeholder={t('rounds.noLimit')} prefix="¥" data-testid="round-limit" />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="compounds" label={t('rounds.compounds')} rules={[{ required: true, message: t('rounds.pickCompounds') }]}>
              <Select mode="multiple" style={{ width: 480 }} data-testid="round-compounds"
                options={(compounds.data ?? []).map((c) => ({ value: c.compound, label: t('rounds.compoundOption', { compound: c.compound, n: c.households }) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('common.note')}><Input maxLength={200} style={{ width: 420 }} /></Form.Item>
          </Space>
        </Form>
        <PriceListImport rows={rows} onChange={setRows} />
        <GoodsEditor rows={rows} onChange={setRows} t={t} />
        {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      </div>
    </Modal>
  );
}
