import { Alert, Button, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { paging } from '../../shared/table';

/** 审计日志: every write, who and when, and a check of the hash chain. */
export function AuditLog() {
  const { t } = useI18n();
  const office = useOffice();
  const [method, setMethod] = useState('');
  const [page, setPage] = useState(1);
  const list = useApi('audit.list', { ...(method ? { method } : {}), limit: 50, offset: (page - 1) * 50 });
  const verify = useApi('audit.verify');
  const v = verify.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Input.Search allowClear placeholder={t('audit.method')} onSearch={(m) => { setMethod(m); setPage(1); }} style={{ width: 240 }} />
        <Button onClick={verify.reload} loading={verify.loading}>{t('audit.verify')}</Button>
      </Space>
      {v && (v.ok
        ? <Alert type="success" showIcon title={t('audit.ok', { count: v.count, head: v.head.slice(0, 16) })} data-testid="audit-ok" />
        : <Alert type="error" showIcon title={t('audit.broken', { id: v.firstBroken ?? 0, reason: v.reason ?? '' })} />)}
      {/* Each entry as the work done ("孙晓梅 过账 出库单 …"); the raw entry the chain hashes is behind the expander. */}
      <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data?.rows ?? []} data-testid="audit-table"
        pagination={paging(t, { current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage })}
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('audit.method')}: <Typography.Text code>{r.method}</Typography.Text></Typography.Text>
              <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{r.detail}</Typography.Text>
            </Space>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: t('common.time'), dataIndex: 'at', width: 150, render: (x: string) => officeTime(x, office?.timeZone) },
          { title: t('audit.what'), key: 'text', render: (_, r) => <span data-testid="audit-text"><b>{r.userName ?? '?'}</b> {r.text}</span> },
        ]} />
    </Space>
  );
}
