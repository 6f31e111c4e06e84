import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Skeleton, Space, Switch, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { invalidateAll, useApi } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { Chart } from '../../shared/Chart';
import { downloadBase64 } from '../../shared/download';
import { useShowError } from '../../shared/errors';
import { addDays, officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { monthDay, type Status } from './DayStatus';
import { useExportChoice } from './ExportChoice';
import { ReportTable } from './ReportTable';

interface Narrative { work: string; problems: string; plans: string; filledBy: string; reviewedBy: string; phone: string; reason?: string }

/** One office day's report: its numbers, the narrative, and submit-and-lock (补报/更正 with a reason). */
export function DayReport({ day, status, resend, onSent, onCancel }: {
  day: string; status: Status; resend: boolean; onSent(): void; onCancel?: () => void;
}) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const office = useOffice();
  const { user, can } = useSession();
  const showError = useShowError();
  const preview = useApi('reports.daily.preview', { day });
  const [form] = Form.useForm<Narrative>();
  const choice = useExportChoice();
  const { formats, templates } = choice;
  const [oneFile, setOneFile] = useState(true);
  const [busy, setBusy] = useState(false);
  const r = preview.data;
  const tz = office?.timeZone ?? 'Asia/Shanghai';
  const perCheckpoint = useMemo(() => {
    const counts = new Map<string, Set<string>>();
    for (const s of r?.slips ?? []) if (s.kind === 'issue' && !s.voided) counts.set(s.checkpoint, (counts.get(s.checkpoint) ?? new Set()).add(s.number));
    return [...counts].map(([name, set]) => ({ name, n: set.size })).sort((a, b) => b.n - a.n);
  }, [r]);
  const mayReport = can('reports.daily.submit');
  const again = r ? r.kind !== 'daily' : resend;
  const kindText = r?.kind === 'supplement' ? t('reports.kindSupplement') : r?.kind === 'correction' ? t('reports.kindCorrection') : '';

  const exportFiles = (files: { fileName: string; data: string }[]) => files.forEach((f) => downloadBase64(f.fileName, f.data));
  const submit = async () => {
    // A field left empty is shown under the field itself; nothing else happens.
    const values = await form.validateFields().catch(() => null);
    if (!values || !r) return;
    const { reason, ...narrative } = values;
    // What will be sent is read again now: the confirmation shows it, and the server refuses anything else.
    let fresh: typeof r;
    try {
      fresh = await call('reports.daily.preview', { day });
    } catch (err) {
      showError(err);
      return;
    }
    const changed = fresh.fingerprint !== r.fingerprint || fresh.partial !== r.partial;
    if (changed) invalidateAll();
    const asOf = officeTime(fresh.period.to, tz).slice(11);
    const titleKey = again ? 'reports.confirmAgainTitle' : fresh.partial ? 'reports.confirmEarlyTitle' : 'reports.confirmTitle';
    modal.confirm({
      title: t(titleKey, { day: monthDay(day, t), kind: kindText }),
      content: (
        <Space direction="vertical" data-testid="report-confirm">
          {changed && <Alert type="warning" showIcon title={t('reports.confirmChanged')} />}
          <span>{t('reports.resultPeriod', { period: fresh.periodText })}</span>
          {fresh.partial && <span>{t('reports.confirmEarly', { time: asOf, next: monthDay(addDays(day, 1), t) })}</span>}
          <span>{t('reports.confirmText', { to: officeTime(fresh.period.to, tz) })}</span>
        </Space>
      ),
      // The same words as the button that opened it.
      okText: again ? t('reports.submitAgain', { kind: kindText }) : fresh.partial ? t('reports.submitEarly') : t('reports.submit'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy(true);
        try {
          const seen = { fingerprint: fresh.fingerprint, partial: fresh.partial, kind: fresh.kind ?? 'daily' };
          const done = await call('reports.daily.submit', { day, reason: reason ?? '', narrative, formats, templates, oneFile, seen });
          exportFiles((await call('reports.export', { reportId: done.id })).files);
          // An office known to its superior by its code also gets the signed 数据包 beside the Excel files.
          if (office?.unitCode && can('reports.package')) await call('reports.package', { reportId: done.id }).then((p) => downloadBase64(p.fileName, p.data, 'application/json'), () => undefined);
          invalidateAll();
          onSent();
        } catch (err) {
          showError(err);
          // Someone else may have sent it, or the cutoff passed: the screen shows what stands now.
          invalidateAll();
        } finally {
          setBusy(false);
        }
      },
    });
  };

  if (!r) return preview.error ? <Alert type="error" showIcon title={preview.error.message} /> : <Skeleton active />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="day-report">
      <Descriptions bordered size="small" column={{ xs: 1, lg: 3 }}
        items={[
          { label: t('reports.day'), children: <Space><span data-testid="report-day">{monthDay(day, t)}</span>{kindText && <Tag color="purple">{kindText}</Tag>}</Space> },
          { label: t('reports.period'), children: <span data-testid="report-period">{r.periodText}</span> },
          {
            label: t('reports.cutoff'),
            children: r.partial
              ? <Tag color="orange" data-testid="report-early">{t('reports.asOf', { time: officeTime(r.period.to, tz).slice(11) })}</Tag>
              : <Tag color="blue">{status.cutoffTime}</Tag>,
          },
        ]} />
      <ReportTable report={r} />
      <Row gutter={16}>
        {r.loans.length > 0 && (
          <Col xs={24} lg={12}>
            <Card size="small" title={t('returns.outstanding')}>
              {r.loans.map((l) => <div key={`${l.checkpoint}:${l.item}`}>{l.checkpoint}:{l.item} {l.quantity} {l.unit}</div>)}
            </Card>
          </Col>
        )}
        <Col xs={24} lg={12}>
          <Card size="small" title={t('reports.slipsChart')}>
            <Chart height={Math.max(120, 28 * perCheckpoint.length + 24)} option={{
              tooltip: { trigger: 'axis' }, grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
              xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', inverse: true, data: perCheckpoint.map((c) => c.name) },
              series: [{ type: 'bar', data: perCheckpoint.map((c) => c.n), label: { show: true, position: 'right' } }],
            }} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('reports.narrative')}>
        <Form form={form} layout="vertical"
          initialValues={{
            // Sent again: what the standing report said, to amend; else a fresh narrative.
            ...(resend && status.standing ? status.standing.narrative : { work: '', problems: '', plans: '' }),
            filledBy: user.displayName, reviewedBy: status.defaults.reviewedBy, phone: status.defaults.phone, reason: '',
          }}>
          {again && (
            <Form.Item name="reason" label={t('reports.reason', { kind: kindText })} rules={[{ required: true, whitespace: true, message: t('reports.reasonRequired') }]}>
              <Input maxLength={200} data-testid="report-reason" placeholder={t('reports.reasonPlaceholder')} />
            </Form.Item>
          )}
          <Form.Item name="work" label={t('reports.work')}><Input.TextArea rows={2} maxLength={2000} data-testid="report-work" /></Form.Item>
          <Form.Item name="problems" label={t('reports.problems')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Form.Item name="plans" label={t('reports.plans')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Space wrap>
            <Form.Item name="filledBy" label={t('reports.filledBy')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={30} data-testid="report-filled-by" /></Form.Item>
            <Form.Item name="reviewedBy" label={t('reports.reviewedBy')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={30} data-testid="report-reviewed-by" /></Form.Item>
            <Form.Item name="phone" label={t('reports.phone')}><Input maxLength={30} data-testid="report-phone" /></Form.Item>
          </Space>
        </Form>
        <Space wrap size="middle" style={{ marginBottom: 12 }}>
          {choice.element}
          <Space><Switch size="small" checked={oneFile} onChange={setOneFile} />{t('reports.oneFile')}</Space>
        </Space>
        <Space wrap>
          <Button onClick={() => {
            const { reason, ...narrative } = form.getFieldsValue();
            call('reports.export', { day, narrative, reason: reason ?? '', formats, templates, oneFile }).then((f) => exportFiles(f.files)).catch(showError);
          }} data-testid="report-export-preview">
            {t('reports.exportPreview')}
          </Button>
          <Tooltip title={mayReport ? '' : t('reports.onlyLiaison')}>
            <Button type="primary" loading={busy} onClick={submit} disabled={!mayReport || !choice.ready || choice.empty} data-testid="report-submit">
              {again ? t('reports.submitAgain', { kind: kindText }) : r.partial ? t('reports.submitEarly') : t('reports.submit')}
            </Button>
          </Tooltip>
          {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
        </Space>
      </Card>
    </Space>
  );
}
