import { AutoComplete, Alert, Button, Form, Input, Segmented, Select, Space, Typography, type InputRef } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../../api/client';
import { useApi, useMutation } from '../../api/hooks';
import { useRoute } from '../../app/router';
import { useI18n } from '../../i18n';
import { apiLines, DocLines, lineProblem, newLine, type Line } from '../../shared/DocLines';
import { useShowError } from '../../shared/errors';
import { storedWord } from '../../shared/labels';
import { PostedNotice, type PostedDoc } from '../../shared/PostedNotice';
import { TimeField, useTimeToIso } from '../../shared/TimeField';
import { LossReason, OTHER_KIND, splitReason } from './LossReason';
import { DraftNotice, linesEmpty, rekey, useDraft } from '../../shared/draft';
import { StoreField, useDocStore } from '../../shared/stores';
import { useSession } from '../../app/session';
import { useOffice } from '../../shared/office';

type Kind = 'loss' | 'transfer_out' | 'move';
const KIND_PARAM: Record<string, Kind> = { transfer: 'transfer_out', move: 'move' };

/** 报损 (expired, broken, spoiled goods), 调拨出库 (goods sent to another unit) and, with several stores, 移库 between them; each printed for signature. */
export function OutgoingPage() {
  const { t } = useI18n();
  const { params } = useRoute();
  const [kind, setKind] = useState<Kind>(KIND_PARAM[params.get('kind') ?? ''] ?? 'loss');
  // 库存 › 报损 on a store's batch names that store.
  const { storeId, chosenStore, setStoreId, stores } = useDocStore(Number(params.get('store')) || undefined);
  const [chosenTo, setToStoreId] = useState<number>();
  // With two stores, the goods go to the other one unless another is chosen.
  const toStoreId = chosenTo ?? (stores.active.length === 2 ? stores.active.find((s) => s.id !== storeId)?.id : undefined);
  const [counterparty, setCounterparty] = useState('');
  const [time, setTime] = useState<Dayjs | null>(null);
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<Line[]>([newLine()]);
  const [focusKey, setFocusKey] = useState<number>();
  const counterpartyRef = useRef<InputRef>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [posted, setPosted] = useState<PostedDoc | null>(null);
  const post = useMutation('docs.post');
  const showError = useShowError();
  const toIso = useTimeToIso();
  // A line brought from 库存 (报损 on a batch) replaces the draft instead of being replaced by it.
  const draft = useDraft(`outgoing`, { store: chosenStore, to: chosenTo, kind, counterparty, note, lines },
    (d) => !d.counterparty && !d.note && linesEmpty(d.lines),
    (d) => { if (params.get('item')) return; if (!params.get('kind')) setKind(d.kind); setStoreId(d.store); setToStoreId(d.to); setCounterparty(d.counterparty ?? ''); setNote(d.note ?? '');
      setLines(rekey(d.lines)); });
  const itemIds = useMemo(() => [...new Set(lines.flatMap((l) => (l.item ? [l.item.id] : [])))].sort((a, b) => a - b), [lines]);
  const stock = useApi('stock.list', { itemIds, ...(storeId ? { storeId } : {}) }, itemIds.length > 0);
  const earlier = useApi('docs.list', { type: 'transfer_out', limit: 200 }, kind === 'transfer_out');
  // A district's registered units first (an allocation to one of them goes out as its 调拨单), then whoever goods went to before.
  const { can } = useSession();
  const office = useOffice();
  const registered = useApi('subUnits.list', undefined, kind === 'transfer_out' && !!office?.consolidates && can('subUnits.list'));
  const units = useMemo(() => [...new Set([...(registered.data ?? []).filter((u) => u.active).map((u) => u.name), ...(earlier.data?.rows ?? []).map((d) => d.counterparty).filter(Boolean)])], [registered.data, earlier.data]);

  // 库存 → 报损 on a batch: the line comes filled in (the item, that batch, 过期 when it has expired).
  const fromItem = params.get('item');
  const fromBatch = params.get('batch');
  useEffect(() => {
    if (!fromItem) return;
    call('items.get', { id: Number(fromItem) })
      .then((item) => setLines([newLine({ item, batchId: fromBatch ? Number(fromBatch) : undefined, reason: params.get('expired') ? storedWord('loss.expired') : undefined })]))
      .catch(showError);
  }, [fromItem, fromBatch]);

  // A loss or a 移库 starts at its first item (a transfer at its receiving unit, which has the focus),
  // once a restored draft's lines (new keys) are in.
  const linesNow = useRef(lines);
  linesNow.current = lines;
  useEffect(() => {
    if ((kind === 'loss' && !params.get('item')) || kind === 'move') setTimeout(() => setFocusKey(linesNow.current[0].key));
    if (kind === 'transfer_out') setTimeout(() => counterpartyRef.current?.focus());
  }, [kind]);
  // An office with one store has no 移库 (an old link or draft opens 报损).
  useEffect(() => { if (!stores.loading && !stores.several && kind === 'move') setKind('loss'); }, [stores.loading, stores.several, kind]);

  const submit = useCallback(async () => {
    let p = kind === 'transfer_out' && !counterparty.trim() ? t('form.counterpartyRequired') : kind === 'move' && !toStoreId ? t('stores.movePickTo') : kind === 'move' && toStoreId === storeId ? t('stores.moveSame') : time && !time.isValid() ? t('form.timeFormat') : lineProblem(lines, false, t);
    if (!p && kind === 'loss') {
      const used = lines.filter((l) => l.item);
      const i = used.findIndex((l) => { const r = splitReason(l.reason); return !r.kind || (r.kind === OTHER_KIND && !r.text); });
      if (i >= 0) p = t(splitReason(used[i].reason).kind === OTHER_KIND ? 'form.lossReasonOther' : 'form.lossReason', { n: i + 1, item: used[i].item!.name });
    }
    setProblem(p);
    if (p) return;
    try {
      const at = toIso(time);
      const doc = await post.run({
        type: kind, lines: apiLines(lines, false).map((l) => (kind === 'loss' ? l : { ...l, reason: undefined })),
        ...(kind === 'transfer_out' ? { counterparty: counterparty.trim() } : {}), ...(storeId ? { storeId } : {}), ...(kind === 'move' ? { toStoreId } : {}), ...(at ? { time: at } : {}), ...(note ? { note } : {}),
      });
      setPosted({ id: doc.id, number: doc.number });
      setLines([newLine()]);
      setNote('');
      setTime(null);
      // The next document starts where this one did.
      if (kind === 'transfer_out') counterpartyRef.current?.focus();
      else setTimeout(() => setFocusKey(linesNow.current[0].key));
    } catch (err) {
      showError(err);
    }
  }, [kind, counterparty, lines, time, note, post, showError, toIso, storeId, toStoreId, t]);

  const batchesOf = (itemId: number) => (stock.data ?? []).find((s) => s.itemId === itemId)?.batches.filter((b) => b.batchNo || b.expiryDate) ?? [];
  const batchColumn = {
    title: t('outgoing.batch'), width: 200, render: (_: unknown, l: Line) => {
      const list = l.item ? batchesOf(l.item.id) : [];
      if (!l.item || list.length === 0) return null;
      return (
        <Select size="small" style={{ width: '100%' }} value={l.batchId ?? 0} data-testid="line-batch"
          onChange={(v) => setLines(lines.map((x) => (x.key === l.key ? { ...x, batchId: v || undefined } : x)))}
          options={[{ value: 0, label: t('outgoing.fefo') }, ...list.map((b) => ({
            value: b.batchId, label: `${b.batchNo || t('outgoing.noBatch')} · ${b.expiryDate ?? ''}${b.expired ? t('outgoing.expiredMark') : ''} · ${b.quantity}${l.item!.unit}`,
          }))]} />
      );
    },
  };
  const reasonColumn = {
    title: t('outgoing.reason'), width: 260, render: (_: unknown, l: Line) => l.item && (
      <LossReason value={l.reason} placeholder={t('outgoing.reasonText')} onChange={(reason) => setLines(lines.map((x) => (x.key === l.key ? { ...x, reason } : x)))} />
    ),
  };

  return (
    <div onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); } }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented<Kind> value={kind} data-testid="outgoing-kind" onChange={(k) => { setKind(k); setProblem(null); setPosted(null); }}
          options={[{ value: 'loss', label: t('outgoing.loss') }, { value: 'transfer_out', label: t('outgoing.transfer') }, ...(stores.several ? [{ value: 'move' as const, label: t('stores.move') }] : [])]} />
        <Typography.Text type="secondary">{kind === 'loss' ? t('outgoing.lossHint') : kind === 'move' ? t('stores.moveHint') : t('outgoing.transferHint')}</Typography.Text>
        <DraftNotice draft={draft} onClear={() => { setCounterparty(''); setNote(''); setLines([newLine()]); setProblem(null); }} />
        <PostedNotice posted={posted} onClose={() => setPosted(null)} />
        <Form layout="inline" style={{ rowGap: 8 }}>
          <StoreField value={storeId} onChange={(v) => { setStoreId(v); if (v === chosenTo) setToStoreId(undefined); }} label={kind === 'move' ? 'stores.from' : 'stores.store'} />
          {/* With three stores or more the receiving one is chosen first, then Enter goes on to the lines. */}
          {kind === 'move' && <StoreField value={toStoreId} onChange={(v) => { setToStoreId(v); setFocusKey(undefined); setTimeout(() => setFocusKey(linesNow.current[0].key)); }} label="stores.to" testId="store-to"
            exclude={storeId} autoFocus={stores.active.length > 2 && !chosenTo} />}
          {kind === 'transfer_out' && (
            <Form.Item label={t('outgoing.counterparty')} required>
              <AutoComplete style={{ width: 260 }} value={counterparty} onChange={setCounterparty}
                onKeyDown={(e) => { if (e.key === 'Enter' && !e.ctrlKey && counterparty.trim()) setTimeout(() => setFocusKey(lines[0].key)); }}
                options={units.filter((u) => u.includes(counterparty)).map((u) => ({ value: u }))}>
                <Input ref={counterpartyRef} data-testid="transfer-counterparty" maxLength={60} placeholder={t('outgoing.counterpartyExample')} />
              </AutoComplete>
            </Form.Item>
          )}
          <Form.Item label={t('common.time')}><TimeField value={time} onChange={setTime} /></Form.Item>
          <Form.Item label={t('common.note')}><Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{ width: 220 }} /></Form.Item>
        </Form>
        <DocLines lines={lines} onChange={setLines} storeId={storeId} onSubmit={() => void submit()} focusKey={focusKey} extra={kind === 'loss' ? [batchColumn, reasonColumn] : [batchColumn]} />
        {problem && <Alert type="error" showIcon title={problem} />}
        <Button type="primary" style={{ alignSelf: 'flex-start' }} loading={post.busy} onClick={() => void submit()} data-testid="outgoing-post">{t('common.post')}(Ctrl+Enter)</Button>
      </Space>
    </div>
  );
}
