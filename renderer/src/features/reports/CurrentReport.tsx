import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Space, Switch, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { invalidateAll, useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { Chart } from '../../shared/Chart';
import { downloadBase64 } from '../../shared/download';
import { useShowError } from '../../shared/errors';
import { officeTime } from '../../shared/format';
import { useOffice } from '../../shared/office';
import { useExportChoice } from './ExportChoice';
import { ReportTable } from './ReportTable';

const SIGNERS_KEY = 'supply-ledger.report-signers';

interface Narrative { work: string; problems: string; plans: string; filledBy: string; reviewedBy: string; phone: string }

/** 本期日报: the numbers so far, the narrative, and submit-and-lock. */
export function CurrentReport() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const office = useOffice();
  const showError = useShowError();
  const preview = useApi('reports.daily.preview');
  const [form] = Form.useForm<Narrative>();
  const choice = useExportChoice();
  const { formats, templates } = choice;
  const [oneFile, setOneFile] = useState(true);
  const [busy, setBusy] = useState(false);
  const r = preview.data;
  const perCheckpoint = useMemo(() => {
    const counts = new Map<string, Set<string>>();
    for (const s of r?.slips ?? []) if (s.kind === 'issue' && !s.voided) counts.set(s.checkpoint, (counts.get(s.checkpoint) ?? new Set()).add(s.number));
    return [...counts].map(([name, set]) => ({ name, n: set.size })).sort((a, b) => b.n - a.n);
  }, [r]);
  const saved = (() => {
    try {
      return JSON.parse(localStorage.getItem(SIGNERS_KEY) ?? '{}') as Partial<Narrative>;
    } catch {
      return {};
    }
  })();

  const exportFiles = async (files: { fileName: string; data: string }[]) => files.forEach((f) => downloadBase64(f.fileName, f.data));
  const submit = async () => {
    const narrative = await form.validateFields();
    if (!r) return;
    modal.confirm({
      title: t('reports.confirmTitle'),
      content: t('reports.confirmText', { to: officeTime(r.period.to, office?.timeZone) }),
      okText: t('reports.submit'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy(true);
        try {
          localStorage.setItem(SIGNERS_KEY, JSON.stringify({ filledBy: narrative.filledBy, reviewedBy: narrative.reviewedBy, phone: narrative.phone }));
          const done = await call('reports.daily.submit', { narrative, formats, templates, oneFile, ...(r.partial ? { cutoff: r.period.to } : {}) });
          const files = await call('reports.export', { reportId: done.id });
          await exportFiles(files.files);
          invalidateAll();
          message.success(t('reports.submitted', { period: done.periodText }));
          form.setFieldsValue({ work: '', problems: '', plans: '' });
        } catch (err) {
          showError(err);
        } finally {
          setBusy(false);
        }
      },
    });
  };

  if (!r) return preview.error ? <Alert type="error" showIcon title={preview.error.message} /> : null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={3}
        items={[
          { label: t('reports.period'), children: <span data-testid="report-period">{r.periodText}</span> },
          { label: t('reports.cutoff'), children: r.partial ? <Tag color="orange">{t('reports.asOf', { time: officeTime(r.period.to, office?.timeZone).slice(11) })}</Tag> : <Tag color="blue">{office?.cutoffTime}</Tag> },
          { label: t('reports.lockedUntil'), children: office?.lockedUntil ? officeTime(office.lockedUntil, office.timeZone) : t('reports.notLocked') },
        ]} />
      <Row gutter={16}>
        <Col span={16}><ReportTable report={r} /></Col>
        <Col span={8}>
          {r.loans.length > 0 && (
            <Card size="small" title={t('returns.outstanding')} style={{ marginBottom: 16 }}>
              {r.loans.map((l) => <div key={`${l.checkpoint}:${l.item}`}>{l.checkpoint}:{l.item} {l.quantity} {l.unit}</div>)}
            </Card>
          )}
          <Card size="small" title={t('reports.slipsChart')}>
            <Chart height={260} option={{
              tooltip: { trigger: 'axis' }, grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
              xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', inverse: true, data: perCheckpoint.map((c) => c.name) },
              series: [{ type: 'bar', data: perCheckpoint.map((c) => c.n), label: { show: true, position: 'right' } }],
            }} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('reports.narrative')}>
        <Form form={form} layout="vertical" initialValues={{ work: '', problems: '', plans: '', filledBy: saved.filledBy ?? '', reviewedBy: saved.reviewedBy ?? '', phone: saved.phone ?? '' }}>
          <Form.Item name="work" label="工作开展情况"><Input.TextArea rows={2} maxLength={2000} data-testid="report-work" /></Form.Item>
          <Form.Item name="problems" label="存在问题"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Form.Item name="plans" label="下步打算"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Space wrap>
            <Form.Item name="filledBy" label="填报人" rules={[{ required: true, message: t('common.required') }]}><Input maxLength={30} data-testid="report-filled-by" /></Form.Item>
            <Form.Item name="reviewedBy" label="审核人" rules={[{ required: true, message: t('common.required') }]}><Input maxLength={30} data-testid="report-reviewed-by" /></Form.Item>
            <Form.Item name="phone" label="联系电话"><Input maxLength={30} /></Form.Item>
          </Space>
        </Form>
        <Space wrap style={{ marginBottom: 12 }}>
          {choice.element}
          <Space><Switch size="small" checked={oneFile} onChange={setOneFile} />{t('reports.oneFile')}</Space>
        </Space>
        <Space>
          <Button onClick={() => call('reports.export', { from: r.period.from ?? '2000-01-01T00:00:00Z', to: r.period.to, formats, templates, oneFile }).then((f) => exportFiles(f.files)).catch(showError)}>
            {t('reports.exportPreview')}
          </Button>
          <Button type="primary" loading={busy} onClick={submit} disabled={!choice.ready || choice.empty} data-testid="report-submit">{t('reports.submit')}</Button>
        </Space>
      </Card>
    </Space>
  );
}
