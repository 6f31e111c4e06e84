import { Alert, App, Button, Checkbox, Descriptions, Input, Modal, Select, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { invalidateAll, toApiError, useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { downloadBase64, fileToBase64 } from '../../shared/download';
import { useBusy, useShowError } from '../../shared/errors';

type Info = ApiOutput<'templates.inspect'>;

/** Load a form: see what was found in it (and every error), preview it filled with today's data, name it, keep it. */
export function TemplateUpload({ onClose }: { onClose(): void }) {
  const { t, language } = useI18n();
  // The data sets a form's table may name, as the template language has them (Chinese first, then the English alias).
  const vocabulary = useApi('templates.vocabulary');
  const { message } = App.useApp();
  const showError = useShowError();
  const [file, setFile] = useState<{ fileName: string; data: string } | null>(null);
  const [info, setInfo] = useState<Info | null>(null);
  const [name, setName] = useState('');
  const [dataset, setDataset] = useState<string | null>(null);
  const [byDefault, setByDefault] = useState(true);
  const { busy, run } = useBusy();

  const inspect = (f: { fileName: string; data: string }, ds: string | null) =>
    run('inspect', async () => setInfo(await call('templates.inspect', { ...f, defaultDataset: ds })), (err) => {
      setInfo(null);
      showError(err);
    });
  const preview = () =>
    run('preview', async () => {
      const out = await call('templates.preview', { ...file!, defaultDataset: dataset });
      downloadBase64(out.fileName, out.data);
    });
  const save = () =>
    run('save', async () => {
      await call('templates.create', { ...file!, name: name.trim(), defaultDataset: dataset, exportByDefault: byDefault });
      invalidateAll();
      message.success(t('templates.saved'));
      onClose();
    }, (err) => message.error({ content: toApiError(err).message, duration: 8 }));
  const ok = !!info && info.errors.length === 0 && (info.tables.length > 0 || info.singles.length > 0);
  return (
    <Modal open width={760} title={t('templates.upload')} onCancel={onClose} destroyOnHidden
      footer={[
        <Button key="preview" disabled={!ok} loading={busy === 'preview'} onClick={preview} data-testid="template-preview">{t('templates.preview')}</Button>,
        <Button key="save" type="primary" disabled={!ok || !name.trim()} loading={busy === 'save'} onClick={save} data-testid="template-save">{t('common.save')}</Button>,
      ]}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload.Dragger accept=".xlsx" maxCount={1} showUploadList={false} data-testid="template-file"
          beforeUpload={async (f) => {
            const loaded = { fileName: f.name, data: await fileToBase64(f) };
            setFile(loaded);
            setName(f.name.replace(/\.xlsx$/i, ''));
            await inspect(loaded, dataset);
            return false;
          }}>
          <p>{file ? file.fileName : t('templates.drop')}</p>
        </Upload.Dragger>
        {info && (
          <>
            {info.errors.length > 0 && (
              <Alert type="error" showIcon message={t('templates.errors', { n: info.errors.length })} data-testid="template-errors"
                description={<ul style={{ margin: 0, paddingLeft: 18 }}>{info.errors.map((e) => <li key={e}>{e}</li>)}</ul>} />
            )}
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('templates.sheets')}>{info.sheets.join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('templates.singles')}>{info.singles.map((s) => <Tag key={s}>{`{{${s}}}`}</Tag>)}</Descriptions.Item>
              <Descriptions.Item label={t('templates.tables')}>
                {info.tables.map((tb) => (
                  <div key={`${tb.sheet}-${tb.row}`} data-testid="template-table">
                    {t('templates.tableAt', { sheet: tb.sheet, row: tb.row, dataset: tb.dataset })}:{tb.fields.join('、')}
                  </div>
                ))}
              </Descriptions.Item>
            </Descriptions>
            <Space wrap>
              <Input addonBefore={t('templates.name')} value={name} maxLength={40} onChange={(e) => setName(e.target.value)} style={{ width: 320 }} data-testid="template-name" />
              <Select allowClear placeholder={t('templates.defaultDataset')} style={{ width: 220 }} value={dataset ?? undefined}
                options={(vocabulary.data?.datasets ?? []).map((d) => ({ value: d.names[0], label: language === 'en' && d.names[1] ? `${d.names[1]} (${d.names[0]})` : d.names[0] }))}
                onChange={(v: string | undefined) => { setDataset(v ?? null); if (file) void inspect(file, v ?? null); }} />
              <Checkbox checked={byDefault} onChange={(e) => setByDefault(e.target.checked)}>{t('templates.exportByDefault')}</Checkbox>
            </Space>
          </>
        )}
      </Space>
    </Modal>
  );
}
