import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Modal, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { maskPhone } from '../../../../db/rounds/mask';
import { call, type ApiOutput } from '../../api/client';
import { toApiError, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { fileToBase64 } from '../../shared/download';
import { householdFlags } from './HouseholdPicker';

type Preview = ApiOutput<'households.importPreview'>;
type Row = Preview['rows'][number];

const str = (r: Row, k: string) => String(r.values[k] ?? '');
const flag = (r: Row, k: string) => r.values[k] === true;

/**
 * 导入住户 from the grid worker's sheet: the rows as the ledger reads them, each bad row with its
 * reasons, 新增 n 户 / 更新 m 户; 全部导入 only when no row has an error (the ledger takes all or nothing).
 */
export function HouseholdImport({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const commit = useMutation('households.importCommit');
  const [file, setFile] = useState<{ fileName: string; data: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [onlyBad, setOnlyBad] = useState(false);

  const check = async (f: File) => {
    setBusy(true);
    setError(null);
    setPreview(null);
    try {
      const loaded = { fileName: f.name, data: await fileToBase64(f) };
      setFile(loaded);
      const p = await call('households.importPreview', loaded);
      setPreview(p);
      setOnlyBad(p.errorCount > 0);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    if (!file) return;
    try {
      const r = await commit.run(file);
      message.success(t('householdImport.done', { created: r.created, updated: r.updated }));
      onClose();
    } catch (err) {
      setError(toApiError(err).message);
    }
  };
  const rows = (preview?.rows ?? []).filter((r) => !onlyBad || r.errors.length);
  return (
    <Modal open width={1000} title={t('householdImport.title')} onCancel={onClose} onOk={() => void save()} okText={t('householdImport.commit')} cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !preview || preview.errorCount > 0 || preview.rows.length === 0, loading: busy || commit.busy, 'data-testid': 'households-import-commit' }} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Upload.Dragger accept=".xlsx,.csv" maxCount={1} showUploadList={false} data-testid="households-import-file"
          beforeUpload={(f) => { void check(f); return false; }}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>{file ? file.fileName : t('householdImport.drop')}</p>
          <Typography.Text type="secondary">{t('householdImport.hint')}</Typography.Text>
        </Upload.Dragger>
        {error && <Alert type="error" showIcon title={error} data-testid="households-import-error" />}
        {preview && (
          <>
            <Alert type={preview.errorCount ? 'error' : 'success'} showIcon data-testid="households-import-summary"
              title={preview.errorCount
                ? t('householdImport.bad', { rows: preview.rows.length, bad: preview.errorCount })
                : t('householdImport.good', { rows: preview.rows.length, creates: preview.creates, updates: preview.updates })} />
            <Space><Switch size="small" checked={onlyBad} onChange={setOnlyBad} />{t('householdImport.onlyBad')}</Space>
            <Table<Row> size="small" rowKey="row" dataSource={rows} pagination={{ pageSize: 10, showSizeChanger: false }} data-testid="households-import-rows"
              columns={[
                { title: t('householdImport.row'), dataIndex: 'row', width: 56 },
                { title: t('households.compound'), key: 'compound', width: 110, render: (_, r) => str(r, 'compound') },
                { title: t('households.address'), key: 'address', width: 100, render: (_, r) => [str(r, 'building'), str(r, 'unit'), str(r, 'room')].filter(Boolean).join('-') },
                { title: t('rounds.contact'), key: 'contact', width: 90, render: (_, r) => str(r, 'contact') },
                // Masked as everywhere; a number the ledger refuses is shown as typed, so that the error can be found.
                { title: t('common.phone'), key: 'phone', width: 120, render: (_, r) => (/^[0-9 -]*$/.test(str(r, 'phone')) ? maskPhone(str(r, 'phone')) : str(r, 'phone')) },
                {
                  title: t('households.flags'), key: 'flags', width: 170,
                  render: (_, r) => householdFlags(t, { elderlyAlone: flag(r, 'elderlyAlone'), limitedMobility: flag(r, 'limitedMobility'), chronic: flag(r, 'chronic') })
                    .map((f) => <Tag key={f} color="volcano">{f}</Tag>),
                },
                {
                  title: t('householdImport.action'), key: 'action', width: 80,
                  render: (_, r) => (r.errors.length ? '' : r.existingId === null ? <Tag color="green">{t('householdImport.create')}</Tag> : <Tag color="blue">{t('householdImport.update')}</Tag>),
                },
                {
                  title: t('householdImport.problems'), key: 'errors',
                  render: (_, r) => r.errors.map((e) => <Tag color="red" key={e} style={{ whiteSpace: 'normal' }} data-testid="households-import-row-error">{e}</Tag>),
                },
              ]} />
          </>
        )}
      </Space>
    </Modal>
  );
}
