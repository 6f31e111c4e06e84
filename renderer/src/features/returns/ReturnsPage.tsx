import { Alert, Button, Card, Form, Segmented, Space, Table } from 'antd';
import { useState } from 'react';
import { useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { apiLines, DocLines, lineProblem, newLine, type Line } from '../../shared/DocLines';
import { useShowError } from '../../shared/errors';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { CheckpointPicker, PersonPicker } from '../../shared/pickers';

type Kind = 'return' | 'loan' | 'loan_return';

/** 退库/归还: unused goods back from a checkpoint; loans of durable goods and their return. */
export function ReturnsPage() {
  const { t } = useI18n();
  const office = useOffice();
  const [kind, setKind] = useState<Kind>('return');
  const [checkpointId, setCheckpointId] = useState<number>();
  const [personId, setPersonId] = useState<number>();
  const [lines, setLines] = useState<Line[]>([newLine()]);
  const [problem, setProblem] = useState<string | null>(null);
  const [posted, setPosted] = useState<string | null>(null);
  const outstanding = useApi('loans.outstanding');
  const post = useMutation('docs.post');
  const showError = useShowError();

  const submit = async () => {
    const p = !checkpointId ? '请选择点位' : kind === 'loan' && !personId ? '请选择领取人' : lineProblem(lines, false);
    setProblem(p);
    if (p) return;
    try {
      const doc = await post.run({ type: kind, checkpointId: checkpointId!, ...(personId ? { personId } : {}), lines: apiLines(lines, false) });
      setPosted(doc.number);
      setLines([newLine()]);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Segmented<Kind> value={kind} onChange={(k) => { setKind(k); setLines([newLine()]); setProblem(null); }}
        options={[{ value: 'return', label: t('returns.return') }, { value: 'loan', label: t('returns.loan') }, { value: 'loan_return', label: t('returns.loanReturn') }]} />
      {posted && <Alert type="success" showIcon closable onClose={() => setPosted(null)} title={t('common.savedAs', { number: posted })} />}
      <Form layout="inline">
        <Form.Item label={t('common.checkpoint')} required><div style={{ width: 260 }}><CheckpointPicker value={checkpointId} onChange={setCheckpointId} /></div></Form.Item>
        <Form.Item label={t('common.person')} required={kind === 'loan'}><div style={{ width: 220 }}><PersonPicker allowClear checkpointId={checkpointId} value={personId} onChange={setPersonId} /></div></Form.Item>
      </Form>
      <div>
        <DocLines lines={lines} onChange={setLines} durableOnly={kind !== 'return'} onSubmit={submit} />
        {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
        <Button type="primary" style={{ marginTop: 12 }} loading={post.busy} onClick={submit}>{t('common.post')}</Button>
      </div>
      <Card size="small" title={t('returns.outstanding')}>
        <Table size="small" pagination={false} loading={outstanding.loading} rowKey={(r) => `${r.checkpointId}:${r.itemId}`} dataSource={outstanding.data ?? []}
          columns={[
            { title: t('common.checkpoint'), dataIndex: 'checkpointName' },
            { title: t('common.item'), dataIndex: 'itemName' },
            { title: t('common.spec'), dataIndex: 'spec' },
            { title: t('common.quantity'), align: 'right', render: (_, r) => `${r.quantity} ${r.unit}` },
            { title: t('returns.since'), dataIndex: 'since', render: (v: string) => officeTime(v, office?.timeZone) },
          ]} />
      </Card>
    </Space>
  );
}
