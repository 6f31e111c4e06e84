import { Alert, Tabs } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { navigate, useRoute } from '../../app/router';
import { useI18n } from '../../i18n';
import { HouseholdsTab } from './HouseholdsTab';
import { OrderEntry } from './OrderEntry';
import { RoundsTab } from './RoundsTab';
import { SummaryTab } from './SummaryTab';
import { SuppliersTab } from './SuppliersTab';

const TABS = ['orders', 'rounds', 'summary', 'households', 'suppliers'] as const;
type Tab = (typeof TABS)[number];

/**
 * 居民代购: households of sealed compounds order daily goods from a 保供 supplier in rounds; staff
 * take the orders, send the purchase order, and the buildings' volunteers deliver. Nothing here
 * touches the warehouse's stock. The tab is in the address (#/rounds?tab=summary).
 */
export function RoundsPage() {
  const { t } = useI18n();
  const { params } = useRoute();
  const asked = params.get('tab');
  const tab: Tab = TABS.find((x) => x === asked) ?? 'orders';
  // The round in hand, shared by 订单登记 and 汇总 (each falls back to the latest open one).
  const [roundId, setRoundId] = useState<number>();
  const rounds = useApi('rounds.list');
  const list = rounds.data ?? [];
  const go = (to: Tab) => navigate('/rounds', to === 'orders' ? {} : { tab: to });
  return (
    <div>
      <Alert type="info" showIcon title={t('rounds.privacy')} style={{ marginBottom: 8 }} data-testid="rounds-privacy" />
      <Tabs activeKey={tab} onChange={(k) => go(k as Tab)}
        items={[
          { key: 'orders', label: t('rounds.tabOrders'), children: rounds.data && <OrderEntry rounds={list} roundId={roundId} onRound={setRoundId} /> },
          { key: 'rounds', label: t('rounds.tabRounds'), children: <RoundsTab rounds={list} loading={rounds.loading} onSummary={(id) => { setRoundId(id); go('summary'); }} /> },
          { key: 'summary', label: t('rounds.tabSummary'), children: rounds.data && <SummaryTab rounds={list} roundId={roundId} onRound={setRoundId} /> },
          { key: 'households', label: t('rounds.tabHouseholds'), children: <HouseholdsTab /> },
          { key: 'suppliers', label: t('rounds.tabSuppliers'), children: <SuppliersTab /> },
        ]} />
    </div>
  );
}
