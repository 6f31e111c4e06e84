import { FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { invalidateAll, toApiError } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { fileToBase64 } from '../../shared/download';

type Outcome = ApiOutput<'packages.import'>;
const COLORS: Record<Outcome['outcome'], string> = { imported: 'green', replaced: 'blue', duplicate: 'default', refused: 'red' };

/**
 * 导入数据包: many at once (files, a whole folder, dropped), one call per file so each gets its own
 * answer and the progress shows; a refused file says why and stops nothing else.
 */
export function PackageImport({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const [results, setResults] = useState<Outcome[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  const run = async (files: File[]) => {
    setResults([]);
    setProgress({ done: 0, total: files.length });
    const answers: Outcome[] = [];
    for (const [i, f] of files.entries()) {
      try {
        answers.push(await call('packages.import', { fileName: f.name, data: await fileToBase64(f) }));
      } catch (err) {
        answers.push({ outcome: 'refused', fileName: f.name, message: toApiError(err).message });
      }
      setResults([...answers]);
      setProgress({ done: i + 1, total: files.length });
    }
    setProgress(null);
    invalidateAll();
    onDone();
  };
  // antd hands every chosen file to beforeUpload with the whole list: the first one starts the run.
  const take = (onlyPackages: boolean) => (file: File, list: File[]) => {
    // In name order (a unit's days in turn: a 补报 after its day's report), whatever order the folder gives.
    const chosen = (onlyPackages ? list.filter((f) => f.name.toLowerCase().endsWith('.slpkg')) : list).slice().sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    if (file === list[0]) void run(chosen);
    return false;
  };
  const count = (o: Outcome['outcome']) => results.filter((r) => r.outcome === o).length;
  return (
    <Card size="small" title={t('inbox.import')} extra={
      <Upload directory showUploadList={false} beforeUpload={take(true)} disabled={!!progress}>
        <Button icon={<FolderOpenOutlined />} disabled={!!progress} data-testid="packages-folder">{t('inbox.importFolder')}</Button>
      </Upload>
    }>
      <Upload.Dragger multiple accept=".slpkg" showUploadList={false} beforeUpload={take(false)} disabled={!!progress} data-testid="packages-drop">
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-hint">{t('inbox.dropHint')}</p>
      </Upload.Dragger>
      {progress && (
        <Space style={{ marginTop: 8, width: '100%' }} direction="vertical">
          <Typography.Text>{t('inbox.importing', progress)}</Typography.Text>
          <Progress percent={Math.round((progress.done / Math.max(1, progress.total)) * 100)} size="small" />
        </Space>
      )}
      {results.length > 0 && !progress && (
        <Typography.Paragraph style={{ marginTop: 8 }} data-testid="packages-summary">
          {t('inbox.imported', { ok: count('imported'), replaced: count('replaced'), duplicate: count('duplicate'), refused: count('refused') })}
        </Typography.Paragraph>
      )}
      {results.length > 0 && (
        <Table<Outcome> size="small" rowKey={(r, i) => `${r.fileName}-${i}`} pagination={false} dataSource={results} data-testid="packages-results"
          columns={[
            { title: t('inbox.file'), dataIndex: 'fileName', width: 300, ellipsis: true },
            { title: t('inbox.result'), dataIndex: 'outcome', width: 90, render: (o: Outcome['outcome']) => <Tag color={COLORS[o]}>{t(`inbox.outcome.${o}`)}</Tag> },
            { title: '', dataIndex: 'message' },
          ]} />
      )}
    </Card>
  );
}
