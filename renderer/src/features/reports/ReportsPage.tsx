import { Tabs } from 'antd';
import { useI18n } from '../../i18n';
import { CurrentReport } from './CurrentReport';
import { RangeReport, ReportHistory } from './ReportHistory';

/** 日报: this period's report, the history of submitted ones, and any other range. */
export function ReportsPage() {
  const { t } = useI18n();
  return (
    <Tabs
      items={[
        { key: 'current', label: t('reports.current'), children: <CurrentReport /> },
        { key: 'history', label: t('reports.history'), children: <ReportHistory /> },
        { key: 'range', label: t('reports.range'), children: <RangeReport /> },
      ]}
    />
  );
}
