import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Modal, Select, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { invalidateAll, toApiError } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { fileToBase64 } from '../../shared/download';

type Preview = ApiOutput<'catalog.importPreview'>;
type Mapping = Preview['mapping'];

/** 从 Excel 导入: load, check the guessed columns, see every bad row, then import all or nothing. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyBad, setOnlyBad] = useState(false);
  const [busy, setBusy] = useState(false);

  const check = async (f: { name: string; data: string }, mapping?: Mapping) => {
    setBusy(true);
    setError(null);
    try {
      setPreview(await call('catalog.importPreview', { fileName: f.name, data: f.data, ...(mapping ? { mapping } : {}) }));
    } catch (err) {
      setPreview(null);
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!file || !preview) return;
    setBusy(true);
    try {
      const r = await call('catalog.importCommit', { fileName: file.name, data: file.data, mapping: preview.mapping });
      invalidateAll();
      message.success(t('import.done', { items: r.itemsCreated, number: r.receipt?.number ?? '—' }));
      setFile(null);
      setPreview(null);
      onClose();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const columnOptions = [{ value: -1, label: t('import.skip') }, ...(preview?.headers ?? []).map((h, i) => ({ value: i, label: `${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''} ${h}` }))];
  const rows = (preview?.rows ?? []).filter((r) => !onlyBad || r.errors.length);

  return (
    <Modal open={open} title={t('import.title')} width={1100} onCancel={onClose} onOk={commit} okText={t('import.commit')} cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !preview || preview.errorCount > 0 || preview.rows.length === 0, loading: busy }} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload.Dragger accept=".xlsx,.csv" maxCount={1} showUploadList={false} data-testid="import-file"
          beforeUpload={async (f) => {
            const loaded = { name: f.name, data: await fileToBase64(f) };
            setFile(loaded);
            await check(loaded);
            return false;
          }}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>{file ? file.name : t('import.drop')}</p>
          <Typography.Text type="secondary">{t('import.hint')}</Typography.Text>
        </Upload.Dragger>
        {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
        {preview && (
          <>
            <Space wrap>
              {preview.fields.map((f) => (
                <Space key={f.field} size={4}>
                  <span>{f.label}</span>
                  <Select size="small" style={{ width: 130 }} value={preview.mapping[f.field] ?? -1} options={columnOptions}
                    onChange={(v: number) => {
                      const mapping = { ...preview.mapping } as Record<string, number>;
                      if (v < 0) delete mapping[f.field];
                      else mapping[f.field] = v;
                      if (file) void check(file, mapping as Mapping);
                    }} />
                </Space>
              ))}
            </Space>
            <Alert type={preview.errorCount ? 'error' : 'success'} showIcon data-testid="import-summary"
              title={preview.errorCount ? t('import.bad', { rows: preview.rows.length, bad: preview.errorCount }) : t('import.good', { rows: preview.rows.length, items: preview.newItems, categories: preview.newCategories.join('、') || '—' })} />
            <Space><Switch size="small" checked={onlyBad} onChange={setOnlyBad} />{t('import.onlyBad')}</Space>
            <Table size="small" rowKey="row" dataSource={rows} pagination={{ pageSize: 12, showSizeChanger: false }} scroll={{ x: true }}
              rowClassName={(r) => (r.errors.length ? 'import-bad' : '')}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 60 },
                ...preview.fields.filter((f) => preview.mapping[f.field] !== undefined).map((f) => ({ title: f.label, render: (_: unknown, r: Preview['rows'][number]) => r.values[f.field] ?? '' })),
                { title: t('import.problems'), render: (_: unknown, r: Preview['rows'][number]) => r.errors.map((e) => <Tag color="red" key={e}>{e}</Tag>) },
              ]} />
          </>
        )}
      </Space>
    </Modal>
  );
}
