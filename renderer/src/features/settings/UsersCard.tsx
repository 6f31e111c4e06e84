import { App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import type { ApiOutput } from '../../api/client';
import { useApi, useMutation } from '../../api/hooks';
import { ROLE_LABELS } from '../../../../db/auth/access';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { roleKey } from '../../shared/labels';

type User = ApiOutput<'users.list'>[number];
/** The roles in the ledger's order, named in the screen's language. */
const ROLES = Object.keys(ROLE_LABELS) as User['role'][];

/** 用户管理 (administrator): add accounts, change role or stop them, reset a forgotten password. */
export function UsersCard() {
  const { t } = useI18n();
  const { user: me } = useSession();
  const list = useApi('users.list');
  const update = useMutation('users.update');
  const showError = useShowError();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const toggle = async (u: User, active: boolean) => {
    try {
      await update.run({ id: u.id, active });
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => setEditing('new')} data-testid="users-add">{t('users.add')}</Button>
      <Table<User>
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.loading}
        dataSource={list.data}
        columns={[
          { title: t('auth.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), dataIndex: 'role', render: (r: User['role']) => <Tag>{t(roleKey(r))}</Tag> },
          { title: t('users.phone'), dataIndex: 'phone' },
          { title: t('users.locked'), dataIndex: 'locked', render: (v: boolean) => (v ? <Tag color="red">{t('users.lockedYes')}</Tag> : null) },
          { title: t('users.active'), dataIndex: 'active', render: (v: boolean, u) => <Switch size="small" checked={v} disabled={u.id === me.id} onChange={(on) => void toggle(u, on)} data-testid="user-active" /> },
          {
            title: '',
            key: 'ops',
            render: (_v, u) => (
              <Space>
                <Button size="small" onClick={() => setEditing(u)} data-testid="user-edit">{t('common.edit')}</Button>
                <Button size="small" onClick={() => setResetting(u)} data-testid="user-reset">{t('users.reset')}</Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <UserDialog user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {resetting && <ResetDialog user={resetting} onClose={() => setResetting(null)} />}
    </Space>
  );
}

function UserDialog({ user, onClose }: { user: User | null; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const create = useMutation('users.create');
  const update = useMutation('users.update');
  const showError = useShowError();
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (user) await update.run({ id: user.id, displayName: v.displayName, role: v.role, phone: v.phone ?? '' });
      else await create.run({ username: v.username, displayName: v.displayName, role: v.role, phone: v.phone ?? '', password: v.password });
      onClose();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal open title={user ? t('users.edit') : t('users.add')} onOk={save} onCancel={onClose} okText={t('common.save')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={user ?? { role: 'clerk' }} onFinish={save}>
        <Form.Item name="username" label={t('auth.username')} extra={user ? undefined : t('form.usernameHelp')} rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]+$/, message: t('users.usernameRule') }]}>
          <Input maxLength={32} disabled={!!user} autoFocus data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
          <Input maxLength={30} data-testid="user-display" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}><Select options={ROLES.map((value) => ({ value, label: t(roleKey(value)) }))} data-testid="user-role" /></Form.Item>
        <Form.Item name="phone" label={t('users.phone')}><Input maxLength={20} /></Form.Item>
        {!user && (
          <Form.Item name="password" label={t('users.initialPassword')} extra={t('form.passwordHelp')} rules={[{ required: true, min: 8, message: t('auth.passwordRule') }]}>
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ResetDialog({ user, onClose }: { user: User; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useMutation('users.resetPassword');
  const showError = useShowError();
  const { message } = App.useApp();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await reset.run({ id: user.id, newPassword: v.newPassword });
      message.success(t('users.resetDone', { name: user.displayName }));
      onClose();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal open title={t('users.resetTitle', { name: user.displayName })} onOk={save} onCancel={onClose} okText={t('common.save')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="newPassword" label={t('auth.newPassword')} extra={t('users.resetHint')} rules={[{ required: true, min: 8, message: t('auth.passwordRule') }]}>
          <Input.Password autoFocus autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
