import { Button, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { sourceTypeKey } from '../../shared/labels';
import { CheckpointPicker } from '../../shared/pickers';

const CHECKPOINT_TYPES = ['核酸采样点', '监测点', '卡口', '隔离点', '社区', '小区', '养老机构', '其他'] as const;
const SOURCE_TYPES = ['allocation', 'purchase', 'donation', 'other'] as const;

/** A small "new …" dialog: a form, a save button, the ledger's message on refusal. */
function CreateDialog<V extends object>({ title, open, onClose, onSave, children }: {
  title: string; open: boolean; onClose(): void; onSave(values: V): Promise<unknown>; children: React.ReactNode;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  return (
    <Modal open={open} title={title} onCancel={onClose} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden
      onOk={async () => {
        const values = await form.validateFields();
        setBusy(true);
        try {
          await onSave(values);
          form.resetFields();
          onClose();
        } catch (err) {
          showError(err);
        } finally {
          setBusy(false);
        }
      }}>
      <Form form={form} layout="vertical" preserve={false}>{children}</Form>
    </Modal>
  );
}

export function CheckpointsTab() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const list = useApi('checkpoints.list', { includeInactive: true });
  const create = useMutation('checkpoints.create');
  const update = useMutation('checkpoints.update');
  const showError = useShowError();
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>{t('items.newCheckpoint')}</Button>
      <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={{ pageSize: 50 }}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('common.type'), dataIndex: 'type' },
          { title: t('items.parent'), dataIndex: 'parentName' },
          { title: t('common.state'), dataIndex: 'active', render: (v: boolean) => t(v ? 'items.active' : 'items.inactive') },
          { title: t('common.actions'), render: (_, r) => <Button size="small" type="link" onClick={() => void update.run({ id: r.id, active: !r.active }).catch(showError)}>{t(r.active ? 'items.deactivate' : 'items.activate')}</Button> },
        ]} />
      <CreateDialog<{ name: string; type: (typeof CHECKPOINT_TYPES)[number]; parentId?: number }> title={t('items.newCheckpoint')} open={open} onClose={() => setOpen(false)}
        onSave={(v) => create.run({ name: v.name, type: v.type, ...(v.parentId ? { parentId: v.parentId } : {}) })}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={60} autoFocus /></Form.Item>
        <Form.Item name="type" label={t('common.type')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={CHECKPOINT_TYPES.map((v) => ({ value: v, label: v }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('items.parent')}><CheckpointPicker allowClear /></Form.Item>
      </CreateDialog>
    </>
  );
}

export function PeopleTab() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const list = useApi('people.list', { includeInactive: true });
  const create = useMutation('people.create');
  const update = useMutation('people.update');
  const showError = useShowError();
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>{t('items.newPerson')}</Button>
      <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={{ pageSize: 50 }}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('items.usualCheckpoint'), dataIndex: 'checkpointName' },
          { title: t('common.phone'), dataIndex: 'phone', render: (v: string, r) => <Typography.Text editable={{ onChange: (phone) => phone !== v && void update.run({ id: r.id, phone: phone.trim() }).catch(showError) }}>{v}</Typography.Text> },
          { title: t('common.state'), dataIndex: 'active', render: (v: boolean) => t(v ? 'items.active' : 'items.inactive') },
          { title: t('common.actions'), render: (_, r) => <Button size="small" type="link" onClick={() => void update.run({ id: r.id, active: !r.active }).catch(showError)}>{t(r.active ? 'items.deactivate' : 'items.activate')}</Button> },
        ]} />
      <CreateDialog<{ name: string; phone?: string; checkpointId?: number }> title={t('items.newPerson')} open={open} onClose={() => setOpen(false)}
        onSave={(v) => create.run({ name: v.name, phone: v.phone ?? '', ...(v.checkpointId ? { checkpointId: v.checkpointId } : {}) })}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={30} autoFocus /></Form.Item>
        <Form.Item name="phone" label={t('common.phone')}><Input maxLength={20} /></Form.Item>
        <Form.Item name="checkpointId" label={t('items.usualCheckpoint')}><CheckpointPicker allowClear /></Form.Item>
      </CreateDialog>
    </>
  );
}

export function SourcesTab() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const list = useApi('sources.list', { includeInactive: true });
  const create = useMutation('sources.create');
  return (
    <>
      <Space style={{ marginBottom: 12 }}><Button type="primary" onClick={() => setOpen(true)}>{t('items.newSource')}</Button></Space>
      <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={{ pageSize: 50 }}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('common.type'), dataIndex: 'type', render: (v: string) => t(sourceTypeKey(v)) },
        ]} />
      <CreateDialog<{ name: string; type: (typeof SOURCE_TYPES)[number] }> title={t('items.newSource')} open={open} onClose={() => setOpen(false)} onSave={(v) => create.run(v)}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={60} autoFocus /></Form.Item>
        <Form.Item name="type" label={t('common.type')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={SOURCE_TYPES.map((v) => ({ value: v, label: t(sourceTypeKey(v)) }))} />
        </Form.Item>
      </CreateDialog>
    </>
  );
}

export function CategoriesTab() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const list = useApi('categories.list');
  const create = useMutation('categories.create');
  const update = useMutation('categories.update');
  const showError = useShowError();
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>{t('items.newCategory')}</Button>
      <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={false}
        columns={[
          { title: t('common.name'), dataIndex: 'name', render: (v: string, r) => <Typography.Text editable={{ onChange: (name) => name.trim() && name !== v && void update.run({ id: r.id, name: name.trim() }).catch(showError) }}>{v}</Typography.Text> },
          { title: t('common.state'), dataIndex: 'active', render: (v: boolean) => t(v ? 'items.active' : 'items.inactive') },
          { title: t('common.actions'), render: (_, r) => <Button size="small" type="link" onClick={() => void update.run({ id: r.id, active: !r.active }).catch(showError)}>{t(r.active ? 'items.deactivate' : 'items.activate')}</Button> },
        ]} />
      <CreateDialog<{ name: string }> title={t('items.newCategory')} open={open} onClose={() => setOpen(false)} onSave={(v) => create.run(v)}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={20} autoFocus /></Form.Item>
      </CreateDialog>
    </>
  );
}
