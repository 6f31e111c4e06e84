import { Alert, App, Button, DatePicker, List, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { toApiError, useApi, useMutation } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { downloadBase64 } from '../../shared/download';
import { officeDate, officeTime } from '../../shared/format';
import { useShowError } from '../../shared/errors';
import { useOffice } from '../../shared/office';

type Summary = ApiOutput<'district.summary'>;
type Row = Summary['rows'][number];
type Figures = Row['total'];
/** A good's unit row, or its 合计 (unitId null), as the table lists them. */
type Line = Figures & { key: string; unitId: number | null; good: Row; first: boolean; span: number };

const FIGURES = ['opening', 'received', 'issued', 'adjusted', 'lent', 'transferredOut', 'closing', 'dailyIssue'] as const;

/** 汇总表 of a day: per good, each reporting unit's row and the total; export, and send it upward as this office's package. */
export function SummaryTab({ day: asked, onDay, onMapping }: { day?: string; onDay(day: string): void; onMapping(): void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const office = useOffice();
  const zone = office?.timeZone;
  const day = asked ?? officeDate(office?.now ?? new Date(), zone);
  const summary = useApi('district.summary', { day });
  const sent = useApi('consolidations.list', { day });
  const submit = useMutation('consolidations.submit');
  const showError = useShowError();
  const { modal, message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const s = summary.data;
  const unitName = new Map((s?.reported ?? []).map((u) => [u.unitId, u.name]));
  const lines: Line[] = (s?.rows ?? []).flatMap((row) => [
    ...row.units.map((u, i) => ({ ...u, key: `${row.name}|${row.spec}|${row.unit}|${u.unitId}`, good: row, first: i === 0, span: i === 0 ? row.units.length + 1 : 0 })),
    { ...row.total, key: `${row.name}|${row.spec}|${row.unit}|total`, unitId: null, good: row, first: row.units.length === 0, span: row.units.length === 0 ? 1 : 0 },
  ]);
  const exportIt = async () => {
    setExporting(true);
    try {
      const f = await call('district.summaryExport', { day });
      downloadBase64(f.fileName, f.data);
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };
  const download = (id: number) => call('consolidations.package', { id }).then((f) => downloadBase64(f.fileName, f.data, 'application/json'), showError);
  const send = () => s && modal.confirm({
    title: t('inbox.submitTitle', { day }), okText: t('inbox.submit'), cancelText: t('common.cancel'), okButtonProps: { 'data-testid': 'summary-submit-ok' },
    content: <div data-testid="summary-submit-text">
      <p>{t('inbox.submitAll', { n: s.reported.length })}</p>
      {s.missing.length > 0 && <Alert type="warning" showIcon title={t('inbox.submitMissing', { n: s.missing.length, names: s.missing.map((m) => m.name).join('、') })} />}
    </div>,
    onOk: async () => {
      try {
        const c = await submit.run({ day });
        message.success(t('inbox.submitted'));
        await download(c.id);
      } catch (err) {
        showError(toApiError(err));
      }
    },
  });
  const figure = (k: MessageKey, f: (l: Line) => number | null | string) => ({
    title: t(k), key: k, width: 78, align: 'right' as const,
    render: (_: unknown, l: Line) => <span style={{ fontWeight: l.unitId === null ? 600 : undefined }}>{f(l) ?? '—'}</span>,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <span>{t('inbox.day')}</span>
        <DatePicker value={dayjs(day)} allowClear={false} onChange={(d) => d && onDay(d.format('YYYY-MM-DD'))} data-testid="summary-day" />
        <Button onClick={exportIt} loading={exporting} disabled={!s?.reported.length} data-testid="summary-export">{t('inbox.export')}</Button>
        {can('consolidations.submit') && <Button type="primary" onClick={send} loading={submit.busy} disabled={!s?.reported.length} data-testid="summary-submit">{t('inbox.submit')}</Button>}
      </Space>
      {s && (
        <Typography.Text data-testid="summary-who">
          {t('inbox.reported', { n: s.reported.length })}
          {s.missing.length > 0 && <Typography.Text type="danger">{'  '}{t('inbox.missing', { names: s.missing.map((m) => m.name).join('、') })}</Typography.Text>}
        </Typography.Text>
      )}
      {s && s.unmatched.length > 0 && (
        <Alert type="warning" showIcon title={t('inbox.unmatched', { n: s.unmatched.length })} action={<Button size="small" onClick={onMapping}>{t('inbox.tabMapping')}</Button>} data-testid="summary-unmatched" />
      )}
      {s && !s.reported.length && <Alert type="info" showIcon title={t('inbox.noPackages')} />}
      <Table<Line> size="small" bordered rowKey="key" loading={summary.loading} dataSource={lines} pagination={false} scroll={{ x: 'max-content', y: 560 }} data-testid="summary-table"
        rowClassName={(l) => (l.unitId === null ? 'summary-total' : '')}
        columns={[
          {
            title: t('common.item'), key: 'good', width: 160, fixed: 'left',
            onCell: (l) => ({ rowSpan: l.span }),
            render: (_, l) => <span>{l.good.name}{l.good.spec ? ` ${l.good.spec}` : ''}{l.good.itemId === null && <Tag color="orange" style={{ marginLeft: 4 }}>{t('inbox.unmatchedTag')}</Tag>}</span>,
          },
          { title: t('inbox.measure'), key: 'unit', width: 64, onCell: (l) => ({ rowSpan: l.span }), render: (_, l) => l.good.unit },
          { title: t('inbox.unit'), key: 'who', width: 150, render: (_, l) => (l.unitId === null ? <b>{t('inbox.total')}</b> : unitName.get(l.unitId)) },
          ...FIGURES.map((k) => figure(`inbox.${k}`, (l) => l[k])),
          figure('inbox.coverDays', (l) => l.coverDays),
        ]} />
      {(sent.data ?? []).length > 0 && (
        <List size="small" bordered header={t('inbox.sent')} dataSource={sent.data ?? []} data-testid="summary-sent"
          renderItem={(c) => (
            <List.Item actions={[<a key="d" onClick={() => download(c.id)} data-testid="summary-package">{t('inbox.downloadPackage')}</a>]}>
              {t('inbox.sentLine', { at: officeTime(c.submittedAt, zone), kind: t(c.kind === 'correction' ? 'inbox.kindCorrection' : 'inbox.kindDaily'), units: c.units, goods: c.goods, by: c.submittedBy })}
            </List.Item>
          )} />
      )}
    </Space>
  );
}
