import { Alert, Skeleton } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useOffice } from '../../shared/office';
import { DayStatus, SentResult, useRefreshAtCutoff } from './DayStatus';
import { DayReport } from './DayReport';

/**
 * 本日日报: today's state, the days owed, and the day to send next (the oldest owed one, else today,
 * early if before the cutoff). Once a report is in, a Result says so; 补报/更正 sends the day again.
 */
export function CurrentReport() {
  const { t } = useI18n();
  const office = useOffice();
  const status = useApi('reports.daily.status');
  // auto: the oldest owed day, or the report that stands with a button for the next; next/resend: that form.
  const [mode, setMode] = useState<'auto' | 'next' | 'resend' | 'sent'>('auto');
  const st = status.data;
  useRefreshAtCutoff(st);
  if (!st) return status.error ? <Alert type="error" showIcon title={status.error.message} /> : <Skeleton active />;
  const tz = office?.timeZone ?? 'Asia/Shanghai';
  const day = mode === 'resend' ? st.latestDay : st.next;
  const showResult = st.standing !== null && (mode === 'sent' || !day || (mode === 'auto' && st.owedCount === 0));
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <DayStatus status={st} timeZone={tz} onResend={showResult || mode === 'resend' ? undefined : () => setMode('resend')} />
      {showResult ? (
        <SentResult status={st} timeZone={tz} onResend={() => setMode('resend')} onNext={st.next ? () => setMode('next') : undefined} />
      ) : day ? (
        <DayReport key={`${day}:${mode}`} day={day} status={st} resend={mode === 'resend'} onSent={() => setMode('sent')} onCancel={mode === 'resend' ? () => setMode('auto') : undefined} />
      ) : (
        <Alert type="info" showIcon title={t('reports.nothingDue', { start: st.startDay })} />
      )}
    </div>
  );
}
