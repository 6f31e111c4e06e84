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
interface Entry { itemId: number | null; received: number | null; reason: string }

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
      setEntries(Object.fromEntries(p.lines.map((l) => [l.line, { itemId: l.itemId, received: l.quantity, reason: '' }])));
    } catch (err) {
      showError(err);
    }
  };
  const set = (line: number, patch: Partial<Entry>) => setEntries((e) => ({ ...e, [line]: { ...e[line], ...patch } }));
  const close = () => { setPreview(null); setFile(null); };
  const post = async () => {
    if (!preview || !file) return;
    const missing = preview.lines.find((l) => !entries[l.line].itemId || entries[l.line].received === null || (entries[l.line].received !== l.quantity && !entries[l.line].reason.trim()));
    if (missing) {
      const e = entries[missing.line];
      setProblem(`${missing.line}. ${missing.item.name}:${t(!e.itemId ? 'alloc.pickItem' : 'alloc.reasonNeeded')}`);
      return;
    }
    try {
      const doc = await receive.run({ ...file, lines: preview.lines.map((l) => ({ line: l.line, itemId: entries[l.line].itemId!, quantity: entries[l.line].received!, reason: entries[l.line].reason.trim() })) });
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
                {!l.itemId && <ItemPicker style={{ width: 240 }} value={entries[l.line]?.itemId ?? undefined} onChange={(v) => set(l.line, { itemId: v ?? null })} placeholder={t('alloc.pickItem')} data-testid="alloc-item" />}
              </> },
              { title: t('alloc.batch'), key: 'batch', width: 170, render: (_, l) => [l.batchNo, l.expiryDate].filter(Boolean).join(' / ') },
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
