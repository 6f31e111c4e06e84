import { Alert, Button, Input, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { parseEntry } from '../../shared/quantity';

interface Row {
  key: string;
  itemId: number;
  name: string;
  spec: string;
  unit: string;
  decimals: number;
  batchId?: number;
  batchNo: string;
  expiryDate: string | null;
  book: number;
}

/** 盘点: book quantities per batch, counted quantities typed in, differences posted with reasons. */
export function StocktakePage() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [posted, setPosted] = useState<string | null>(null);
  const stock = useApi('stock.list', q ? { q } : undefined);
  const post = useMutation('docs.post');
  const showError = useShowError();

  const rows = useMemo<Row[]>(() => (stock.data ?? []).flatMap((s): Row[] => {
    const base = { itemId: s.itemId, name: s.name, spec: s.spec, unit: s.unit, decimals: s.decimals };
    if (s.batches.length === 0) return [{ ...base, key: `${s.itemId}:`, batchNo: '', expiryDate: null, book: 0 }];
    return s.batches.map((b) => ({ ...base, key: `${s.itemId}:${b.batchId}`, batchId: b.batchId, batchNo: b.batchNo, expiryDate: b.expiryDate, book: b.quantity }));
  }), [stock.data]);

  const diffOf = (r: Row) => {
    const text = counted[r.key];
    if (text === undefined || text.trim() === '') return null;
    const p = parseEntry(text, { unit: r.unit, decimals: r.decimals, packUnit: null, packFactor: null }, true);
    if (!p.ok) return { error: p.error };
    const unit = 10 ** r.decimals;
    return { diff: (p.scaled - Math.round(r.book * unit)) / unit };
  };

  const submit = async () => {
    const entered = rows.filter((r) => diffOf(r) !== null);
    if (!entered.length) return setProblem('请至少填写一行实盘数量');
    for (const r of entered) {
      const d = diffOf(r)!;
      if ('error' in d) return setProblem(`${r.name}:${d.error}`);
      if (d.diff !== 0 && !reasons[r.key]?.trim()) return setProblem(`${r.name}:实盘与账面不符,请填写差异原因`);
    }
    setProblem(null);
    try {
      const doc = await post.run({
        type: 'stocktake',
        lines: entered.map((r) => ({ itemId: r.itemId, counted: counted[r.key].trim(), ...(r.batchId ? { batchId: r.batchId } : {}), ...(reasons[r.key] ? { reason: reasons[r.key] } : {}) })),
      });
      setPosted(doc.number);
      setCounted({});
      setReasons({});
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div>
      {posted && <Alert type="success" showIcon closable onClose={() => setPosted(null)} style={{ marginBottom: 12 }} title={t('common.savedAs', { number: posted })} />}
      <Space style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('common.searchHint')} onSearch={setQ} style={{ width: 260 }} />
        <Button type="primary" onClick={submit} loading={post.busy}>{t('common.post')}</Button>
      </Space>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Table size="small" rowKey="key" loading={stock.loading} dataSource={rows} pagination={{ pageSize: 100, showSizeChanger: false }}
        columns={[
          { title: t('common.item'), dataIndex: 'name' },
          { title: t('common.spec'), dataIndex: 'spec' },
          { title: t('common.batch'), dataIndex: 'batchNo' },
          { title: t('common.expiry'), dataIndex: 'expiryDate' },
          { title: t('stocktake.book'), align: 'right', render: (_, r) => `${r.book} ${r.unit}` },
          { title: t('stocktake.counted'), width: 130, render: (_, r) => <Input value={counted[r.key] ?? ''} onChange={(e) => setCounted({ ...counted, [r.key]: e.target.value })} suffix={r.unit} /> },
          {
            title: t('stocktake.diff'), align: 'right', render: (_, r) => {
              const d = diffOf(r);
              if (!d) return '';
              if ('error' in d) return <Typography.Text type="danger">{d.error}</Typography.Text>;
              return <Typography.Text type={d.diff < 0 ? 'danger' : d.diff > 0 ? 'warning' : 'secondary'}>{d.diff > 0 ? `+${d.diff}` : d.diff}</Typography.Text>;
            },
          },
          { title: t('common.reason'), render: (_, r) => <Input value={reasons[r.key] ?? ''} maxLength={200} onChange={(e) => setReasons({ ...reasons, [r.key]: e.target.value })} /> },
        ]} />
    </div>
  );
}
