import { Tag } from 'antd';
import { useApi } from '../api/hooks';
import { useI18n } from '../i18n';
import { officeDate, officeTime } from '../shared/format';
import { useOffice } from '../shared/office';
import { navigate } from './router';

/** From 14:00 office time, a reminder in the header until today's report is submitted. */
export function ReportReminder() {
  const { t } = useI18n();
  const office = useOffice();
  const list = useApi('reports.daily.list');
  if (!office || !list.data) return null;
  const tz = office.timeZone;
  const now = officeTime(office.now, tz).slice(11);
  const today = officeDate(office.now, tz);
  const done = list.data.some((r) => r.state === 'submitted' && officeDate(r.to, tz) === today);
  if (done || now < '14:00') return null;
  return (
    <Tag color="red" style={{ cursor: 'pointer' }} onClick={() => navigate('/reports')} data-testid="report-reminder">
      {t('reports.reminder', { cutoff: office.cutoffTime })}
    </Tag>
  );
}
