import { Tag } from 'antd';
import { useApi } from '../api/hooks';
import { useI18n } from '../i18n';
import { useOffice } from '../shared/office';
import { useRefreshAtCutoff } from '../features/reports/DayStatus';
import { navigate } from './router';

/** In the header: the days not yet reported, and in the hour before the cutoff today's report until it is sent. */
export function ReportReminder() {
  const { t } = useI18n();
  const office = useOffice();
  const status = useApi('reports.daily.status');
  const st = status.data;
  useRefreshAtCutoff(st);
  if (!office || !st) return null;
  const open = () => navigate('/reports');
  if (st.owedCount > 0) {
    return <Tag color="red" style={{ cursor: 'pointer' }} onClick={open} data-testid="report-reminder">{t('reports.owedReminder', { n: st.owedCount })}</Tag>;
  }
  // Today's report, in the hour before its cutoff.
  if (st.next !== st.today || Date.parse(st.dueAt) - Date.parse(st.now) > 3600_000) return null;
  return <Tag color="red" style={{ cursor: 'pointer' }} onClick={open} data-testid="report-reminder">{t('reports.reminder', { cutoff: office.cutoffTime })}</Tag>;
}
