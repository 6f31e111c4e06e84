import { Alert, Tabs } from 'antd';
import { navigate, useRoute } from '../../app/router';
import { useI18n } from '../../i18n';
import { useOffice } from '../../shared/office';
import { AllocationsTab } from './AllocationsTab';
import { MappingTab } from './MappingTab';
import { MatrixTab } from './MatrixTab';
import { SummaryTab } from './SummaryTab';
import { UnitsTab } from './UnitsTab';

const TABS = ['matrix', 'summary', 'mapping', 'allocations', 'units'] as const;
type Tab = (typeof TABS)[number];

/**
 * 下级报送 (a district or township): its units' signed packages imported from a folder or a USB stick,
 * who has reported for each day, the 汇总表 per good with each unit's rows, goods matched once by hand,
 * and the district's own package sent upward. The tab and the day are in the address.
 */
export function DistrictPage() {
  const { t } = useI18n();
  const office = useOffice();
  const { params } = useRoute();
  const asked = params.get('tab');
  const tab: Tab = TABS.find((x) => x === asked) ?? 'matrix';
  const day = params.get('day') ?? undefined;
  const go = (to: Tab, d = day) => navigate('/district', { ...(to === 'matrix' ? {} : { tab: to }), ...(d ? { day: d } : {}) });
  if (office && !office.consolidates) return <Alert type="info" showIcon title={t('inbox.notOn')} data-testid="district-off" />;
  return (
    <Tabs activeKey={tab} onChange={(k) => go(k as Tab)}
      items={[
        { key: 'matrix', label: t('inbox.tabMatrix'), children: <MatrixTab onDay={(d) => go('summary', d)} /> },
        { key: 'summary', label: t('inbox.tabSummary'), children: <SummaryTab day={day} onDay={(d) => go('summary', d)} onMapping={() => go('mapping')} /> },
        { key: 'mapping', label: t('inbox.tabMapping'), children: <MappingTab day={day} /> },
        { key: 'allocations', label: t('alloc.tab'), children: <AllocationsTab /> },
        { key: 'units', label: t('inbox.tabUnits'), children: <UnitsTab /> },
      ]} />
  );
}
