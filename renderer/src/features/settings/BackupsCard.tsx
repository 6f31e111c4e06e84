import { Alert, App, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { invalidateAll, useApi, useMutation } from '../../api/hooks';
import { useI18n, type MessageKey } from '../../i18n';
import { downloadBase64 } from '../../shared/download';
import { useBusy, useShowError } from '../../shared/errors';
import { formatBytes, officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';

type Backup = ApiOutput<'backups.list'>['backups'][number];

/** 备份与恢复 (administrator): the list with check results, back up now, restore, the second folder, export all. */
export function BackupsCard() {
  const { t } = useI18n();
  const office = useOffice();
  const list = useApi('backups.list');
  const update = useMutation('settings.update');
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const { busy, run } = useBusy();
  const [second, setSecond] = useState('');
  useEffect(() => setSecond(list.data?.secondDir ?? ''), [list.data?.secondDir]);
  const backupNow = () =>
    run('backup', async () => {
      const r = await call('backups.create');
      if (r.warning) message.warning({ content: r.warning, duration: 8 });
      else message.success(t('backup.done'));
      invalidateAll();
    });
  const restore = (b: Backup) =>
    modal.confirm({
      title: t('backup.restoreConfirm'),
      content: t('backup.restoreHint', { at: officeTime(b.at, office?.timeZone) }),
      okText: t('backup.restore'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await call('backups.restore', { name: b.name });
          message.success(t('backup.restored'));
          // Everyone is logged out after a restore: the next call shows the login screen.
          invalidateAll();
        } catch (err) {
          showError(err);
        }
      },
    });
  const exportAll = () =>
    run('export', async () => {
      const file = await call('archive.export');
      downloadBase64(file.fileName, file.data);
    });
  const saveSecond = async () => {
    try {
      await update.run({ backupSecondDir: second.trim() });
      message.success(t('settings.saved'));
    } catch (err) {
      showError(err);
    }
  };
  const data = list.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" loading={busy === 'backup'} onClick={backupNow} data-testid="backup-now">{t('backup.now')}</Button>
        <Button loading={busy === 'export'} onClick={exportAll} data-testid="archive-export">{t('backup.exportAll')}</Button>
        <Typography.Text type="secondary">{t('backup.auto')}</Typography.Text>
      </Space>
      <Space wrap>
        <Input style={{ width: 360 }} value={second} onChange={(e) => setSecond(e.target.value)} placeholder={t('backup.secondPlaceholder')} addonBefore={t('backup.second')} />
        <Button onClick={saveSecond}>{t('common.save')}</Button>
      </Space>
      {data?.secondDir && data.secondDirAvailable === false && <Alert type="warning" showIcon message={t('backup.secondMissing', { dir: data.secondDir })} />}
      <Typography.Text type="secondary">{t('backup.folder')}:{data?.folder}</Typography.Text>
      <Table<Backup>
        size="small"
        rowKey="name"
        loading={list.loading}
        dataSource={data?.backups}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('backup.at'), dataIndex: 'at', render: (v: string) => officeTime(v, office?.timeZone) },
          { title: t('backup.reason'), dataIndex: 'reason', render: (v: string) => t(`backup.reason.${v}` as MessageKey) },
          { title: t('backup.size'), dataIndex: 'size', render: (v: number) => formatBytes(v) },
          { title: t('backup.check'), dataIndex: 'check', render: (v: string) => <Tag color={v === 'ok' ? 'green' : 'red'}>{v === 'ok' ? t('backup.ok') : v}</Tag> },
          { title: '', key: 'go', render: (_v, b) => <Button size="small" danger disabled={b.check !== 'ok'} onClick={() => restore(b)} data-testid="backup-restore">{t('backup.restore')}</Button> },
        ]}
      />
    </Space>
  );
}
