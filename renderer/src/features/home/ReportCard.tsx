import { Card, Statistic } from 'antd';
import { useScreenHref } from '../../app/routes';
import { useI18n } from '../../i18n';
import { officeTime } from '../../shared/format';
import { monthDay, span, useServerNow, type Status } from '../reports/DayStatus';

/** The leader's glance at today's report: 已报送 14:32, or 未报送 with the time left (or the days owed). */
export function ReportCard({ status, timeZone }: { status: Status; timeZone: string }) {
  const { t } = useI18n();
  const href = useScreenHref()('/reports');
  const now = useServerNow(status);
  const s = status.standing;
  const sent = s !== null && s.day === status.today;
  const note = status.owedCount > 0
    ? t('reports.owedReminder', { n: status.owedCount })
    : sent ? s.submitter : t('home.reportLeft', { cutoff: status.cutoffTime, left: span(Date.parse(status.dueAt) - now, t) });
  // The clerk and the read-only account see the day's standing but have no 日报 screen to go to.
  const card = (
    <Card hoverable={!!href} data-testid="home-report">
      <Statistic title={t('reports.todayReport', { day: monthDay(status.today, t) })}
        value={sent ? t('home.reportSent', { time: officeTime(s.submittedAt, timeZone).slice(11) }) : t('reports.stateNotSent')}
        styles={{ content: { color: sent ? '#389e0d' : status.owedCount > 0 ? '#cf1322' : '#d46b08' } }} />
      <div style={{ color: 'rgba(0,0,0,0.45)', marginTop: 4 }}>{note}</div>
    </Card>
  );
  return href ? <a href={href} style={{ display: 'block', color: 'inherit' }}>{card}</a> : card;
}
