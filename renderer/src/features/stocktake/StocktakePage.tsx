import { Alert, App, Button, Input, Space, Table, Typography, type InputRef } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { parseEntry, qtyPlaceholder, type EntryItem } from '../../shared/quantity';
import { decimalText } from '../../../../db/units';
import { DraftNotice, useDraft } from '../../shared/draft';
import { PostedNotice, type PostedDoc } from '../../shared/PostedNotice';
import { CountSheetButton } from './CountSheetButton';
import { StoreField, useDocStore } from '../../shared/stores';

interface Row {
  key: string;
  itemId: number;
  name: string;
  spec: string;
  unit: string;
  decimals: number;
  /** The item's units, as every quantity box reads them ("3箱", "2盒10只"). */
  units: EntryItem;
  batchId?: number;
  batchNo: string;
  expiryDate: string | null;
  book: number;
}

/** A count as typed, against the book: in base units (scaled), what was typed in packs, the difference; or the parser's error. */
type Count = { error: string } | { base: string; entered: string; shown: string; diff: number; diffText: string };

function countOf(r: Row, text: string | undefined): Count | null {
  if (text === undefined || text.trim() === '') return null;
  const p = parseEntry(text, r.units, true);
  if (!p.ok) return { error: p.error };
  const diff = p.scaled - Math.round(r.book * 10 ** r.decimals);
  return { base: p.base, entered: p.entered, shown: p.shown, diff, diffText: `${diff > 0 ? '+' : ''}${decimalText(diff, r.decimals)} ${r.unit}` };
}

/** 盘点: book quantities per batch, counted quantities typed in (in any of the item's units), differences posted with reasons. */
export function StocktakePage() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const { storeId, chosenStore, setStoreId } = useDocStore();
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [posted, setPosted] = useState<PostedDoc | null>(null);
  const stock = useApi('stock.list', q || storeId ? { ...(q ? { q } : {}), ...(storeId ? { storeId } : {}) } : undefined);
  // The same search over the catalogue gives the same goods with their pack units: one read for the whole list.
  const catalogue = useApi('items.list', { ...(q ? { q } : {}), limit: 20000 });
  const post = useMutation('docs.post');
  const showError = useShowError();
  const { modal } = App.useApp();
  // A half-counted stocktake is hours of work: it survives a menu click, a reload, a closed window.
  const draft = useDraft('stocktake', { store: chosenStore, counted, reasons },
    (d) => !Object.values(d.counted ?? {}).some((v) => v.trim()) && !Object.values(d.reasons ?? {}).some((v) => v.trim()),
    (d) => { setStoreId(d.store); setCounted(d.counted ?? {}); setReasons(d.reasons ?? {}); });
  const countRefs = useRef(new Map<string, InputRef | null>());
  const reasonRefs = useRef(new Map<string, InputRef | null>());
  /** Enter in the search box: once the rows are there, the cursor goes to the first count. */
  const toFirst = useRef(false);

  const loading = stock.loading || catalogue.loading;
  /** The rows answer the search as typed (right after Enter, the rows of the last search are still there). */
  const ready = !loading && stock.fresh && catalogue.fresh;
  // Rows once both answers are there (a count is never read without the item's pack units).
  const rows = useMemo<Row[]>(() => {
    if (!stock.data || !catalogue.data) return [];
    const items = new Map(catalogue.data.map((i) => [i.id, i]));
    return stock.data.flatMap((s): Row[] => {
      const item = items.get(s.itemId);
      const units = { unit: s.unit, decimals: s.decimals, packUnit: item?.packUnit ?? null, packFactor: item?.packFactor ?? null, units: item?.units };
      const base = { itemId: s.itemId, name: s.name, spec: s.spec, unit: s.unit, decimals: s.decimals, units };
      if (s.batches.length === 0) return [{ ...base, key: `${s.itemId}:`, batchNo: '', expiryDate: null, book: 0 }];
      return s.batches.map((b) => ({ ...base, key: `${s.itemId}:${b.batchId}`, batchId: b.batchId, batchNo: b.batchNo, expiryDate: b.expiryDate, book: b.quantity }));
    });
  }, [stock.data, catalogue.data]);

  useEffect(() => {
    if (!toFirst.current || !ready || !rows.length) return;
    toFirst.current = false;
    countRefs.current.get(rows[0].key)?.input?.focus();
  }, [rows, ready]);

  const diffOf = (r: Row) => countOf(r, counted[r.key]);
  /** Enter goes down the counts, as in Excel; a difference first asks for its reason on the same row. */
  const countEnter = (r: Row) => {
    const d = diffOf(r);
    if (d && 'error' in d) return;
    if (d && d.diff !== 0 && !reasons[r.key]?.trim()) return void reasonRefs.current.get(r.key)?.input?.focus();
    const next = rows[rows.findIndex((x) => x.key === r.key) + 1];
    if (next) countRefs.current.get(next.key)?.input?.focus();
  };

  const submit = async () => {
    const entered = rows.filter((r) => diffOf(r) !== null);
    if (!entered.length) return setProblem(t('form.countRequired'));
    for (const r of entered) {
      const d = diffOf(r)!;
      if ('error' in d) return setProblem(`${r.name}:${d.error}`);
      if (d.diff !== 0 && !reasons[r.key]?.trim()) return setProblem(t('form.diffReason', { item: r.name }));
    }
    setProblem(null);
    // What the count changes, before it changes the book: 盘盈/盘亏 per item with its reason.
    const moved = entered.map((r) => ({ r, ...(diffOf(r) as { diff: number; diffText: string }) })).filter((x) => x.diff !== 0);
    const gains = moved.filter((x) => x.diff > 0);
    const losses = moved.filter((x) => x.diff < 0);
    const go = await modal.confirm({
      title: t('stocktake.confirmTitle'), okText: t('stocktake.confirmOk'), width: 560, okButtonProps: { 'data-testid': 'stocktake-confirm' },
      content: (
        <div data-testid="stocktake-summary">
          <p>{t('stocktake.summary', { counted: entered.length, gains: gains.length, losses: losses.length, same: entered.length - moved.length })}</p>
          {moved.length > 0 && (
            <ul style={{ paddingLeft: 18, margin: 0 }}>
              {moved.map(({ r, diff, diffText }) => <li key={r.key}>{t('stocktake.moveLine', { item: r.name, batch: r.batchNo ? t('lines.batchOf', { batch: r.batchNo }) : '', kind: t(diff > 0 ? 'stocktake.gain' : 'stocktake.loss'), diff: diffText, reason: reasons[r.key]?.trim() ?? '' })}</li>)}
            </ul>
          )}
        </div>
      ),
    });
    if (!go) return;
    try {
      const doc = await post.run({
        type: 'stocktake', ...(storeId ? { storeId } : {}),
        // The count in base units, and what was typed when it named a pack unit: the ledger parses that again.
        lines: entered.map((r) => {
          const c = diffOf(r) as { base: string; entered: string };
          return { itemId: r.itemId, counted: c.base, ...(c.entered ? { entered: c.entered } : {}), ...(r.batchId ? { batchId: r.batchId } : {}), ...(reasons[r.key] ? { reason: reasons[r.key] } : {}) };
        }),
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
        <Input.Search allowClear autoFocus placeholder={t('common.searchHint')} onSearch={(v, _, info) => {
            if (info?.source === 'clear') return setQ('');
            // The same search again (Enter on the list as it is): straight to the first count.
            if (v === q && ready) return void countRefs.current.get(rows[0]?.key)?.input?.focus();
            setQ(v);
            toFirst.current = true;
          }} style={{ width: 260 }}
          onKeyDown={(e) => { if (e.key === 'ArrowDown') { e.preventDefault(); countRefs.current.get(rows[0]?.key)?.input?.focus(); } }} data-testid="stocktake-search" />
        <Button type="primary" onClick={submit} loading={post.busy} data-testid="stocktake-post">{t('common.post')}(Ctrl+Enter)</Button>
        <CountSheetButton storeId={storeId} />
      </Space>
      <DraftNotice draft={draft} onClear={() => { setCounted({}); setReasons({}); setProblem(null); }} />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Table size="small" rowKey="key" loading={loading} dataSource={rows} pagination={{ pageSize: 100, showSizeChanger: false }}
        columns={[
          { title: t('common.item'), dataIndex: 'name' },
          { title: t('common.spec'), dataIndex: 'spec' },
          { title: t('common.batch'), dataIndex: 'batchNo' },
          { title: t('common.expiry'), dataIndex: 'expiryDate' },
          { title: t('stocktake.book'), align: 'right', render: (_, r) => `${r.book} ${r.unit}` },
          { title: t('stocktake.counted'), width: 150, render: (_, r) => {
            const d = diffOf(r);
            return (
              <div>
                <Input ref={(el) => void countRefs.current.set(r.key, el)} value={counted[r.key] ?? ''} data-testid="count-input" placeholder={qtyPlaceholder(r.units, t)}
                  status={d && 'error' in d ? 'error' : undefined} onChange={(e) => setCounted({ ...counted, [r.key]: e.target.value })} suffix={r.unit}
                  onKeyDown={(e) => {
                    // Enter goes down the counts; Ctrl+Enter posts.
                    if (e.key !== 'Enter') return;
                    e.preventDefault();
                    if (e.ctrlKey || e.metaKey) return void submit();
                    countEnter(r);
                  }} />
                {d && 'base' in d && d.entered && <Typography.Text type="secondary" data-testid="count-base">= {d.shown}</Typography.Text>}
              </div>
            );
          } },
          {
            title: t('stocktake.diff'), align: 'right', render: (_, r) => {
              const d = diffOf(r);
              if (!d) return '';
              if ('error' in d) return <Typography.Text type="danger" data-testid="count-problem">{d.error}</Typography.Text>;
              return <Typography.Text type={d.diff < 0 ? 'danger' : d.diff > 0 ? 'warning' : 'secondary'} data-testid="count-diff">{d.diffText}</Typography.Text>;
            },
          },
          { title: t('common.reason'), render: (_, r) => <Input ref={(el) => void reasonRefs.current.set(r.key, el)} value={reasons[r.key] ?? ''} maxLength={200} data-testid="count-reason"
            onChange={(e) => setReasons({ ...reasons, [r.key]: e.target.value })}
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
              e.preventDefault();
              const next = rows[rows.findIndex((x) => x.key === r.key) + 1];
              if (next) countRefs.current.get(next.key)?.input?.focus();
            }} /> },
        ]} />
    </div>
  );
}
