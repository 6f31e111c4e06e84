import { Alert, Button, Card, Input, List, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { useShowError } from '../../shared/errors';
import { money, parseYuan, yuanText } from './money';
import type { Settlement } from './settle';

/** 对账: the supplier's bill typed in yuan, and every difference the ledger finds between it, what is due and what was paid. */
export function ReconcileCard({ s }: { s: Settlement }) {
  const { t } = useI18n();
  const showError = useShowError();
  const writes = useSession().can('rounds.reconcile');
  const reconcile = useMutation('rounds.reconcile');
  const [bill, setBill] = useState(s.supplierBill === null ? '' : yuanText(s.supplierBill));
  const fen = parseYuan(bill);
  const save = () => {
    if (fen === null) return;
    void reconcile.run({ roundId: s.roundId, supplierBill: fen }).catch(showError);
  };
  const button = (
    <Button type="primary" disabled={!writes || fen === null} loading={reconcile.busy} onClick={save} data-testid="reconcile-save">{t('settle.reconcileSave')}</Button>
  );
  return (
    <Card size="small" title={t('settle.reconcile')} style={{ marginTop: 16 }} data-testid="reconcile-card">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('settle.billYuan')}</Typography.Text>
        <Input value={bill} onChange={(e) => setBill(e.target.value)} maxLength={14} style={{ width: 160 }} placeholder="0.00" disabled={!writes}
          status={bill.trim() && fen === null ? 'error' : undefined} onPressEnter={save} data-testid="reconcile-bill" />
        {writes ? button : <Tooltip title={t('rounds.onlyCommunity')}>{button}</Tooltip>}
        {s.supplierBill !== null && <Typography.Text type="secondary" data-testid="reconcile-saved">{t('settle.billSaved', { bill: money(s.supplierBill) })}</Typography.Text>}
      </Space>
      {s.differences.length === 0
        ? <Alert type="success" showIcon title={t('settle.noDifferences')} data-testid="reconcile-none" />
        : (
          <List size="small" bordered header={<Typography.Text strong>{t('settle.differences', { n: s.differences.length })}</Typography.Text>}
            dataSource={s.differences} renderItem={(d) => <List.Item data-testid="reconcile-difference">{d}</List.Item>} data-testid="reconcile-differences" />
        )}
    </Card>
  );
}
