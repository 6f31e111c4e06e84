import { ImportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, InputNumber, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { downloadBase64, fileToBase64 } from '../../shared/download';
import { useShowError } from '../../shared/errors';
import { ItemPicker } from '../../shared/pickers';

type Preview = ApiOutput<'allocations.preview'>;
type Line = Preview['lines'][number];
interface Entry {
  itemId: number | null;
  /** The chosen good of ours is kept by batch, and the 调拨单 gave none: the clerk gives it here. */
  needsBatch: boolean;
  received: number | null;
  reason: string;
  batchNo: string;
  expiryDate: string;
}

/**
 * 从调拨单入库: the superior's signed 调拨单 opens as the receipt it announces (its goods matched to ours,
 * batches and expiry kept); the clerk enters what came, a difference with its reason, and posts it;
 * the 签收单 to send back is offered at once.
 */
export function AllocationReceive() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const receive = useMutation('allocations.receive');
  const [file, setFile] = useState<{ fileName: string; data: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [entries, setEntries] = useState<Record<number, Entry>>({});
  const [problem, setProblem] = useState<string | null>(null);

  const open = async (f: File) => {
    try {
      const loaded = { fileName: f.name, data: await fileToBase64(f) };
      const p = await call('allocations.preview', loaded);
      setFile(loaded);
      setPreview(p);
      setProblem(null);
      setEntries(Object.fromEntries(p.lines.map((l) => [l.line, { itemId: l.itemId, needsBatch: l.tracksBatches && !l.batchNo, received: l.quantity, reason: '', batchNo: '', expiryDate: '' }])));
    } catch (err) {
      showError(err);
    }
  };
  const set = (line: number, patch: Partial<Entry>) => {
    setProblem(null);
    setEntries((e) => ({ ...e, [line]: { ...e[line], ...patch } }));
  };
  const close = () => { setPreview(null); setFile(null); };
  const post = async () => {
    if (!preview || !file) return;
    const problemOf = (l: Line, e: Entry) => (!e.itemId ? 'alloc.pickItem' : e.received !== l.quantity && !e.reason.trim() ? 'alloc.reasonNeeded' : e.needsBatch && !!e.received && !e.batchNo.trim() ? 'alloc.batchNeeded' : null);
    const missing = preview.lines.find((l) => problemOf(l, entries[l.line]));
    if (missing) {
      setProblem(`${missing.line}. ${missing.item.name}:${t(problemOf(missing, entries[missing.line])!)}`);
      return;
    }
    try {
      const doc = await receive.run({
        ...file,
        lines: preview.lines.map((l) => {
          const e = entries[l.line];
          return { line: l.line, itemId: e.itemId!, quantity: e.received!, reason: e.reason.trim(), ...(e.needsBatch && e.batchNo.trim() ? { batchNo: e.batchNo.trim(), ...(e.expiryDate ? { expiryDate: e.expiryDate } : {}) } : {}) };
        }),
      });
      close();
      message.success(t('alloc.posted', { number: doc.number }));
      const ack = await call('allocations.ack', { documentId: doc.id });
      downloadBase64(ack.fileName, ack.data, 'application/json');
    } catch (err) {
      showError(err);
    }
  };
  return (
    <>
      <Upload accept=".slpkg" showUploadList={false} beforeUpload={(f) => { void open(f); return false; }}>
        <Button icon={<ImportOutlined />} data-testid="alloc-open">{t('alloc.fromFile')}</Button>
      </Upload>
      {preview && (
        <Modal open width={1040} title={t('alloc.title', { number: preview.number })} onCancel={close} onOk={post} okText={t('alloc.post')} cancelText={t('common.cancel')}
          confirmLoading={receive.busy} okButtonProps={{ 'data-testid': 'alloc-post' }} destroyOnHidden>
          <Typography.Paragraph type="secondary">{t('alloc.from', { name: preview.from.name, fingerprint: preview.fingerprint })}{preview.note ? ` · ${preview.note}` : ''}</Typography.Paragraph>
          <Table<Line> size="small" rowKey="line" pagination={false} dataSource={preview.lines} data-testid="alloc-lines"
            columns={[
              { title: '#', dataIndex: 'line', width: 40 },
              { title: t('common.item'), key: 'item', render: (_, l) => <>
                <div>{l.item.name}{l.item.spec ? ` ${l.item.spec}` : ''}({l.item.unit})</div>
                {!l.itemId && <ItemPicker style={{ width: 240 }} value={entries[l.line]?.itemId ?? undefined} onItem={(i) => set(l.line, { itemId: i.id, needsBatch: i.tracksBatches && !l.batchNo })} placeholder={t('alloc.pickItem')} data-testid="alloc-item" />}
              </> },
              {
                title: t('alloc.batch'), key: 'batch', width: 200,
                render: (_, l) => (entries[l.line]?.needsBatch ? (
                  <>
                    <Input size="small" value={entries[l.line].batchNo} onChange={(e) => set(l.line, { batchNo: e.target.value })} placeholder={t('alloc.batchNo')} maxLength={40} data-testid="alloc-batch" />
                    <Input size="small" value={entries[l.line].expiryDate} onChange={(e) => set(l.line, { expiryDate: e.target.value })} placeholder={t('alloc.expiry')} maxLength={10} style={{ marginTop: 4 }} data-testid="alloc-expiry" />
                  </>
                ) : [l.batchNo, l.expiryDate].filter(Boolean).join(' / ')),
              },
              { title: t('alloc.sent'), dataIndex: 'quantity', width: 90, align: 'right' },
              { title: t('alloc.received'), key: 'received', width: 120, render: (_, l) => <InputNumber min={0} value={entries[l.line]?.received} onChange={(v) => set(l.line, { received: v })} style={{ width: 100 }} data-testid="alloc-received" /> },
              { title: t('alloc.reason'), key: 'reason', width: 220, render: (_, l) => entries[l.line]?.received !== l.quantity && <Input value={entries[l.line]?.reason} onChange={(e) => set(l.line, { reason: e.target.value })} maxLength={200} status={entries[l.line]?.reason.trim() ? undefined : 'warning'} data-testid="alloc-reason" /> },
            ]} />
          {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
        </Modal>
      )}
    </>
  );
}
