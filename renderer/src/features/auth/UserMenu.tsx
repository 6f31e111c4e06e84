import { CheckOutlined, DownOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { useSession } from '../../app/session';
import { LANGUAGE_NAMES, useI18n, type Language } from '../../i18n';
import { useShowError } from '../../shared/errors';

/**
 * The header's "who am I": name and role, the screens' language (also on 设置, which a 社区工作人员
 * cannot open), change password, log out.
 */
export function UserMenu() {
  const { t, language, setLanguage } = useI18n();
  const { user, roleLabel, logout } = useSession();
  const [changing, setChanging] = useState(false);
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'language', type: 'group', label: t('settings.language'),
              children: (Object.keys(LANGUAGE_NAMES) as Language[]).map((l) => ({
                key: `language:${l}`, icon: l === language ? <CheckOutlined /> : <span style={{ display: 'inline-block', width: 14 }} />,
                label: <span data-testid={`user-language-${l}`}>{LANGUAGE_NAMES[l]}</span>,
              })),
            },
            { type: 'divider' },
            { key: 'password', label: t('auth.changePassword') },
            { key: 'logout', label: t('auth.logout'), danger: true },
          ],
          onClick: ({ key }) => {
            if (key.startsWith('language:')) setLanguage(key.slice('language:'.length) as Language);
            else if (key === 'logout') void logout();
            else setChanging(true);
          },
        }}
      >
        <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
          {user.displayName} · {roleLabel} <DownOutlined />
        </Button>
      </Dropdown>
      {changing && <ChangePassword onClose={() => setChanging(false)} />}
    </>
  );
}

function ChangePassword({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ oldPassword: string; newPassword: string; confirm: string }>();
  const { message } = App.useApp();
  const showError = useShowError();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await call('auth.changePassword', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success(t('auth.passwordChanged'));
      onClose();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal open title={t('auth.changePassword')} onOk={save} onCancel={onClose} okText={t('common.save')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="oldPassword" label={t('auth.oldPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}><Input.Password autoFocus /></Form.Item>
        <Form.Item name="newPassword" label={t('auth.newPassword')} rules={[{ required: true, min: 8, message: t('auth.passwordRule') }]}><Input.Password /></Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirm')}
          dependencies={['newPassword']}
          rules={[({ getFieldValue }) => ({ validator: (_r, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.mismatch')))) })]}
        >
          <Input.Password />
        </Form.Item>
      </Form>
    </Modal>
  );
}
