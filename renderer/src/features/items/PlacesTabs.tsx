import { Button, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { CHECKPOINT_TYPE_KEYS, sourceTypeKey, storedLabel, storedWord } from '../../shared/labels';
import { CheckpointPicker } from '../../shared/pickers';
import { paging } from '../../shared/table';
import { useSession } from '../../app/session';

const CHECKPOINT_TYPES = CHECKPOINT_TYPE_KEYS.map(storedWord);
const SOURCE_TYPES = ['allocation', 'purchase', 'donation', 'other'] as const;

/** What a tab is editing: nothing, a new record, or the record with this id and these values. */
type Editing<V> = { id?: number; values?: Partial<V> } | null;

/** A small form dialog for a new or an existing record; the ledger's message on refusal. */
function RecordDialog<V extends object>({ title, editing, onClose, onSave, children }: {
  title: string; editing: Editing<V>; onClose(): void; onSave(values: V, id?: number): Promise<unknown>; children: ReactNode;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  return (
    <Modal open={!!editing} title={title} onCancel={onClose} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden
      onOk={async () => {
        const values = await form.validateFields();
        setBusy(true);
        try {
          await onSave(values, editing?.id);
          onClose();
        } catch (err) {
          showError(err);
        } finally {
          setBusy(false);
        }
      }}>
      <Form form={form} layout="vertical" preserve={false} initialValues={editing?.values}>{children}</Form>
    </Modal>
  );
}

/** 编辑 and 停用/启用 links for a row; `kind` names their test ids (checkpoint-edit, checkpoint-toggle). */
function RowActions({ kind, active, onEdit, onToggle }: { kind: string; active: boolean; onEdit?(): void; onToggle(): void }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      {onEdit && <Button size="small" type="link" onClick={onEdit} data-testid={`${kind}-edit`}>{t('common.edit')}</Button>}
      <Button size="small" type="link" onClick={onToggle} data-testid={`${kind}-toggle`}>{t(active ? 'items.deactivate' : 'items.activate')}</Button>
    </Space>
  );
}

const stateText = (t: ReturnType<typeof useI18n>['t'], v: boolean) => t(v ? 'items.active' : 'items.inactive');

export function CheckpointsTab() {
  const { t } = useI18n();
  type V = { name: string; type: (typeof CHECKPOINT_TYPES)[number]; parentId?: number };
  const [editing, setEditing] = useState<Editing<V>>(null);
  const list = useApi('checkpoints.list', { includeInactive: true });
  const create = useMutation('checkpoints.create');
  const update = useMutation('checkpoints.update');
  const showError = useShowError();
  // A read-only account sees the list, not buttons the ledger would refuse.
  const editable = useSession().can('checkpoints.update');
  return (
    <>
      {editable && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing({})} data-testid="checkpoint-new">{t('items.newCheckpoint')}</Button>}
      <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={paging(t, { pageSize: 50 })}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('common.type'), dataIndex: 'type', render: (v: string) => storedLabel(t, CHECKPOINT_TYPE_KEYS, v) },
          { title: t('items.parent'), dataIndex: 'parentName' },
          { title: t('common.state'), dataIndex: 'active', render: (v: boolean) => stateText(t, v) },
          {
            hidden: !editable, title: t('common.actions'), render: (_, r) => (
              <RowActions kind="checkpoint" active={r.active} onEdit={() => setEditing({ id: r.id, values: { name: r.name, type: r.type as V['type'], parentId: r.parentId ?? undefined } })}
                onToggle={() => void update.run({ id: r.id, active: !r.active }).catch(showError)} />
            ),
          },
        ]} />
      <RecordDialog<V> title={t(editing?.id ? 'common.edit' : 'items.newCheckpoint')} editing={editing} onClose={() => setEditing(null)}
        onSave={(v, id) => (id ? update.run({ id, name: v.name, type: v.type, parentId: v.parentId ?? null }) : create.run({ name: v.name, type: v.type, ...(v.parentId ? { parentId: v.parentId } : {}) }))}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={60} autoFocus /></Form.Item>
        <Form.Item name="type" label={t('common.type')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={CHECKPOINT_TYPE_KEYS.map((k) => ({ value: storedWord(k), label: t(k) }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('items.parent')}><CheckpointPicker allowClear /></Form.Item>
      </RecordDialog>
    </>
  );
}

export function PeopleTab() {
  const { t } = useI18n();
  type V = { name: string; phone?: string; checkpointId?: number };
  const [editing, setEditing] = useState<Editing<V>>(null);
  const list = useApi('people.list', { includeInactive: true });
  const create = useMutation('people.create');
  const update = useMutation('people.update');
  const showError = useShowError();
  // A read-only account sees the list, not buttons the ledger would refuse.
  const editable = useSession().can('people.update');
  return (
    <>
      {editable && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing({})} data-testid="person-new">{t('items.newPerson')}</Button>}
      <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={paging(t, { pageSize: 50 })}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('common.phone'), dataIndex: 'phone' },
          { title: t('items.usualCheckpoint'), dataIndex: 'checkpointName' },
          { title: t('common.state'), dataIndex: 'active', render: (v: boolean) => stateText(t, v) },
          {
            hidden: !editable, title: t('common.actions'), render: (_, r) => (
              <RowActions kind="person" active={r.active} onEdit={() => setEditing({ id: r.id, values: { name: r.name, phone: r.phone, checkpointId: r.checkpointId ?? undefined } })}
                onToggle={() => void update.run({ id: r.id, active: !r.active }).catch(showError)} />
            ),
          },
        ]} />
      <RecordDialog<V> title={t(editing?.id ? 'common.edit' : 'items.newPerson')} editing={editing} onClose={() => setEditing(null)}
        onSave={(v, id) => (id ? update.run({ id, name: v.name, phone: v.phone ?? '', checkpointId: v.checkpointId ?? null }) : create.run({ name: v.name, phone: v.phone ?? '', ...(v.checkpointId ? { checkpointId: v.checkpointId } : {}) }))}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={30} autoFocus /></Form.Item>
        <Form.Item name="phone" label={t('common.phone')}><Input maxLength={20} /></Form.Item>
        <Form.Item name="checkpointId" label={t('items.usualCheckpoint')}><CheckpointPicker allowClear /></Form.Item>
      </RecordDialog>
    </>
  );
}

export function SourcesTab() {
  const { t } = useI18n();
  type V = { name: string; type: (typeof SOURCE_TYPES)[number] };
  const [editing, setEditing] = useState<Editing<V>>(null);
  const list = useApi('sources.list', { includeInactive: true });
  const create = useMutation('sources.create');
  const update = useMutation('sources.update');
  const showError = useShowError();
  // A read-only account sees the list, not buttons the ledger would refuse.
  const editable = useSession().can('sources.update');
  return (
    <>
      {editable && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing({})} data-testid="source-new">{t('items.newSource')}</Button>}
      <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={paging(t, { pageSize: 50 })}
        columns={[
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('common.type'), dataIndex: 'type', render: (v: string) => t(sourceTypeKey(v)) },
          { title: t('common.state'), dataIndex: 'active', render: (v: boolean) => stateText(t, v) },
          {
            hidden: !editable, title: t('common.actions'), render: (_, r) => (
              <RowActions kind="source" active={r.active} onEdit={() => setEditing({ id: r.id, values: { name: r.name, type: r.type } })}
                onToggle={() => void update.run({ id: r.id, active: !r.active }).catch(showError)} />
            ),
          },
        ]} />
      <RecordDialog<V> title={t(editing?.id ? 'common.edit' : 'items.newSource')} editing={editing} onClose={() => setEditing(null)}
        onSave={(v, id) => (id ? update.run({ id, ...v }) : create.run(v))}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={60} autoFocus /></Form.Item>
        <Form.Item name="type" label={t('common.type')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={SOURCE_TYPES.map((v) => ({ value: v, label: t(sourceTypeKey(v)) }))} />
        </Form.Item>
      </RecordDialog>
    </>
  );
}

export function CategoriesTab() {
  const { t } = useI18n();
  const [editing, setEditing] = useState<Editing<{ name: string }>>(null);
  const list = useApi('categories.list');
  const create = useMutation('categories.create');
  const update = useMutation('categories.update');
  const showError = useShowError();
  // A read-only account sees the list, not buttons the ledger would refuse.
  const editable = useSession().can('categories.update');
  return (
    <>
      {editable && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing({})} data-testid="category-new">{t('items.newCategory')}</Button>}
      <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={false}
        columns={[
          { title: t('common.name'), dataIndex: 'name', render: (v: string) => <Typography.Text>{v}</Typography.Text> },
          { title: t('common.state'), dataIndex: 'active', render: (v: boolean) => stateText(t, v) },
          {
            hidden: !editable, title: t('common.actions'), render: (_, r) => (
              <RowActions kind="category" active={r.active} onEdit={() => setEditing({ id: r.id, values: { name: r.name } })} onToggle={() => void update.run({ id: r.id, active: !r.active }).catch(showError)} />
            ),
          },
        ]} />
      <RecordDialog<{ name: string }> title={t(editing?.id ? 'common.edit' : 'items.newCategory')} editing={editing} onClose={() => setEditing(null)}
        onSave={(v, id) => (id ? update.run({ id, name: v.name }) : create.run(v))}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={20} autoFocus /></Form.Item>
      </RecordDialog>
    </>
  );
}
