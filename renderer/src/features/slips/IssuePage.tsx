import { Alert, App, Button, Form, Input, Space, Typography, type RefSelectProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useRef, useState } from 'react';
import { call } from '../../api/client';
import { toApiError, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { apiLines, DocLines, lineProblem, newLine, type Line } from '../../shared/DocLines';
import { useShowError } from '../../shared/errors';
import { CheckpointPicker, PersonPicker } from '../../shared/pickers';
import { TimeField, useTimeToIso } from '../../shared/TimeField';
import { NewPersonButton } from './NewPersonButton';
import { PostedNotice } from '../../shared/PostedNotice';
import { DraftNotice, linesEmpty, rekey, useDraft } from '../../shared/draft';
import { StoreField, useDocStore } from '../../shared/stores';
import dayjs from 'dayjs';

/** 出库发放: the most used screen, built for the keyboard. */
export function IssuePage() {
  const { t } = useI18n();
  const [checkpointId, setCheckpointId] = useState<number>();
  const { storeId, chosenStore, setStoreId } = useDocStore();
  const [personId, setPersonId] = useState<number>();
  const [time, setTime] = useState<Dayjs | null>(null);
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<Line[]>([newLine()]);
  const [personRequest, setPersonRequest] = useState<{ name: string }>();
  const [focusKey, setFocusKey] = useState<number>();
  const [problem, setProblem] = useState<string | null>(null);
  const [posted, setPosted] = useState<{ id: number; number: string } | null>(null);
  // Set when the server refused an expired batch: the clerk may give a reason and post again.
  const [expired, setExpired] = useState<string | null>(null);
  const [override, setOverride] = useState('');
  const checkpointRef = useRef<RefSelectProps>(null);
  const personRef = useRef<RefSelectProps>(null);
  const post = useMutation('docs.post');
  const showError = useShowError();
  const { modal } = App.useApp();
  const toIso = useTimeToIso();
  const draft = useDraft('issue', { store: chosenStore, checkpointId, personId, note, lines, time: time?.isValid() ? time.toISOString() : null },
    (d) => !d.checkpointId && !d.personId && !d.note && linesEmpty(d.lines),
    (d) => { setStoreId(d.store); setCheckpointId(d.checkpointId); setPersonId(d.personId); setNote(d.note ?? ''); setLines(rekey(d.lines)); setTime(d.time ? dayjs(d.time) : null); });
  const clearAll = () => { setCheckpointId(undefined); setPersonId(undefined); setNote(''); setLines([newLine()]); setTime(null); setProblem(null); };

  const submit = useCallback(async (overrideReason?: string) => {
    const p = !checkpointId ? t('form.pickCheckpoint') : !personId ? t('form.pickPerson') : time && !time.isValid() ? t('form.timeFormat') : lineProblem(lines, false, t);
    setProblem(p);
    if (p) return;
    try {
      const time_ = toIso(time);
      // The reason goes with every line; the ledger uses expired stock only for a shortfall and records it only there.
      const withReason = apiLines(lines, false).map((l) => (overrideReason ? { ...l, expiredOverride: overrideReason } : l));
      const doc = await post.run({
        type: 'issue', checkpointId: checkpointId!, personId: personId!, lines: withReason, ...(storeId ? { storeId } : {}),
        ...(time_ ? { time: time_ } : {}), ...(note ? { note } : {}),
      });
      setPosted({ id: doc.id, number: doc.number });
      setCheckpointId(undefined);
      setPersonId(undefined);
      setLines([newLine()]);
      setNote('');
      setTime(null);
      setExpired(null);
      setOverride('');
      checkpointRef.current?.focus();
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'BATCH_EXPIRED') setExpired(e.message);
      else showError(err);
    }
  }, [checkpointId, personId, lines, time, note, post, showError, toIso, storeId, t]);

  const sameAsLast = async () => {
    if (!checkpointId) return setProblem(t('form.pickCheckpointFirst'));
    try {
      const last = await call('docs.list', { type: 'issue', checkpointId, state: 'posted', limit: 1 });
      if (!last.rows.length) return setProblem(t('form.noLastSlip'));
      const doc = await call('docs.get', { id: last.rows[0].id });
      const byItem = new Map<number, number>();
      for (const l of doc.lines) byItem.set(l.itemId, (byItem.get(l.itemId) ?? 0) + l.quantity);
      const copied = await Promise.all([...byItem].map(async ([itemId, q]) => newLine({ item: await call('items.get', { id: itemId }), qty: String(q) })));
      // Lines already typed are not replaced silently: replace them, or add the copied ones after them.
      const typed = lines.filter((l) => l.item || l.qty.trim());
      if (typed.length && copied.length) {
        const choice = await new Promise<'replace' | 'append' | null>((resolve) => {
          const m = modal.confirm({
            title: t('issue.sameAsLastTitle', { number: doc.number }),
            content: t('issue.sameAsLastAsk', { typed: typed.length, copied: copied.length }),
            okText: t('issue.sameAsLastReplace'), cancelText: t('common.cancel'),
            onOk: () => resolve('replace'), onCancel: () => resolve(null),
            footer: (_, { OkBtn, CancelBtn }) => (
              <Space><CancelBtn /><Button data-testid="same-append" onClick={() => { resolve('append'); m.destroy(); }}>{t('issue.sameAsLastAppend')}</Button><OkBtn /></Space>
            ),
          });
        });
        if (!choice) return;
        if (choice === 'append') copied.unshift(...typed);
      }
      setLines(copied.length ? copied : [newLine()]);
      if (!personId && doc.personId) setPersonId(doc.personId);
      setProblem(null);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); } }}>
      <Typography.Paragraph type="secondary">{t('issue.hint')}</Typography.Paragraph>
      <DraftNotice draft={draft} onClear={clearAll} />
      <PostedNotice posted={posted} onClose={() => setPosted(null)} title={posted ? t('issue.posted', { number: posted.number }) : undefined}
        printLabel={`${t('issue.print')}(P)`} printTestId="slip-print" />
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <StoreField value={storeId} onChange={setStoreId} />
        <Form.Item label={t('common.checkpoint')} required>
          <div style={{ width: 260 }}>
            <CheckpointPicker ref={checkpointRef} autoFocus value={checkpointId} data-testid="slip-checkpoint"
              onChange={(v) => { setCheckpointId(v); setPersonId(undefined); setTimeout(() => personRef.current?.focus()); }} />
          </div>
        </Form.Item>
        <Form.Item label={t('common.person')} required>
          <Space.Compact>
            <div style={{ width: 220 }}>
              <PersonPicker ref={personRef} checkpointId={checkpointId} value={personId} data-testid="slip-person" onCreate={(name) => setPersonRequest({ name })}
                onChange={(v) => { setPersonId(v); setFocusKey(lines[0].key); }} />
            </div>
            <NewPersonButton checkpointId={checkpointId} request={personRequest} onCreated={(id) => { setPersonId(id); setFocusKey(lines[0].key); }} />
          </Space.Compact>
        </Form.Item>
        <Form.Item label={t('common.time')}><TimeField value={time} onChange={setTime} /></Form.Item>
        <Form.Item label={t('common.note')}><Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{ width: 200 }} /></Form.Item>
      </Form>
      <DocLines lines={lines} onChange={setLines} storeId={storeId} onSubmit={() => void submit()} focusKey={focusKey} />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      {expired && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title={expired} description={
          <Space wrap>
            <Input autoFocus value={override} maxLength={200} placeholder={t('issue.expiredReason')} style={{ width: 320 }} data-testid="expired-reason"
              onChange={(e) => setOverride(e.target.value)} onPressEnter={() => override.trim() && void submit(override.trim())} />
            <Button danger disabled={!override.trim()} loading={post.busy} onClick={() => void submit(override.trim())} data-testid="expired-post">{t('issue.expiredPost')}</Button>
            <Typography.Text type="secondary">{t('issue.expiredHint')}</Typography.Text>
          </Space>
        } />
      )}
      <Space style={{ marginTop: 16 }}>
        <Button onClick={sameAsLast}>{t('issue.sameAsLast')}</Button>
        <Button type="primary" loading={post.busy} onClick={() => void submit()} data-testid="slip-post">{t('common.post')}(Ctrl+Enter)</Button>
      </Space>
    </div>
  );
}
