import { App, Button, Card, Checkbox, Form, Input, InputNumber, Segmented, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import type { ApiOutput } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { LANGUAGE_NAMES, useI18n, type Language } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { useOffice } from '../../shared/office';
import { useSession } from '../../app/session';
import { AuditLog } from './AuditLog';
import { BackupsCard } from './BackupsCard';
import { StoresCard } from './StoresCard';
import { KeyFingerprint, UnitFields } from './UnitKey';
import { UsersCard } from './UsersCard';
import { TemplatesCard } from '../templates/TemplatesCard';
import { PAPERS } from '../slips/PrintDialog';

/** The settings this form edits (the lock and the backup folder are set elsewhere). */
type Values = Omit<ApiOutput<'settings.get'>, 'lockedUntil' | 'now' | 'backupSecondDir'>;

/** 设置: the office (editable by the administrator), the language, users, backups, the audit log. */
export function SettingsPage() {
  const { t, language, setLanguage } = useI18n();
  const office = useOffice();
  const [form] = Form.useForm<Values>();
  const update = useMutation('settings.update');
  const showError = useShowError();
  const { message } = App.useApp();
  const { can } = useSession();
  const admin = can('settings.update');
  useEffect(() => {
    if (office) form.setFieldsValue(office);
  }, [office, form]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      await update.run(v);
      message.success(t('settings.saved'));
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title={t('settings.title')}>
        <Form form={form} layout="vertical" onFinish={save} disabled={!admin}>
          <Form.Item name="officeName" label={t('settings.office')}><Input maxLength={60} placeholder={t('settings.officeExample')} data-testid="settings-office" /></Form.Item>
          <Space wrap>
            <Form.Item name="officeAddress" label={t('setup.address')}><Input maxLength={100} style={{ width: 360 }} /></Form.Item>
            <Form.Item name="officePhone" label={t('setup.phone')}><Input maxLength={30} style={{ width: 200 }} /></Form.Item>
          </Space>
          <UnitFields />
          <KeyFingerprint />
          <Space>
            <Form.Item name="timeZone" label={t('settings.timeZone')}><Input style={{ width: 200 }} /></Form.Item>
            <Form.Item name="cutoffTime" label={t('settings.cutoff')} rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('form.cutoffFormat') }]}><Input style={{ width: 100 }} /></Form.Item>
            <Form.Item name="nearExpiryDays" label={t('settings.nearExpiry')}><InputNumber min={1} max={365} /></Form.Item>
            <Form.Item name="reportStartDay" label={t('settings.reportStartDay')} tooltip={t('settings.reportStartDayHint')}
              rules={[{ pattern: /^(\d{4}-\d{2}-\d{2})?$/, message: t('form.dayFormat') }]}>
              <Input style={{ width: 130 }} placeholder="YYYY-MM-DD" allowClear data-testid="settings-report-start" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="slipTitle" label={t('settings.slipTitle')}><Input maxLength={30} style={{ width: 200 }} /></Form.Item>
            <Form.Item name="slipPaper" label={t('settings.slipPaper')}>
              <Select style={{ width: 190 }} options={PAPERS.map((p) => ({ value: p, label: t(`paper.${p}`) }))} />
            </Form.Item>
            <Form.Item name="slipCopies" label={t('settings.slipCopies')}>
              <Select style={{ width: 190 }} options={[1, 2, 3].map((n) => ({ value: n, label: n === 1 ? t('print.carbon') : t('print.copies', { n }) }))} />
            </Form.Item>
            <Form.Item name="slipShowPrices" valuePropName="checked" label=" "><Checkbox>{t('settings.slipShowPrices')}</Checkbox></Form.Item>
          </Space>
          {window.ledger && (
            <Space wrap>
              <Form.Item name="slipPrinter" label={t('settings.slipPrinter')}><Input maxLength={200} style={{ width: 260 }} /></Form.Item>
              <Form.Item name="slipSilent" valuePropName="checked" label=" "><Checkbox>{t('settings.slipSilent')}</Checkbox></Form.Item>
            </Space>
          )}
          {admin && <Button type="primary" htmlType="submit" loading={update.busy} data-testid="settings-save">{t('common.save')}</Button>}
        </Form>
      </Card>
      <Card size="small" title={t('settings.language')}>
        <Segmented<Language> value={language} onChange={setLanguage} options={(Object.keys(LANGUAGE_NAMES) as Language[]).map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} />
      </Card>
      <Typography.Text type="secondary">{t('settings.dataInfo')}</Typography.Text>
      {admin && (
        <Card size="small" title={t('users.title')} data-testid="users-card">
          <UsersCard />
        </Card>
      )}
      {can('stores.create') && (
        <Card size="small" title={t('stores.title')} data-testid="stores-card">
          <StoresCard />
        </Card>
      )}
      {can('templates.create') && (
        <Card size="small" title={t('templates.title')} data-testid="templates-card">
          <TemplatesCard />
        </Card>
      )}
      {admin && (
        <Card size="small" title={t('backup.title')} data-testid="backups-card">
          <BackupsCard />
        </Card>
      )}
      {/* Who did what is for the leader and the administrator (audit.list in db/auth/access.ts). */}
      {can('audit.list') && (
        <Card size="small" title={t('audit.title')} style={{ maxWidth: 'none' }} data-testid="audit-card">
          <AuditLog />
        </Card>
      )}
    </Space>
  );
}
