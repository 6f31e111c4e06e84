import { Alert, Button, Form, Input, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { apiLines, DocLines, lineProblem, newLine, type Line } from '../../shared/DocLines';
import { useShowError } from '../../shared/errors';
import { SourcePicker } from '../../shared/pickers';
import { TimeField, useTimeToIso } from '../../shared/TimeField';

/** 入库: allocations, purchases and donations, with batches, expiry and prices. */
export function ReceiptPage() {
  const { t } = useI18n();
  const [sourceId, setSourceId] = useState<number>();
  const [time, setTime] = useState<Dayjs | null>(null);
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<Line[]>([newLine()]);
  const [problem, setProblem] = useState<string | null>(null);
  const [posted, setPosted] = useState<string | null>(null);
  const post = useMutation('docs.post');
  const showError = useShowError();
  const toIso = useTimeToIso();

  const submit = async () => {
    const p = !sourceId ? '请选择物资来源' : lineProblem(lines, true);
    setProblem(p);
    if (p) return;
    try {
      const at = toIso(time);
      const doc = await post.run({ type: 'receipt', sourceId: sourceId!, lines: apiLines(lines, true), ...(at ? { time: at } : {}), ...(note ? { note } : {}) });
      setPosted(doc.number);
      setLines([newLine()]);
      setNote('');
      setTime(null);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <div>
      {posted && <Alert type="success" showIcon closable onClose={() => setPosted(null)} style={{ marginBottom: 12 }} title={t('common.savedAs', { number: posted })} data-testid="receipt-posted" />}
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('receipt.source')} required>
          <div style={{ width: 280 }}><SourcePicker autoFocus value={sourceId} onChange={setSourceId} data-testid="receipt-source" /></div>
        </Form.Item>
        <Form.Item label={t('common.time')}><TimeField value={time} onChange={setTime} /></Form.Item>
        <Form.Item label={t('common.note')}><Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{ width: 220 }} /></Form.Item>
      </Form>
      <DocLines lines={lines} onChange={setLines} incoming onSubmit={submit} />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" loading={post.busy} onClick={submit} data-testid="receipt-post">{t('common.post')}</Button>
      </Space>
    </div>
  );
}
