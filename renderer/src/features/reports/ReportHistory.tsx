import { App, Button, DatePicker, Input, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { invalidateAll, useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { downloadBase64 } from '../../shared/download';
import { useShowError } from '../../shared/errors';
import { officeInstant, officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { useSession } from '../../app/session';
import { monthDay } from './DayStatus';

type Row = ApiOutput<'reports.daily.list'>[number];

/** 报送记录: every submitted report with its files as sent; the latest can be withdrawn by a leader. */
export function ReportHistory() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const office = useOffice();
  const { can } = useSession();
  const list = useApi('reports.daily.list');
  const showError = useShowError();
  const download = (reportId: number) => call('reports.export', { reportId }).then((r) => r.files.forEach((f) => downloadBase64(f.fileName, f.data))).catch(showError);
  const withdraw = (r: Row) => {
    let reason = '';
    const day = r.day ? monthDay(r.day, t) : '';
    const lock = r.previousLock ? officeTime(r.previousLock, office?.timeZone) : '';
    const dialog = modal.confirm({
      title: t('reports.withdrawTitle'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <span data-testid="withdraw-effect">{lock ? t('reports.withdrawBack', { day, lock }) : t('reports.withdrawAll', { day })}</span>
          <Input.TextArea placeholder={t('reports.withdrawReason')} maxLength={200} data-testid="withdraw-reason"
            onChange={(e) => {
              reason = e.target.value;
              dialog.update({ okButtonProps: { danger: true, disabled: !reason.trim() } });
            }} />
        </Space>
      ),
      okText: t('reports.withdraw'),
      okButtonProps: { danger: true, disabled: true },
      cancelText: t('common.cancel'),
      onOk: () => call('reports.daily.withdraw', { id: r.id, reason })
        // Not returned: antd's message is a thenable that settles only when the toast closes.
        .then(() => void message.success(lock ? t('reports.withdrawnTo', { lock }) : t('reports.withdrawnAll')))
        .catch(showError)
        .finally(() => invalidateAll()),
    });
  };
  return (
    <Table size="small" rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={{ pageSize: 20 }} data-testid="report-history"
      columns={[
        { title: t('reports.day'), dataIndex: 'day', width: 110, render: (v: string | null) => (v ? monthDay(v, t) : '') },
        {
          title: t('reports.kind'), dataIndex: 'kindText', width: 150,
          render: (v: string, r) => (
            <Space size={4} wrap>
              <Tag color={r.kind === 'daily' ? 'default' : 'purple'}>{v}</Tag>
              {r.partial && <Tag color="orange">{t('reports.early')}</Tag>}
              {r.reason && <span>{r.reason}</span>}
            </Space>
          ),
        },
        { title: t('reports.period'), dataIndex: 'periodText' },
        {
          title: t('common.state'), dataIndex: 'state',
          render: (v: string, r) => (v === 'submitted' ? <Tag color="green">{t('reports.stateSubmitted')}</Tag> : (
            <Space direction="vertical" size={0}>
              <Tag>{t('reports.stateWithdrawn')}:{r.withdrawReason}</Tag>
              <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('reports.withdrawnBy', { who: r.withdrawer ?? '', time: officeTime(r.withdrawnAt, office?.timeZone) })}</span>
            </Space>
          )),
        },
        { title: t('reports.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => officeTime(v, office?.timeZone) },
        { title: t('common.operator'), dataIndex: 'submitter' },
        {
          title: t('common.actions'), render: (_, r, i) => (
            <Space>
              <Button size="small" onClick={() => download(r.id)} data-testid="report-download">{t('reports.download')}</Button>
              {r.state === 'submitted' && can('reports.package') && (
                <Button size="small" onClick={() => call('reports.package', { reportId: r.id }).then((f) => downloadBase64(f.fileName, f.data)).catch(showError)} data-testid="report-package">
                  {t('district.package')}
                </Button>
              )}
              {r.state === 'submitted' && can('reports.daily.withdraw') && i === (list.data ?? []).findIndex((x) => x.state === 'submitted') && (
                <Button size="small" danger onClick={() => withdraw(r)} data-testid="report-withdraw">{t('reports.withdraw')}</Button>
              )}
            </Space>
          ),
        },
      ]} />
  );
}

/** 任意时段: a week, a month, any range, reported the same way without locking anything. */
export function RangeReport() {
  const { t } = useI18n();
  const office = useOffice();
  const tz = office?.timeZone ?? 'Asia/Shanghai';
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const showError = useShowError();
  const from = range?.[0] ? officeInstant(range[0].format('YYYY-MM-DD'), '00:00', tz) : undefined;
  const to = range?.[1] ? officeInstant(range[1].add(1, 'day').format('YYYY-MM-DD'), '00:00', tz) : undefined;
  const capped = to && office?.now && to > office.now ? office.now : to;
  return (
    <Space>
      <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
      <Button type="primary" disabled={!from || !capped} data-testid="report-range-export"
        onClick={() => call('reports.export', { from: from!, to: capped! }).then((r) => r.files.forEach((f) => downloadBase64(f.fileName, f.data))).catch(showError)}>
        {t('reports.exportRange')}
      </Button>
    </Space>
  );
}
