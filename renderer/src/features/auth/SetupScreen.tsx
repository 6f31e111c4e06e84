import { Alert, Button, Divider, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { toApiError } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { AuthFrame } from './AuthFrame';

/** The zones offered, each said as a clerk knows it (北京时间) with its id. */
const ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau'] as const;
const HALF = { width: 270 };

type Values = Pick<ApiOutput<'settings.get'>, 'officeName' | 'officeAddress' | 'officePhone' | 'timeZone' | 'cutoffTime'> & {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
};

/** 首次使用: the office (name, address, phone, time zone, report cutoff) and its first administrator. */
export function SetupScreen({ onDone }: { onDone(user: ApiOutput<'auth.me'>): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { user } = await call('auth.setup', {
        officeName: v.officeName,
        officeAddress: v.officeAddress ?? '',
        officePhone: v.officePhone ?? '',
        timeZone: v.timeZone,
        cutoffTime: v.cutoffTime,
        admin: { username: v.username, displayName: v.displayName, password: v.password },
      });
      onDone(user);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthFrame title={t('setup.title')} subtitle={t('setup.hint')} width={600}>
      <Form<Values> layout="vertical" onFinish={submit} initialValues={{ timeZone: 'Asia/Shanghai', cutoffTime: '15:00' }}>
        <Form.Item name="officeName" label={t('settings.office')} rules={[{ required: true, whitespace: true, message: t('setup.officeRequired') }]}>
          <Input maxLength={60} placeholder={t('settings.officeExample')} autoFocus data-testid="setup-office" />
        </Form.Item>
        <Form.Item name="officeAddress" label={t('setup.address')}><Input maxLength={100} /></Form.Item>
        <Space wrap align="start">
          <Form.Item name="officePhone" label={t('setup.phone')}><Input maxLength={30} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="timeZone" label={t('settings.timeZone')}>
            <Select style={{ width: 230 }} popupMatchSelectWidth={false} data-testid="setup-zone" options={ZONES.map((z) => ({ value: z, label: t(`form.zone.${z}`) }))} />
          </Form.Item>
          <Form.Item name="cutoffTime" label={t('settings.cutoff')} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('form.cutoffFormat') }]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Divider plain>{t('setup.admin')}</Divider>
        {/* Two columns of one width: a rule said under a box wraps there instead of pushing its neighbour down. */}
        <Space wrap align="start">
          <Form.Item name="username" label={t('auth.username')} extra={t('form.usernameHelp')} style={HALF} rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]+$/, message: t('users.usernameRule') }]}>
            <Input maxLength={32} autoComplete="username" data-testid="setup-username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} style={HALF} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
            <Input maxLength={30} data-testid="setup-display" />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="password" label={t('auth.password')} extra={t('form.passwordHelp')} style={HALF} rules={[{ required: true, min: 8, message: t('auth.passwordRule') }]}>
            <Input.Password autoComplete="new-password" data-testid="setup-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('auth.confirm')}
            required
            style={HALF}
            dependencies={['password']}
            rules={[({ getFieldValue }) => ({ validator: (_r, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('auth.mismatch')))) })]}
          >
            <Input.Password autoComplete="new-password" data-testid="setup-confirm" />
          </Form.Item>
        </Space>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">{t('setup.submit')}</Button>
      </Form>
    </AuthFrame>
  );
}
