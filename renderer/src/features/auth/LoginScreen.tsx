import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { toApiError } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { AuthFrame } from './AuthFrame';

/** 登录: username and password; the ledger's own message on refusal (wrong password, locked for 5 minutes). */
export function LoginScreen({ officeName, onDone }: { officeName: string; onDone(user: ApiOutput<'auth.me'>): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      onDone((await call('auth.login', v)).user);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthFrame title={t('app.title')} subtitle={officeName || t('app.noOffice')}>
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
          <Input autoFocus autoComplete="username" data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('auth.login')}</Button>
      </Form>
    </AuthFrame>
  );
}
