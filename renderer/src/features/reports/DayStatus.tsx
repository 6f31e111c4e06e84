import { Alert, Button, Result, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiOutput } from '../../api/client';
import { call } from '../../api/client';
import { invalidateAll } from '../../api/hooks';
import { useI18n, type Translate } from '../../i18n';
import { downloadBase64 } from '../../shared/download';
import { useShowError } from '../../shared/errors';
import { officeTime } from '../../shared/format';

export type Status = ApiOutput<'reports.daily.status'>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12月1日" (Dec 1) from "2026-12-01". */
export function monthDay(day: string, t: Translate): string {
  const m = Number(day.slice(5, 7));
  return t('date.monthDay', { m, month: MONTHS[m - 1] ?? '', d: Number(day.slice(8)) });
}

/** The server's clock, ticking: the status carries its "now", the machine's own clock moves it on. */
export function useServerNow(status: Status): number {
  const [offset] = useState(() => Date.parse(status.now) - Date.now());
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + offset), 30_000);
    return () => clearInterval(timer);
  }, [offset]);
  return now;
}

/** Reads the status again once the cutoff passes: the day it shows is then over. */
export function useRefreshAtCutoff(status: Status | undefined): void {
  useEffect(() => {
    if (!status) return;
    const ms = Date.parse(status.dueAt) - Date.parse(status.now);
    if (ms < 0 || ms > 86_400_000) return;
    const timer = setTimeout(() => invalidateAll(), ms + 1000);
    return () => clearTimeout(timer);
  }, [status]);
}

/** "1 小时 20 分" */
export function span(ms: number, t: ReturnType<typeof useI18n>['t']): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  return h ? t('reports.spanHours', { h, m: minutes % 60 }) : t('reports.spanMinutes', { m: minutes });
}

export const downloadReport = (reportId: number) =>
  call('reports.export', { reportId }).then((r) => r.files.forEach((f) => downloadBase64(f.fileName, f.data)));

/** Today's state at a glance: 未报送 with the time left, or 已报送 at hh:mm by whom; the days owed, oldest first. */
export function DayStatus({ status, timeZone, onResend }: { status: Status; timeZone: string; onResend?: () => void }) {
  const { t } = useI18n();
  const now = useServerNow(status);
  const s = status.standing;
  const sentToday = s && s.day === status.today;
  const left = Date.parse(status.dueAt) - now;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="report-status">
      <Space wrap>
        <strong>{t('reports.todayReport', { day: monthDay(status.today, t) })}</strong>
        {sentToday ? (
          <Tag color="green" data-testid="report-state">
            {t('reports.sentAt', { time: officeTime(s.submittedAt, timeZone).slice(11), who: s.submitter })}
            {s.partial ? ` · ${t('reports.earlyTag', { time: officeTime(s.submittedAt, timeZone).slice(11) })}` : ''}
          </Tag>
        ) : status.next === null ? (
          <Tag data-testid="report-state">{t('reports.notDue')}</Tag>
        ) : (
          <Tag color={left > 3600_000 ? 'orange' : 'red'} data-testid="report-state">
            {t('reports.notSent', { cutoff: status.cutoffTime, left: span(left, t) })}
          </Tag>
        )}
      </Space>
      {s && !sentToday && onResend && (
        <Space wrap data-testid="report-standing">
          <span>{t('reports.lastSent', { day: s.day ? monthDay(s.day, t) : '', time: officeTime(s.submittedAt, timeZone), who: s.submitter })}</span>
          {s.partial && <Tag color="orange">{t('reports.earlyTag', { time: officeTime(s.submittedAt, timeZone).slice(11) })}</Tag>}
          <Button size="small" type="link" onClick={onResend} data-testid="report-resend">{t('reports.resendDay', { day: s.day ? monthDay(s.day, t) : '' })}</Button>
        </Space>
      )}
      {status.owedCount > 0 && (
        <Alert type="warning" showIcon data-testid="report-owed"
          title={t('reports.owed', { n: status.owedCount, days: status.owed.slice(0, 7).map((d) => monthDay(d, t)).join('、') + (status.owedCount > 7 ? '…' : '') })}
          description={t('reports.owedHint', { start: monthDay(status.startDay, t) })} />
      )}
    </Space>
  );
}

/** 已报送: the antd Result after a submission, and what the screen shows once today's report is in. */
export function SentResult({ status, timeZone, onResend, onNext }: {
  status: Status; timeZone: string; onResend?: () => void; onNext?: () => void;
}) {
  const { t } = useI18n();
  const showError = useShowError();
  const s = status.standing!;
  return (
    <Result status="success" data-testid="report-result"
      title={t('reports.resultTitle', { day: s.day ? monthDay(s.day, t) : '', kind: s.kind === 'daily' ? '' : `(${s.kindText})` })}
      subTitle={
        <Space direction="vertical" size={2}>
          <span>{t('reports.resultPeriod', { period: s.periodText })}</span>
          <span>{t('reports.resultBy', { time: officeTime(s.submittedAt, timeZone), who: s.submitter })}</span>
          {s.partial && <span>{t('reports.resultEarly', { time: officeTime(s.submittedAt, timeZone).slice(11) })}</span>}
          <span>{t('reports.resultFiles', { files: s.files.join('、') })}</span>
        </Space>
      }
      extra={[
        <Button key="download" onClick={() => downloadReport(s.id).catch(showError)}>{t('reports.download')}</Button>,
        onNext && status.next && (
          <Button key="next" type="primary" onClick={onNext} data-testid="report-next">{t('reports.sendNext', { day: monthDay(status.next, t) })}</Button>
        ),
        onResend && <Button key="resend" onClick={onResend} data-testid="report-resend">{t('reports.resend')}</Button>,
      ]} />
  );
}
