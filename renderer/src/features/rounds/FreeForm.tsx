import { Alert, AutoComplete, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ApiOutput } from '../../api/client';
import { toApiError, useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { officeDate } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { CheckpointPicker, ItemPicker, PersonPicker } from '../../shared/pickers';
import { countOf } from './goods';

type Item = ApiOutput<'items.get'>;
interface ItemRow { key: number; item?: Item; perHousehold: string }
interface Values { name: string; day: Dayjs; compounds: string[]; checkpointId: number; personId: number; note?: string }

let nextKey = 1;
const newRow = (): ItemRow => ({ key: nextKey++, perHousehold: '1' });

/**
 * 免费发放: the warehouse's own goods for every household of some compounds — which compounds, the
 * checkpoint the issue slip goes to and its pickup person, and what each household gets of each
 * item. The ledger lists the households; the screen then shows them before anything goes out.
 */
export function FreeForm({ onClose, onCreated }: { onClose(): void; onCreated(roundId: number): void }) {
  const { t } = useI18n();
  const office = useOffice();
  const tz = office?.timeZone ?? 'Asia/Shanghai';
  const [form] = Form.useForm<Values>();
  const compounds = useApi('households.compounds');
  const create = useMutation('rounds.createFree');
  const [rows, setRows] = useState<ItemRow[]>(() => [newRow()]);
  const [problem, setProblem] = useState<string | null>(null);
  const checkpointId = Form.useWatch('checkpointId', form);
  const chosen = Form.useWatch('compounds', form) ?? [];
  const households = (compounds.data ?? []).filter((c) => chosen.includes(c.compound)).reduce((n, c) => n + c.households, 0);
  const set = (key: number, patch: Partial<ItemRow>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const problemOf = (): string | null => {
    const used = rows.filter((r) => r.item || r.perHousehold.trim() !== '1');
    if (!used.some((r) => r.item)) return t('roundsFree.pickItems');
    for (const [i, r] of used.entries()) {
      if (!r.item) return t('roundsFree.linePickItem', { n: i + 1 });
      if (countOf(r.perHousehold) === null) return t('roundsFree.lineCount', { n: i + 1, item: r.item.name });
      if (used.findIndex((x) => x.item?.id === r.item!.id) !== i) return t('roundsFree.lineTwice', { n: i + 1, item: r.item.name });
    }
    return null;
  };
  const save = async () => {
    const v = await form.validateFields();
    const p = problemOf();
    setProblem(p);
    if (p) return;
    const goods = rows.flatMap((r) => (r.item ? [{ itemId: r.item.id, perHousehold: countOf(r.perHousehold)! }] : []));
    try {
      const round = await create.run({
        name: v.name.trim(), day: v.day.format('YYYY-MM-DD'), compounds: v.compounds, checkpointId: v.checkpointId, personId: v.personId, goods,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      onCreated(round.id);
    } catch (err) {
      setProblem(toApiError(err).message);
    }
  };

  return (
    <Modal open width={980} title={t('roundsFree.formTitle')} onCancel={onClose} okText={t('roundsFree.create')} cancelText={t('common.cancel')}
      confirmLoading={create.busy} onOk={() => void save().catch(() => undefined)} okButtonProps={{ 'data-testid': 'free-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="free-form" initialValues={{ name: t('roundsFree.nameLove'), day: dayjs(officeDate(office?.now ?? new Date(), tz)) }}>
        <Space wrap align="start">
          <Form.Item name="name" label={t('roundsFree.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <AutoComplete style={{ width: 200 }} maxLength={30} data-testid="free-name"
              options={[t('roundsFree.nameLove'), t('roundsFree.nameEpidemic')].map((value) => ({ value }))} />
          </Form.Item>
          <Form.Item name="day" label={t('roundsFree.day')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker style={{ width: 150 }} data-testid="free-day" />
          </Form.Item>
          <Form.Item name="compounds" label={t('rounds.compounds')} rules={[{ required: true, message: t('rounds.pickCompounds') }]}>
            <Select mode="multiple" style={{ width: 480 }} data-testid="free-compounds"
              options={(compounds.data ?? []).map((c) => ({ value: c.compound, label: t('rounds.compoundOption', { compound: c.compound, n: c.households }) }))} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="checkpointId" label={t('common.checkpoint')} rules={[{ required: true, message: t('roundsFree.pickCheckpoint') }]}>
            <CheckpointPicker style={{ width: 260 }} data-testid="free-checkpoint"
              onChange={() => form.setFieldValue('personId', undefined)} />
          </Form.Item>
          <Form.Item name="personId" label={t('common.person')} rules={[{ required: true, message: t('roundsFree.pickPerson') }]}>
            <PersonPicker style={{ width: 220 }} checkpointId={checkpointId} data-testid="free-person" />
          </Form.Item>
          <Form.Item name="note" label={t('common.note')}><Input maxLength={200} style={{ width: 420 }} /></Form.Item>
        </Space>
      </Form>
      <Table<ItemRow> size="small" rowKey="key" pagination={false} dataSource={rows} data-testid="free-items"
        columns={[
          { title: '#', width: 36, render: (_, __, i) => i + 1 },
          { title: t('common.item'), render: (_, r) => <ItemPicker value={r.item?.id} selected={r.item} onItem={(item) => set(r.key, { item })} data-testid="free-item" /> },
          {
            title: t('roundsFree.perHousehold'), width: 150, render: (_, r) => (
              <Input value={r.perHousehold} maxLength={4} suffix={r.item?.unit} data-testid="free-qty" status={countOf(r.perHousehold) === null ? 'error' : undefined}
                onFocus={(e) => e.target.select()} onChange={(e) => set(r.key, { perHousehold: e.target.value })} />
            ),
          },
          {
            title: t('roundsFree.sum'), width: 140, align: 'right',
            render: (_, r) => (r.item && countOf(r.perHousehold) ? `${(countOf(r.perHousehold) ?? 0) * households} ${r.item.unit}` : ''),
          },
          {
            title: '', width: 56, render: (_, r) => (
              <Button size="small" type="link" danger tabIndex={-1} onClick={() => setRows(rows.length > 1 ? rows.filter((x) => x.key !== r.key) : [newRow()])}>{t('common.removeLine')}</Button>
            ),
          },
        ]} />
      <Space style={{ marginTop: 8 }} wrap>
        <Button type="dashed" onClick={() => setRows([...rows, newRow()])} data-testid="free-add-item">{t('common.addLine')}</Button>
        <Typography.Text type="secondary" data-testid="free-households-hint">{t('roundsFree.formHint', { n: households })}</Typography.Text>
      </Space>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} data-testid="free-problem" />}
    </Modal>
  );
}
