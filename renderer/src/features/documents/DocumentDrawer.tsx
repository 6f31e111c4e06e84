import { AllocationPackageButton } from '../district/AllocationPackageButton';
import { Alert, Button, Descriptions, Drawer, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useState } from 'react';
import { useApi, useMutation } from '../../api/hooks';
import { navigate } from '../../app/router';
import { useI18n } from '../../i18n';
import { useStores } from '../../shared/stores';
import { useShowError } from '../../shared/errors';
import { officeTime } from '../../shared/format';
import { docTypeKey } from '../../shared/labels';
import { useOffice } from '../../shared/office';
import { TimeField, useTimeToIso } from '../../shared/TimeField';
import { PrintDialog } from '../slips/PrintDialog';

dayjs.extend(customParseFormat);
import { useSession } from '../../app/session';

const OUTGOING = new Set(['issue', 'loan', 'loss', 'transfer_out', 'move']);

/** One document with its lines; voiding asks for a reason and says what the reversal will do. */
/** The documents handed over for a signature (db/print/doc-kinds.ts). */
const PRINTABLE = new Set(['issue', 'loan', 'loan_return', 'return', 'transfer_out', 'move', 'loss', 'stocktake']);

export function DocumentDrawer({ id, onClose }: { id?: number; onClose(): void }) {
  const { t } = useI18n();
  const office = useOffice();
  const doc = useApi('docs.get', { id: id ?? 1 }, !!id);
  const voidDoc = useMutation('docs.void');
  const { can } = useSession();
  const showError = useShowError();
  const [voiding, setVoiding] = useState(false);
  const [printing, setPrinting] = useState<number>();
  const [reason, setReason] = useState('');
  // Empty: now. While the original's period is not reported yet, its own time is offered.
  const [voidAt, setVoidAt] = useState<Dayjs | null>(null);
  const toIso = useTimeToIso();
  const d = id ? doc.data : undefined;
  const stores = useStores();
  const originalOpen = !!d && (!office?.lockedUntil || d.time > office.lockedUntil);
  const effect = d ? (d.type === 'move' ? t('stores.voidEffect', { to: d.toStoreName ?? '', from: d.storeName }) : t(OUTGOING.has(d.type) ? 'documents.effectAddBack' : d.type === 'stocktake' ? 'documents.effectStocktake' : 'documents.effectReduce')) : '';

  const confirmVoid = async () => {
    if (!d || !reason.trim()) return;
    try {
      // The time field has minutes: the original's own minute means the original's own instant (it may have seconds).
      const time = voidAt && voidAt.format('YYYY-MM-DD HH:mm') === officeTime(d.time, office?.timeZone) ? d.time : toIso(voidAt);
      await voidDoc.run({ documentId: d.id, reason: reason.trim(), ...(time ? { time } : {}) });
      setVoiding(false);
      setReason('');
      setVoidAt(null);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={d ? `${t(docTypeKey(d.type))} ${d.number}` : ''}
      extra={d && (
        <Space>
          {PRINTABLE.has(d.type) && can('print.slip') && <Button onClick={() => setPrinting(d.id)} data-testid="doc-print">{t('documents.print')}</Button>}
          {d.type === 'transfer_out' && d.state === 'posted' && office?.consolidates && can('allocations.package') && <AllocationPackageButton documentId={d.id} />}
          {/* A clerk who finds a mistake sees who may void it (docs.void is the leader's and the administrator's). */}
          {d.type !== 'void' && d.state === 'posted' && (
            <Tooltip title={can('docs.void') ? '' : t('form.onlyApproveVoid')}>
              <Button danger disabled={!can('docs.void')} onClick={() => setVoiding(true)} data-testid="doc-void">{t('documents.void')}</Button>
            </Tooltip>
          )}
        </Space>
      )}>
      <PrintDialog documentId={printing} onClose={() => setPrinting(undefined)} />
      {d && (
        <>
          {d.state === 'voided' && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`${t('common.voided')}:${d.voidReason ?? ''}`}
            action={d.voidedById && <Button size="small" onClick={() => navigate('/documents', { open: d.voidedById! })}>{d.voidedByNumber}</Button>} />}
          {d.reversesId && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`${t('documents.reversal')}:${d.reversesNumber}(${d.voidReason ?? ''})`} />}
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}
            items={[
              { label: t('common.time'), children: officeTime(d.time, office?.timeZone) },
              { label: t('common.operator'), children: d.operatorName },
              // The store, where the office keeps more than one (a 移库: from → to).
              ...(stores.several || d.toStoreName ? [{ label: t('stores.store'), children: d.toStoreName ? `${d.storeName} → ${d.toStoreName}` : d.storeName }] : []),
              ...(d.sourceName ? [{ label: t('common.source'), children: d.sourceName }] : []),
              ...(d.checkpointName ? [{ label: t('common.checkpoint'), children: d.checkpointName }] : []),
              ...(d.personName ? [{ label: t('common.person'), children: `${d.personName} ${d.personPhone ?? ''}` }] : []),
              ...(d.counterparty ? [{ label: t('ledger.counterparty'), children: d.counterparty }] : []),
              ...(d.note ? [{ label: t('common.note'), children: d.note }] : []),
            ]} />
          <Table size="small" rowKey="lineNo" pagination={false} dataSource={d.lines}
            columns={[
              { title: '#', dataIndex: 'lineNo', width: 40 },
              { title: t('common.item'), dataIndex: 'itemName' },
              { title: t('common.spec'), dataIndex: 'spec' },
              { title: t('common.batch'), render: (_, l) => [l.batchNo, l.expiryDate].filter(Boolean).join(' / ') },
              ...(d.type === 'stocktake' ? [
                { title: t('stocktake.book'), dataIndex: 'bookQuantity', align: 'right' as const },
                { title: t('stocktake.counted'), dataIndex: 'countedQuantity', align: 'right' as const },
              ] : []),
              { title: t('common.quantity'), align: 'right', render: (_, l) => (l.entered ? `${l.entered} = ${l.quantity} ${l.unit}` : `${l.quantity} ${l.unit}`) },
              { title: t('common.note'), render: (_, l) => [l.note, l.reason, l.overrideReason && t('documents.overrideReason', { reason: l.overrideReason })].filter(Boolean).join(';') },
            ]} />
        </>
      )}
      <Modal open={voiding} title={d ? t('documents.voidConfirm', { number: d.number }) : ''} onCancel={() => setVoiding(false)} onOk={confirmVoid}
        okText={t('documents.void')} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: voidDoc.busy }} cancelText={t('common.cancel')}>
        <Typography.Paragraph>{t('documents.voidEffect', { effect })}</Typography.Paragraph>
        {d && <ul>{d.lines.map((l) => <li key={l.lineNo}>{l.itemName}:{OUTGOING.has(d.type) ? '+' : d.type === 'stocktake' ? '∓' : '−'}{Math.abs(l.quantity)} {l.unit}{l.batchNo && ` (${l.batchNo})`}</li>)}</ul>}
        <Space wrap style={{ marginBottom: 8 }}>
          <span>{t('documents.voidTime')}</span>
          <TimeField value={voidAt} onChange={setVoidAt} placeholder={t('documents.voidNow')} />
          {d && originalOpen && (
            <Button size="small" onClick={() => setVoidAt(dayjs(officeTime(d.time, office?.timeZone), 'YYYY-MM-DD HH:mm'))} data-testid="void-at-original">
              {t('documents.voidAtOriginal', { time: officeTime(d.time, office?.timeZone) })}
            </Button>
          )}
        </Space>
        {d && originalOpen && <Typography.Paragraph type="secondary">{t('documents.voidTimeHint')}</Typography.Paragraph>}
        <Input.TextArea autoFocus placeholder={t('documents.voidReason')} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-testid="void-reason" />
        {d?.type === 'void' && <Tag>{t('documents.reversal')}</Tag>}
      </Modal>
    </Drawer>
  );
}
