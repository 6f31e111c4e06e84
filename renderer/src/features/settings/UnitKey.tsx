import { App, Button, Form, Input, Space, Switch, Typography } from 'antd';
import { useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { useSession } from '../../app/session';

/** 区划代码, 上级单位 and whether this office merges its units' reports (fields of the office form), and the fingerprint of the key its report packages are signed with. */
export function UnitFields() {
  const { t } = useI18n();
  return (
    <Space wrap>
      <Form.Item name="unitCode" label={t('district.unitCode')} tooltip={t('district.unitCodeHint')}
        rules={[{ pattern: /^(\d{12}|[0-9A-HJ-NPQRTUWXY]{18})?$/, message: t('district.unitCodeFormat') }]}>
        <Input maxLength={18} style={{ width: 200 }} data-testid="settings-unit-code" />
      </Form.Item>
      <Form.Item name="superiorName" label={t('district.superior')}><Input maxLength={60} style={{ width: 300 }} placeholder={t('district.superiorExample')} /></Form.Item>
      <Form.Item name="consolidates" label={t('inbox.settingOn')} tooltip={t('inbox.settingOnHint')} valuePropName="checked"><Switch data-testid="settings-consolidates" /></Form.Item>
      <Form.Item name="unitDeadline" label={t('inbox.settingDeadline')} rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('form.cutoffFormat') }]}><Input style={{ width: 100 }} data-testid="settings-unit-deadline" /></Form.Item>
    </Space>
  );
}

export function KeyFingerprint() {
  const { t } = useI18n();
  const { can } = useSession();
  const key = useApi('keys.get', undefined, can('keys.get'));
  const create = useMutation('keys.create');
  const showError = useShowError();
  const { message } = App.useApp();
  if (!can('keys.get')) return null;
  return (
    <Space direction="vertical" size={2} style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">{t('district.fingerprint')}</Typography.Text>
      {key.data
        ? <Typography.Text code copyable style={{ fontSize: 15 }} data-testid="key-fingerprint">{key.data.fingerprint}</Typography.Text>
        : (
          <Space>
            <Typography.Text type="warning">{key.loading ? '…' : t('district.noKey')}</Typography.Text>
            {can('keys.create') && !key.loading && (
              <Button size="small" loading={create.busy} data-testid="key-create"
                onClick={() => create.run(undefined).then(() => message.success(t('district.keyCreated')), showError)}>
                {t('district.createKey')}
              </Button>
            )}
          </Space>
        )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('district.fingerprintHint')}</Typography.Text>
    </Space>
  );
}
