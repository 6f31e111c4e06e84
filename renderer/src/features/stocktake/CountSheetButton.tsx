import { PrinterOutlined } from '@ant-design/icons';
import { Button, Modal, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useBusy } from '../../shared/errors';
import { previewSheet, printSheet, type Sheet } from '../ledger/print-sheet';

/**
 * 打印盘点表: the blank count sheet to take to the shelves, with or without the book quantities
 * (盲盘), for all goods or one category (of the store the stocktake is for, when given); previewed as it will print.
 */
export function CountSheetButton({ storeId }: { storeId?: number }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [blind, setBlind] = useState(false);
  const [categoryId, setCategoryId] = useState<number | undefined>(undefined);
  const [html, setHtml] = useState('');
  const categories = useApi('categories.list', undefined, open);
  const { busy, run } = useBusy();
  const sheet: Sheet = { kind: 'count-sheet', input: { ...(blind ? { blind: true } : {}), ...(categoryId ? { categoryId } : {}), ...(storeId ? { storeId } : {}) } };
  const key = JSON.stringify(sheet);
  useEffect(() => {
    if (!open) return;
    let current = true;
    void run('preview', async () => {
      const page = await previewSheet(sheet);
      if (current) setHtml(page);
    });
    return () => void (current = false);
    // The sheet is rebuilt from its key: the options it was made with.
  }, [open, key]);
  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => setOpen(true)} data-testid="count-sheet-open">{t('card.countSheet')}</Button>
      <Modal open={open} onCancel={() => setOpen(false)} width={960} title={t('card.countTitle')} destroyOnHidden
        footer={
          <Space>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button type="primary" icon={<PrinterOutlined />} loading={busy === 'print'} data-testid="count-sheet-print"
              onClick={() => void run('print', () => printSheet(sheet))}>{t('card.countSheet')}</Button>
          </Space>
        }>
        <Typography.Paragraph type="secondary">{t('card.countHint')}</Typography.Paragraph>
        <Space style={{ marginBottom: 12 }} wrap>
          <Radio.Group value={blind} onChange={(e) => setBlind(e.target.value as boolean)} data-testid="count-sheet-mode"
            options={[{ value: false, label: t('card.withBook') }, { value: true, label: t('card.blind') }]} />
          <Select allowClear style={{ width: 200 }} placeholder={t('card.allCategories')} value={categoryId} onChange={setCategoryId}
            options={(categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))} />
        </Space>
        <iframe title={t('card.preview')} srcDoc={html} sandbox="" data-testid="count-sheet-preview"
          style={{ width: '100%', height: 480, border: '1px solid #d9d9d9', background: '#888' }} />
      </Modal>
    </>
  );
}
