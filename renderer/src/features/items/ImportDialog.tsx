import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Select, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { invalidateAll, toApiError, useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { downloadBase64, fileToBase64 } from '../../shared/download';
import { storedWord } from '../../shared/labels';

type Preview = ApiOutput<'catalog.importPreview'>;
type Mapping = Preview['mapping'];

/**
 * 从 Excel 导入: load, check the guessed columns, see every bad row (and download them with their
 * reasons), then import all or nothing. Rows of goods that have moved already are never opening
 * stock: they become a receipt from the source chosen here, or are left out.
 */
export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyBad, setOnlyBad] = useState(false);
  const [busy, setBusy] = useState(false);
  const [restockSourceId, setRestockSourceId] = useState<number>();
  const sources = useApi('sources.list');
  const fileInput = (f: { name: string; data: string }, mapping?: Mapping, sourceId = restockSourceId) =>
    ({ fileName: f.name, data: f.data, ...(mapping ? { mapping } : {}), ...(sourceId ? { restockSourceId: sourceId } : {}) });

  const download = async (get: () => Promise<{ fileName: string; data: string }>) => {
    try {
      const f = await get();
      downloadBase64(f.fileName, f.data);
    } catch (err) {
      setError(toApiError(err).message);
    }
  };

  const check = async (f: { name: string; data: string }, mapping?: Mapping, sourceId = restockSourceId) => {
    setBusy(true);
    setError(null);
    try {
      setPreview(await call('catalog.importPreview', fileInput(f, mapping, sourceId)));
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
      const r = await call('catalog.importCommit', fileInput(file, preview.mapping));
      invalidateAll();
      message.success(t('import.done', { items: r.itemsCreated, number: r.receipt?.number ?? '—' })
        + (r.restockReceipt ? t('import.restockDone', { number: r.restockReceipt.number }) : '')
        + (r.leftOut.length ? t('import.leftOut', { rows: r.leftOut.join('、') }) : ''));
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
        <Space>
          <Button size="small" data-testid="import-template" onClick={() => void download(() => call('catalog.importTemplate'))}>{t('import.template')}</Button>
          {file && preview && preview.errorCount > 0 && (
            <Button size="small" danger data-testid="import-bad-rows" onClick={() => void download(() => call('catalog.importErrors', fileInput(file, preview.mapping)))}>{t('import.badRows')}</Button>
          )}
        </Space>
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
            {preview.skipped.length > 0 && <Alert type="info" showIcon title={t('import.skipped', { rows: preview.skipped.length, list: preview.skipped.map((s) => `${s.row}(${s.reason})`).join('、') })} />}
            {preview.restockRows > 0 && (
              <Alert type="warning" showIcon data-testid="import-restock" title={t('import.restock', { rows: preview.restockRows })}
                action={
                  <Select size="small" style={{ width: 200 }} placeholder={t('import.restockSource')} value={restockSourceId ?? -1} data-testid="import-restock-source"
                    options={[{ value: -1, label: t('import.restockNone') }, ...(sources.data ?? []).filter((s) => s.name !== storedWord('source.opening')).map((s) => ({ value: s.id, label: s.name }))]}
                    onChange={(v: number) => {
                      const id = v > 0 ? v : undefined;
                      setRestockSourceId(id);
                      if (file) void check(file, preview.mapping, id);
                    }} />
                } />
            )}
            <Space><Switch size="small" checked={onlyBad} onChange={setOnlyBad} />{t('import.onlyBad')}</Space>
            <Table size="small" rowKey="row" dataSource={rows} pagination={{ pageSize: 12, showSizeChanger: false }} scroll={{ x: true }}
              rowClassName={(r) => (r.errors.length ? 'import-bad' : '')}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 60 },
                ...preview.fields.filter((f) => preview.mapping[f.field] !== undefined).map((f) => ({ title: f.label, render: (_: unknown, r: Preview['rows'][number]) => r.values[f.field] ?? '' })),
                { title: t('import.problems'), render: (_: unknown, r: Preview['rows'][number]) => [
                  ...r.errors.map((e) => <Tag color="red" key={e}>{e}</Tag>),
                  ...(r.notice ? [<Tag color="orange" key="notice" style={{ whiteSpace: 'normal' }}>{r.notice}</Tag>] : []),
                ] },
              ]} />
          </>
        )}
      </Space>
    </Modal>
  );
}
