import { EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Modal, Segmented, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { useBusy } from '../../shared/errors';
import { previewSheet, printSheet, type Sheet } from '../ledger/print-sheet';
import type { Round } from './round-choice';

type Kind = 'delivery' | 'labels';

/** 打印配送单 / 打印标签 for the buildings' volunteers, and a preview of either as it will print. */
export function DeliveryPrint({ round }: { round: Round }) {
  const { t } = useI18n();
  const { busy, run } = useBusy();
  const [previewing, setPreviewing] = useState<Kind | null>(null);
  const [html, setHtml] = useState('');
  const sheet = (kind: Kind): Sheet => ({ kind, input: { roundId: round.id } });
  useEffect(() => {
    if (!previewing) return;
    let current = true;
    setHtml('');
    void run('preview', async () => {
      const page = await previewSheet(sheet(previewing));
      if (current) setHtml(page);
    });
    return () => void (current = false);
    // The page is rebuilt for the kind shown and the round.
  }, [previewing, round.id]);
  const print = (kind: Kind) => run(kind, () => printSheet(sheet(kind)));
  const label = (kind: Kind) => (kind === 'delivery' ? t('settle.printDelivery') : t('settle.printLabels'));
  return (
    <>
      <Space wrap>
        <Button icon={<PrinterOutlined />} loading={busy === 'delivery'} onClick={() => void print('delivery')} data-testid="print-delivery">{label('delivery')}</Button>
        <Button icon={<PrinterOutlined />} loading={busy === 'labels'} onClick={() => void print('labels')} data-testid="print-labels">{label('labels')}</Button>
        <Button icon={<EyeOutlined />} onClick={() => setPreviewing('delivery')} data-testid="print-preview">{t('settle.previewOpen')}</Button>
      </Space>
      <Modal open={!!previewing} onCancel={() => setPreviewing(null)} width={980} title={t('settle.previewTitle', { number: round.number })} destroyOnHidden
        footer={
          <Space>
            <Button onClick={() => setPreviewing(null)}>{t('common.cancel')}</Button>
            {previewing && (
              <Button type="primary" icon={<PrinterOutlined />} loading={busy === previewing} onClick={() => void print(previewing)} data-testid="print-preview-print">{label(previewing)}</Button>
            )}
          </Space>
        }>
        <Segmented<Kind> value={previewing ?? 'delivery'} onChange={setPreviewing} style={{ marginBottom: 12 }} data-testid="print-preview-kind"
          options={[{ value: 'delivery', label: t('settle.previewDelivery') }, { value: 'labels', label: t('settle.previewLabels') }]} />
        <iframe title={t('card.preview')} srcDoc={html} sandbox="" data-testid="print-preview-frame"
          style={{ width: '100%', height: 520, border: '1px solid #d9d9d9', background: '#888' }} />
      </Modal>
    </>
  );
}
