import { Button, Modal, Segmented, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { translate } from '../../i18n/translate';
import { useShowError } from '../../shared/errors';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';

/** The slip papers, in the order they are offered; each named by `paper.<value>`. */
export const PAPERS = ['a5', 'a4', '241x93', '241x140'] as const;
type Paper = (typeof PAPERS)[number];

/**
 * Prints one slip, or all slips of a day (optionally of one checkpoint): in the desktop app through
 * the shell, in browser mode as a page at a stable address that prints itself.
 */
export async function printNow(what: { documentId: number } | { date: string; checkpointId?: number }, paper?: Paper, copies?: number): Promise<void> {
  if (window.ledger) {
    const r = (await window.ledger.call('shell.printSlip', { ...what, paper, copies })) as { ok: boolean; error?: { message: string } };
    if (!r.ok) throw new Error(r.error?.message ?? translate('shell.printFailed'));
    return;
  }
  // This 打印 is the clerk's confirmation: the print is recorded by a POST, and the page it opens
  // only shows that print and prints itself (a GET never records).
  // The window opens at the click (a popup blocker allows that), and gets its address once recorded.
  const win = window.open('', '_blank');
  if (win) win.opener = null;
  const go = (url: string) => (win ? (win.location.href = url) : window.open(url, '_blank', 'noopener'));
  const q = new URLSearchParams();
  if (paper) q.set('paper', paper);
  if (copies) q.set('copies', String(copies));
  try {
    if ('date' in what) {
      await call('print.slips', { ...what, paper, copies });
      q.set('date', what.date);
      if (what.checkpointId) q.set('checkpointId', String(what.checkpointId));
      q.set('printed', '1');
      go(new URL(`./print/slips?${q}`, location.href).href);
    } else {
      const { printNo } = await call('print.slip', { documentId: what.documentId, paper, copies });
      q.set('printNo', String(printNo));
      go(new URL(`./print/slip/${what.documentId}?${q}`, location.href).href);
    }
  } catch (err) {
    win?.close();
    throw err;
  }
}

/**
 * 打印预览: the slip exactly as the next print will look (补打 once one is recorded), on the chosen paper.
 * Opening and closing the dialog records nothing; its 打印 button does.
 */
export function PrintDialog({ documentId, onClose }: { documentId?: number; onClose(): void }) {
  const { t } = useI18n();
  const office = useOffice();
  const [paper, setPaper] = useState<Paper | undefined>(undefined);
  const [copies, setCopies] = useState<number | undefined>(undefined);
  const chosenPaper = paper ?? office?.slipPaper ?? 'a5';
  const chosenCopies = copies ?? office?.slipCopies ?? 1;
  const preview = useApi('print.slip', { documentId: documentId ?? 1, paper: chosenPaper, copies: chosenCopies, preview: true, view: 'next' }, !!documentId);
  const history = useApi('print.history', { documentId: documentId ?? 1 }, !!documentId);
  const showError = useShowError();
  const print = () => documentId && printNow({ documentId }, chosenPaper, chosenCopies).then(() => { history.reload(); preview.reload(); }).catch(showError);
  // Enter prints, as the 打印 button (the copies list handles its own Enter while open).
  useEffect(() => {
    if (!documentId) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      const el = e.target as HTMLElement | null;
      if (el?.closest('.ant-select') || el?.tagName === 'BUTTON') return;
      e.preventDefault();
      void print();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  return (
    <Modal open={!!documentId} onCancel={onClose} width={1000} title={t('print.title')} destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {/* The cursor starts here (not on the dialog's ×): Enter prints, Tab reaches the paper and copies. */}
          <Button type="primary" autoFocus data-testid="print-now" onClick={() => void print()}>
            {t('print.print')}(Enter)
          </Button>
        </Space>
      }>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<Paper> value={chosenPaper} onChange={setPaper} options={PAPERS.map((p) => ({ value: p, label: t(`paper.${p}`) }))} />
        <Select value={chosenCopies} onChange={setCopies} style={{ width: 150 }}
          options={[1, 2, 3].map((n) => ({ value: n, label: n === 1 ? t('print.carbon') : t('print.copies', { n }) }))} />
      </Space>
      <iframe title="preview" srcDoc={preview.data?.html ?? ''} style={{ width: '100%', height: 480, border: '1px solid #d9d9d9', background: '#888' }} sandbox="" data-testid="print-preview" />
      {(history.data?.length ?? 0) > 0 && (
        <>
          <Typography.Text type="secondary">{t('print.history')}</Typography.Text>
          <Table size="small" pagination={false} rowKey="printNo" dataSource={history.data}
            columns={[
              { title: '#', dataIndex: 'printNo', width: 50 },
              { title: t('common.time'), dataIndex: 'printedAt', render: (v: string) => officeTime(v, office?.timeZone) },
              { title: t('common.operator'), dataIndex: 'userName' },
              { title: t('print.paper'), dataIndex: 'paper' },
              { title: t('print.copiesCol'), dataIndex: 'copies' },
            ]} />
        </>
      )}
    </Modal>
  );
}
