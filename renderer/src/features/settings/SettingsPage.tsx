import { App, Button, Card, Form, Input, InputNumber, Segmented, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useMutation } from '../../api/hooks';
import { useI18n, type Language } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { useOffice } from '../../shared/office';

interface Values {
  officeName: string;
  timeZone: string;
  cutoffTime: string;
  nearExpiryDays: number;
}

/** 设置: the office's name, zone, report cutoff and near-expiry days; the interface language. */
export function SettingsPage() {
  const { t, language, setLanguage } = useI18n();
  const office = useOffice();
  const [form] = Form.useForm<Values>();
  const update = useMutation('settings.update');
  const showError = useShowError();
  const { message } = App.useApp();
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
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 640 }}>
      <Card size="small" title={t('settings.title')}>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="officeName" label={t('settings.office')}><Input maxLength={60} placeholder="××街道办事处" data-testid="settings-office" /></Form.Item>
          <Space>
            <Form.Item name="timeZone" label={t('settings.timeZone')}><Input style={{ width: 200 }} /></Form.Item>
            <Form.Item name="cutoffTime" label={t('settings.cutoff')} rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'HH:mm' }]}><Input style={{ width: 100 }} /></Form.Item>
            <Form.Item name="nearExpiryDays" label={t('settings.nearExpiry')}><InputNumber min={1} max={365} /></Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={update.busy} data-testid="settings-save">{t('common.save')}</Button>
        </Form>
      </Card>
      <Card size="small" title={t('settings.language')}>
        <Segmented<Language> value={language} onChange={setLanguage} options={[{ value: 'zh-CN', label: '简体中文' }, { value: 'en', label: 'English' }]} />
      </Card>
      <Typography.Text type="secondary">{t('settings.dataInfo')}</Typography.Text>
    </Space>
  );
}
