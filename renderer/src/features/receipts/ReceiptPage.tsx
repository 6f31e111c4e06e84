import { Alert, App, Button, Form, Input, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { officeDate } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { PostedNotice, type PostedDoc } from '../../shared/PostedNotice';
import { expiryWarnings } from './expiry';
import { DraftNotice, linesEmpty, rekey, useDraft } from '../../shared/draft';
import { StoreField, useDocStore } from '../../shared/stores';
import dayjs from 'dayjs';
import { useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { apiLines, DocLines, lineProblem, newLine, type Line } from '../../shared/DocLines';
import { useShowError } from '../../shared/errors';
import { SourcePicker } from '../../shared/pickers';
import { TimeField, useTimeToIso } from '../../shared/TimeField';
import { AllocationHistory } from './AllocationHistory';
import { AllocationReceive } from './AllocationReceive';
import { DonorFields, donorProblem, useSourceType, type Donor } from '../donations/DonorFields';

/** 入库: allocations, purchases and donations, with batches, expiry and prices. */
export function ReceiptPage() {
  const { t } = useI18n();
  const [sourceId, setSourceId] = useState<number>();
  const { storeId, chosenStore, setStoreId } = useDocStore();
  const [time, setTime] = useState<Dayjs | null>(null);
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<Line[]>([newLine()]);
  const [problem, setProblem] = useState<string | null>(null);
  const [posted, setPosted] = useState<PostedDoc | null>(null);
  const [firstLine, setFirstLine] = useState<number>();
  const [donor, setDonor] = useState<Donor>({ donor: '', anonymous: false, contact: '', receiptNo: '' });
  const donated = useSourceType(sourceId) === 'donation';
  const office = useOffice();
  const { can } = useSession();
  const { modal } = App.useApp();
  const post = useMutation('docs.post');
  const showError = useShowError();
  const toIso = useTimeToIso();
  const draft = useDraft('receipt', { store: chosenStore, sourceId, note, lines, time: time?.isValid() ? time.toISOString() : null },
    (d) => !d.sourceId && !d.note && linesEmpty(d.lines),
    (d) => { setStoreId(d.store); setSourceId(d.sourceId); setNote(d.note ?? ''); setLines(rekey(d.lines)); setTime(d.time ? dayjs(d.time) : null); });

  const submit = async () => {
    const p = !sourceId ? t('form.pickSource') : time && !time.isValid() ? t('form.timeFormat') : (donated && donorProblem(donor, t)) || lineProblem(lines, true, t);
    setProblem(p);
    if (p) return;
    const tz = office?.timeZone ?? 'Asia/Shanghai';
    const warnings = expiryWarnings(lines, officeDate(time ? new Date(toIso(time)!) : new Date(), tz), office?.nearExpiryDays ?? 30, t);
    if (warnings.length) {
      const go = await modal.confirm({
        title: t('receipt.expiryTitle'), okText: t('receipt.expiryOk'), okButtonProps: { danger: true }, width: 560,
        content: <ul style={{ paddingLeft: 18, margin: 0 }} data-testid="expiry-warnings">{warnings.map((w) => <li key={w}>{w}</li>)}</ul>,
      });
      if (!go) return;
    }
    try {
      const at = toIso(time);
      const doc = await post.run({ type: 'receipt', sourceId: sourceId!, lines: apiLines(lines, true), ...(storeId ? { storeId } : {}), ...(at ? { time: at } : {}), ...(note ? { note } : {}), ...(donated ? { donation: donor } : {}) });
      setPosted({ id: doc.id, number: doc.number });
      setLines([newLine()]);
      setNote('');
      setDonor({ donor: '', anonymous: false, contact: '', receiptNo: '' });
      setTime(null);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); } }}>
      <DraftNotice draft={draft} onClear={() => { setSourceId(undefined); setNote(''); setLines([newLine()]); setTime(null); setProblem(null); }} />
      <PostedNotice posted={posted} onClose={() => setPosted(null)} printable={false} />
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <StoreField value={storeId} onChange={setStoreId} />
        <Form.Item label={t('receipt.source')} required>
          <div style={{ width: 280 }}><SourcePicker autoFocus value={sourceId} onChange={(v) => { setSourceId(v); if (v) setFirstLine(lines[0].key); }} data-testid="receipt-source" /></div>
        </Form.Item>
        <Form.Item label={t('common.time')}><TimeField value={time} onChange={setTime} /></Form.Item>
        <Form.Item label={t('common.note')}><Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{ width: 220 }} /></Form.Item>
      </Form>
      {donated && <DonorFields value={donor} onChange={setDonor} />}
      <DocLines lines={lines} onChange={setLines} incoming onSubmit={submit} focusKey={firstLine} />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" loading={post.busy} onClick={submit} data-testid="receipt-post">{t('common.post')}(Ctrl+Enter)</Button>
        {can('allocations.preview') && <AllocationReceive />}
      </Space>
      {can('allocations.received') && <AllocationHistory />}
    </div>
  );
}
