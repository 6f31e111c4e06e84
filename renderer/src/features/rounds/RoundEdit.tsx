import { Alert, DatePicker, Form, Input, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { toApiError, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { officeInstant, officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { GoodsEditor, newGoodsRow, priceList, type GoodsRow } from './GoodsEditor';
import { parseYuan, yuanText } from './money';
import type { Round } from './round-choice';
import { orderedGoods } from './settle';

interface Values {
  cutoff: Dayjs;
  householdLimit?: string;
  note?: string;
}

/**
 * 修改批次 while it takes orders: the cut-off, the limit, the note and the whole price list (a line
 * kept keeps its id, a new one has none, one taken out is left out). The ledger refuses taking out
 * a good somebody ordered, in its own words.
 */
export function RoundEdit({ round, onClose }: { round: Round; onClose(): void }) {
  const { t } = useI18n();
  const tz = useOffice()?.timeZone ?? 'Asia/Shanghai';
  const [form] = Form.useForm<Values>();
  const update = useMutation('rounds.update');
  const [rows, setRows] = useState<GoodsRow[]>(() => orderedGoods(round).map((g) => ({ ...newGoodsRow(g), id: g.id })));
  const [problem, setProblem] = useState<string | null>(null);

  const save = async () => {
    const v = await form.validateFields();
    const list = priceList(rows, t);
    setProblem(list.problem ?? null);
    if (!list.goods) return;
    const limit = v.householdLimit?.trim() ? parseYuan(v.householdLimit) : null;
    try {
      await update.run({
        id: round.id, cutoff: officeInstant(v.cutoff.format('YYYY-MM-DD'), v.cutoff.format('HH:mm'), tz), householdLimit: limit, note: v.note?.trim() ?? '',
        goods: list.goods.map((g, i) => { const id = list.ids[i]; return id ? { ...g, id } : g; }),
      });
      onClose();
    } catch (err) {
      setProblem(toApiError(err).message);
    }
  };

  return (
    <Modal open width={1040} title={t('roundsFree.editTitle', { number: round.number })} onCancel={onClose} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={update.busy} onOk={() => void save().catch(() => undefined)} okButtonProps={{ 'data-testid': 'round-edit-save' }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('roundsFree.editHint', { supplier: round.supplierName, compounds: round.compounds.join(t('rounds.sep')) })}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{
        cutoff: dayjs(officeTime(round.cutoffAt, tz)), note: round.note, householdLimit: round.householdLimit ? yuanText(round.householdLimit) : undefined,
      }}>
        <Space wrap align="start">
          <Form.Item name="cutoff" label={t('rounds.cutoff')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder="YYYY-MM-DD HH:mm" style={{ width: 190 }} data-testid="round-edit-cutoff" />
          </Form.Item>
          <Form.Item name="householdLimit" label={t('rounds.householdLimitYuan')}
            rules={[{ validator: (_, v?: string) => (!v?.trim() || (parseYuan(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('rounds.limitFormat')))) }]}>
            <Input style={{ width: 130 }} placeholder={t('rounds.noLimit')} prefix="¥" data-testid="round-edit-limit" />
          </Form.Item>
          <Form.Item name="note" label={t('common.note')}><Input maxLength={200} style={{ width: 420 }} data-testid="round-edit-note" /></Form.Item>
        </Space>
      </Form>
      <GoodsEditor rows={rows} onChange={setRows} t={t} />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} data-testid="round-edit-problem" />}
    </Modal>
  );
}
