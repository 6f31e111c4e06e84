import { Alert, App, Button, Input, Space, Table, Typography, type InputRef } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { parseEntry } from '../../shared/quantity';
import { DraftNotice, useDraft } from '../../shared/draft';
import { PostedNotice, type PostedDoc } from '../../shared/PostedNotice';
import { CountSheetButton } from './CountSheetButton';
import { StoreField } from '../../shared/stores';

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
  const [storeId, setStoreId] = useState<number>();
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [posted, setPosted] = useState<PostedDoc | null>(null);
  const stock = useApi('stock.list', q || storeId ? { ...(q ? { q } : {}), ...(storeId ? { storeId } : {}) } : undefined);
  const post = useMutation('docs.post');
  const showError = useShowError();
  const { modal } = App.useApp();
  // A half-counted stocktake is hours of work: it survives a menu click, a reload, a closed window.
  const draft = useDraft('stocktake', { counted, reasons },
    (d) => !Object.values(d.counted ?? {}).some((v) => v.trim()) && !Object.values(d.reasons ?? {}).some((v) => v.trim()),
    (d) => { setCounted(d.counted ?? {}); setReasons(d.reasons ?? {}); });
  const countRefs = useRef(new Map<string, InputRef | null>());
  /** Enter in the search box: once the rows are there, the cursor goes to the first count. */
  const toFirst = useRef(false);

  const rows = useMemo<Row[]>(() => (stock.data ?? []).flatMap((s): Row[] => {
    const base = { itemId: s.itemId, name: s.name, spec: s.spec, unit: s.unit, decimals: s.decimals };
    if (s.batches.length === 0) return [{ ...base, key: `${s.itemId}:`, batchNo: '', expiryDate: null, book: 0 }];
    return s.batches.map((b) => ({ ...base, key: `${s.itemId}:${b.batchId}`, batchId: b.batchId, batchNo: b.batchNo, expiryDate: b.expiryDate, book: b.quantity }));
  }), [stock.data]);

  useEffect(() => {
    if (!toFirst.current || stock.loading || !rows.length) return;
    toFirst.current = false;
    countRefs.current.get(rows[0].key)?.input?.focus();
  }, [rows, stock.loading]);

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
    // What the count changes, before it changes the book: 盘盈/盘亏 per item with its reason.
    const moved = entered.map((r) => ({ r, diff: (diffOf(r) as { diff: number }).diff })).filter((x) => x.diff !== 0);
    const gains = moved.filter((x) => x.diff > 0);
    const losses = moved.filter((x) => x.diff < 0);
    const go = await modal.confirm({
      title: t('stocktake.confirmTitle'), okText: t('stocktake.confirmOk'), width: 560,
      content: (
        <div data-testid="stocktake-summary">
          <p>{t('stocktake.summary', { counted: entered.length, gains: gains.length, losses: losses.length, same: entered.length - moved.length })}</p>
          {moved.length > 0 && (
            <ul style={{ paddingLeft: 18, margin: 0 }}>
              {moved.map(({ r, diff }) => <li key={r.key}>{`${r.name}${r.batchNo ? ` 批号 ${r.batchNo}` : ''}:${diff > 0 ? `盘盈 +${diff}` : `盘亏 ${diff}`} ${r.unit}(${reasons[r.key]?.trim()})`}</li>)}
            </ul>
          )}
        </div>
      ),
    });
    if (!go) return;
    try {
      const doc = await post.run({
        type: 'stocktake', ...(storeId ? { storeId } : {}),
        lines: entered.map((r) => ({ itemId: r.itemId, counted: counted[r.key].trim(), ...(r.batchId ? { batchId: r.batchId } : {}), ...(reasons[r.key] ? { reason: reasons[r.key] } : {}) })),
      });
      setPosted({ id: doc.id, number: doc.number });
      setCounted({});
      setReasons({});
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) { e.preventDefault(); void submit(); } }}>
      <PostedNotice posted={posted} onClose={() => setPosted(null)} printLabel={t('stocktake.printReport')} />
      <Space style={{ marginBottom: 12 }}>
        <StoreField value={storeId} onChange={setStoreId} disabled={Object.values(counted).some((v) => v.trim())} />
        <Input.Search allowClear autoFocus placeholder={t('common.searchHint')} onSearch={(v) => { setQ(v); toFirst.current = true; }} style={{ width: 260 }}
          onKeyDown={(e) => { if (e.key === 'ArrowDown') { e.preventDefault(); countRefs.current.get(rows[0]?.key)?.input?.focus(); } }} data-testid="stocktake-search" />
        <Button type="primary" onClick={submit} loading={post.busy} data-testid="stocktake-post">{t('common.post')}(Ctrl+Enter)</Button>
        <CountSheetButton storeId={storeId} />
      </Space>
      <DraftNotice draft={draft} onClear={() => { setCounted({}); setReasons({}); setProblem(null); }} />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Table size="small" rowKey="key" loading={stock.loading} dataSource={rows} pagination={{ pageSize: 100, showSizeChanger: false }}
        columns={[
          { title: t('common.item'), dataIndex: 'name' },
          { title: t('common.spec'), dataIndex: 'spec' },
          { title: t('common.batch'), dataIndex: 'batchNo' },
          { title: t('common.expiry'), dataIndex: 'expiryDate' },
          { title: t('stocktake.book'), align: 'right', render: (_, r) => `${r.book} ${r.unit}` },
          { title: t('stocktake.counted'), width: 130, render: (_, r) => <Input ref={(el) => void countRefs.current.set(r.key, el)} value={counted[r.key] ?? ''} data-testid="count-input"
            onChange={(e) => setCounted({ ...counted, [r.key]: e.target.value })} suffix={r.unit}
            onKeyDown={(e) => {
              // Enter goes down to the next row's count, as in Excel; Ctrl+Enter posts.
              if (e.key !== 'Enter') return;
              e.preventDefault();
              if (e.ctrlKey || e.metaKey) return void submit();
              const i = rows.findIndex((x) => x.key === r.key);
              const next = rows[i + 1];
              if (next) countRefs.current.get(next.key)?.input?.focus();
            }} /> },
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
