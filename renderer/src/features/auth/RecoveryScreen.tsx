import { Alert, App, Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { toApiError } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { formatBytes, officeTime } from '../../shared/format';
import { AuthFrame } from './AuthFrame';

export interface Damage {
  message: string;
  canRestore: boolean;
  backups: { name: string; at: string; size: number; check: string; reason: string }[];
}

/** The file is damaged: say so plainly and offer the newest good backup (from this machine only). */
export function RecoveryScreen({ damage, onRestored }: { damage: Damage; onRestored(): void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const good = damage.backups.filter((b) => b.check === 'ok');
  const restore = (name: string) =>
    modal.confirm({
      title: t('backup.restoreConfirm'),
      content: t('recovery.restoreHint', { name }),
      okText: t('backup.restore'),
      onOk: async () => {
        setBusy(true);
        try {
          await call('backups.restore', { name });
          message.success(t('backup.restored'));
          onRestored();
        } catch (err) {
          message.error(toApiError(err).message);
        } finally {
          setBusy(false);
        }
      },
    });
  return (
    <AuthFrame title={t('recovery.title')} width={760}>
      <Alert type="error" showIcon message={damage.message} style={{ marginBottom: 16 }} data-testid="recovery-message" />
      {!damage.canRestore && <Alert type="warning" message={t('recovery.localOnly')} style={{ marginBottom: 16 }} />}
      {damage.canRestore && good.length > 0 && (
        <Button type="primary" loading={busy} onClick={() => restore(good[0].name)} style={{ marginBottom: 16 }} data-testid="recovery-newest">
          {t('recovery.restoreNewest', { at: officeTime(good[0].at) })}
        </Button>
      )}
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={damage.backups}
        locale={{ emptyText: t('recovery.none') }}
        columns={[
          { title: t('backup.at'), dataIndex: 'at', render: (v: string) => officeTime(v) },
          { title: t('backup.size'), dataIndex: 'size', render: (v: number) => formatBytes(v) },
          { title: t('backup.check'), dataIndex: 'check', render: (v: string) => <Tag color={v === 'ok' ? 'green' : 'red'}>{v === 'ok' ? t('backup.ok') : v}</Tag> },
          { title: '', key: 'go', render: (_v, b) => damage.canRestore && b.check === 'ok' && <Button size="small" onClick={() => restore(b.name)}>{t('backup.restore')}</Button> },
        ]}
      />
    </AuthFrame>
  );
}
