import { Alert, Button, Card, DatePicker, Form, Segmented, Space, Table, type RefSelectProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useRef, useState } from 'react';
import { call } from '../../api/client';
import { toApiError, useApi, useMutation } from '../../api/hooks';
import { useRoute } from '../../app/router';
import { useI18n } from '../../i18n';
import { apiLines, DocLines, lineProblem, newLine, type Line } from '../../shared/DocLines';
import { useShowError } from '../../shared/errors';
import { CheckpointPicker, PersonPicker } from '../../shared/pickers';
import { PostedNotice, type PostedDoc } from '../../shared/PostedNotice';
import { TimeField, useTimeToIso } from '../../shared/TimeField';
import { OpenLoans } from './OpenLoans';
import { DraftNotice, linesEmpty, rekey, useDraft } from '../../shared/draft';
import { StoreField, useDocStore } from '../../shared/stores';

type Kind = 'return' | 'loan' | 'loan_return';

/** 退库/归还: unused goods back from a checkpoint; loans of durable goods and their return. */
export function ReturnsPage() {
  const { t } = useI18n();
  const { params } = useRoute();
  const [kind, setKind] = useState<Kind>(() => { const k = params.get('kind'); return k === 'loan' || k === 'loan_return' ? k : 'return'; });
  const [checkpointId, setCheckpointId] = useState<number>();
  // Goods come back to the store they were issued from (several stores only).
  const { storeId, chosenStore, setStoreId } = useDocStore();
  const [personId, setPersonId] = useState<number>();
  const [time, setTime] = useState<Dayjs | null>(null);
  const [due, setDue] = useState<Dayjs | null>(null);
  const [lines, setLines] = useState<Line[]>([newLine()]);
  const [focusKey, setFocusKey] = useState<number>();
  const [problem, setProblem] = useState<string | null>(null);
  const [posted, setPosted] = useState<PostedDoc | null>(null);
  const personRef = useRef<RefSelectProps>(null);
  const loans = useApi('loans.open');
  const holdings = useApi('holdings.list', { checkpointId: checkpointId ?? 0, ...(storeId ? { storeId } : {}) }, !!checkpointId);
  const post = useMutation('docs.post');
  const showError = useShowError();
  const toIso = useTimeToIso();
  const draft = useDraft('returns', { store: chosenStore, kind, checkpointId, personId, lines, due: due?.format('YYYY-MM-DD') ?? null },
    (d) => !d.checkpointId && !d.personId && linesEmpty(d.lines),
    (d) => { if (!params.get('kind')) setKind(d.kind); setStoreId(d.store); setCheckpointId(d.checkpointId); setPersonId(d.personId); setLines(rekey(d.lines)); setDue(d.due ? dayjs(d.due) : null); });
  const back = kind !== 'loan';
  const held = useMemo(() => (back && checkpointId ? new Map((holdings.data ?? []).map((h) => [h.itemId, kind === 'return' ? h.issued : h.onLoan])) : null), [back, checkpointId, holdings.data, kind]);
  const holdRows = (holdings.data ?? []).filter((h) => (kind === 'return' ? h.issued : h.onLoan) > 0);

  const submit = useCallback(async () => {
    const p = !checkpointId ? t('form.pickPlace') : kind === 'loan' && !personId ? t('form.pickBorrower') : time && !time.isValid() ? t('form.timeFormat') : lineProblem(lines, false, t);
    setProblem(p);
    if (p) return;
    try {
      const at = toIso(time);
      const doc = await post.run({
        type: kind, checkpointId: checkpointId!, ...(personId ? { personId } : {}), ...(storeId ? { storeId } : {}), lines: apiLines(lines, false),
        ...(at ? { time: at } : {}), ...(kind === 'loan' && due ? { expectedReturn: due.format('YYYY-MM-DD') } : {}),
      });
      setPosted({ id: doc.id, number: doc.number });
      setLines([newLine()]);
      setDue(null);
      loans.reload();
      holdings.reload();
    } catch (err) {
      // Over-returns name what the checkpoint holds: kept on screen, not a passing toast.
      const e = toApiError(err);
      if (e.code === 'RETURN_EXCEEDS_ISSUED' || e.code === 'LOAN_RETURN_EXCEEDS' || e.code === 'INSUFFICIENT_STOCK') setProblem(e.message);
      else showError(err);
    }
  }, [checkpointId, personId, kind, lines, time, due, post, toIso, showError, loans, holdings, storeId, t]);

  /** To the first line's item, also when the focus key is already that line's (a second pick of the same person). */
  const toLines = () => { setFocusKey(undefined); setTimeout(() => setFocusKey(lines[0].key)); };

  /** 全部填入: one line per item the checkpoint holds, at what it holds. */
  const takeAll = async () => {
    try {
      const filled = await Promise.all(holdRows.map(async (h) => newLine({ item: await call('items.get', { id: h.itemId }), qty: String(kind === 'return' ? h.issued : h.onLoan) })));
      setLines(filled.length ? filled : [newLine()]);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large" onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); } }}>
      <Segmented<Kind> value={kind} data-testid="returns-kind" onChange={(k) => { setKind(k); setLines([newLine()]); setProblem(null); }}
        options={[{ value: 'return', label: t('returns.return') }, { value: 'loan', label: t('returns.loan') }, { value: 'loan_return', label: t('returns.loanReturn') }]} />
      <div>
        <DraftNotice draft={draft} onClear={() => { setCheckpointId(undefined); setPersonId(undefined); setLines([newLine()]); setDue(null); setProblem(null); }} />
        <PostedNotice posted={posted} onClose={() => setPosted(null)} />
        <Form layout="inline" style={{ rowGap: 8 }}>
          <StoreField value={storeId} onChange={setStoreId} />
          <Form.Item label={t('common.checkpoint')} required>
            <div style={{ width: 260 }}>
              {/* The cursor moves on at every pick, also of the checkpoint (or person) a restored draft already holds. */}
              <CheckpointPicker autoFocus value={checkpointId} data-testid="returns-checkpoint"
                onChange={(v) => { setCheckpointId(v); setPersonId(undefined); }} onSelect={() => setTimeout(() => personRef.current?.focus())} />
            </div>
          </Form.Item>
          <Form.Item label={kind === 'loan' ? t('returns.borrower') : t('common.person')} required={kind === 'loan'}>
            {/* Enter on the closed box goes on to the lines when a person is chosen or none is needed (归还, 退库). */}
            <div style={{ width: 220 }} onKeyDownCapture={(e) => {
              if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || (e.target as HTMLElement).getAttribute('aria-expanded') === 'true' || (kind === 'loan' && !personId)) return;
              e.preventDefault();
              e.stopPropagation();
              toLines();
            }}>
              <PersonPicker ref={personRef} allowClear checkpointId={checkpointId} value={personId} data-testid="returns-person"
                onChange={setPersonId} onSelect={toLines} />
            </div>
          </Form.Item>
          {kind === 'loan' && (
            <Form.Item label={t('returns.expectedReturn')}>
              <DatePicker value={due} onChange={setDue} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="loan-due" />
            </Form.Item>
          )}
          <Form.Item label={t('common.time')}><TimeField value={time} onChange={setTime} /></Form.Item>
        </Form>
      </div>
      {back && checkpointId && (
        <Card size="small" title={`${t('returns.holds')}(${kind === 'return' ? t('returns.issued') : t('returns.onLoan')})`}
          extra={holdRows.length > 0 && <Button size="small" onClick={() => void takeAll()} data-testid="returns-take-all">{t('returns.takeAll')}</Button>}>
          <Table size="small" pagination={false} loading={holdings.loading} rowKey="itemId" dataSource={holdRows} data-testid="checkpoint-holdings"
            locale={{ emptyText: t('returns.noHoldings') }}
            columns={[
              { title: t('common.code'), dataIndex: 'code', width: 90 },
              { title: t('common.item'), render: (_, h) => `${h.name}${h.spec ? ` ${h.spec}` : ''}` },
              { title: t('lines.returnable'), align: 'right', render: (_, h) => `${kind === 'return' ? h.issued : h.onLoan} ${h.unit}` },
            ]} />
        </Card>
      )}
      <div>
        <DocLines lines={lines} onChange={setLines} durableOnly={kind !== 'return'} held={held} onSubmit={() => void submit()} focusKey={focusKey} />
        {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} data-testid="returns-problem" />}
        <Button type="primary" style={{ marginTop: 12 }} loading={post.busy} onClick={() => void submit()} data-testid="returns-post">{t('common.post')}(Ctrl+Enter)</Button>
      </div>
      <OpenLoans loans={loans.data} loading={loans.loading} />
    </Space>
  );
}
