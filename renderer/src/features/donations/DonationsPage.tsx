import { PrinterOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { downloadBase64 } from '../../shared/download';
import { useShowError } from '../../shared/errors';
import { DisclosureTable } from './DisclosureTable';
import { printHtml } from '../../shared/print-frame';

/** 捐赠公示: the public table of donations received in a period (exported, printed for the notice board) and the office's register of them. */
export function DonationsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const showError = useShowError();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [busy, setBusy] = useState<'export' | 'print' | null>(null);
  const input = { ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}), ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}) };
  const table = useApi('donations.disclosure', input);
  const register = useApi('donations.list', input, can('donations.list'));

  const run = async (what: 'export' | 'print') => {
    setBusy(what);
    try {
      if (what === 'export') {
        const file = await call('donations.export', input);
        downloadBase64(file.fileName, file.data);
      } else {
        await printHtml((await call('print.donations', input)).html);
      }
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('donations.period')}</span>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} data-testid="donations-range" />
        {can('donations.export') && <Button icon={<FileExcelOutlined />} loading={busy === 'export'} onClick={() => void run('export')} data-testid="donations-export">{t('donations.export')}</Button>}
        {can('print.donations') && <Button icon={<PrinterOutlined />} loading={busy === 'print'} onClick={() => void run('print')} data-testid="donations-print">{t('donations.print')}</Button>}
        {table.data && <Typography.Text type="secondary">{t('donations.asOf', { time: table.data.asOf })}</Typography.Text>}
      </Space>
      <Tabs
        items={[
          { key: 'table', label: t('donations.tabTable'), children: <DisclosureTable donations={table.data?.donations ?? []} loading={table.loading} /> },
          ...(can('donations.list') ? [{
            key: 'register', label: t('donations.tabRegister'), children: (
              <Table
                data-testid="donations-register" size="small" rowKey="documentId" loading={register.loading} dataSource={register.data ?? []} pagination={{ pageSize: 50 }}
                columns={[
                  { title: t('donations.received'), dataIndex: 'time', width: 140 },
                  { title: t('donations.document'), dataIndex: 'number', width: 150, render: (n: string, r) => <>{n}{r.voided && <Tag color="red" style={{ marginLeft: 6 }}>{t('donations.voided')}</Tag>}</> },
                  { title: t('donations.donor'), dataIndex: 'donor', render: (d: string, r) => <>{d}{r.anonymous && <Tag style={{ marginLeft: 6 }}>{t('donations.anonymousTag')}</Tag>}</> },
                  { title: t('donations.contact'), dataIndex: 'contact', width: 150 },
                  { title: t('donations.receiptNo'), dataIndex: 'receiptNo', width: 130 },
                  { title: t('donations.goods'), dataIndex: 'lines', width: 80, render: (n: number) => t('donations.lines', { n }) },
                ]}
              />
            ),
          }] : []),
        ]}
      />
    </div>
  );
}
