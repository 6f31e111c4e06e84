import { Alert, Tabs } from 'antd';
import { useApi } from '../../api/hooks';
import { navigate, useRoute } from '../../app/router';
import { useI18n } from '../../i18n';
import { FreeTab } from './FreeTab';
import { GateTab } from './GateTab';
import { HouseholdsTab } from './HouseholdsTab';
import { OrderEntry } from './OrderEntry';
import { RoundsTab } from './RoundsTab';
import { SettleTab } from './SettleTab';
import { SummaryTab } from './SummaryTab';
import { SuppliersTab } from './SuppliersTab';

const TABS = ['orders', 'rounds', 'summary', 'gate', 'settle', 'free', 'households', 'suppliers'] as const;
type Tab = (typeof TABS)[number];

/**
 * 居民代购: households of sealed compounds order daily goods from a 保供 supplier in rounds; staff
 * take the orders, send the purchase order, check the goods at the gate, take the money and the
 * buildings' volunteers deliver. Nothing here touches the warehouse's stock but 免费发放 (爱心菜包 from
 * the warehouse, one issue slip for all the households). The tab and the round
 * in hand are in the address (#/rounds?tab=gate&round=3), so a link or a reload keeps both.
 */
export function RoundsPage() {
  const { t } = useI18n();
  const { params } = useRoute();
  const asked = params.get('tab');
  const tab: Tab = TABS.find((x) => x === asked) ?? 'orders';
  // The round in hand, shared by the tabs (each falls back to its own default when it is not one of its rounds).
  const roundId = Number(params.get('round')) || undefined;
  const rounds = useApi('rounds.list');
  const list = rounds.data ?? [];
  const go = (to: Tab, round = roundId) => navigate('/rounds', { ...(to === 'orders' ? {} : { tab: to }), round });
  const onRound = (id: number) => go(tab, id);
  return (
    <div>
      <Alert type="info" showIcon title={t('rounds.privacy')} style={{ marginBottom: 8 }} data-testid="rounds-privacy" />
      <Tabs activeKey={tab} onChange={(k) => go(k as Tab)}
        items={[
          { key: 'orders', label: t('rounds.tabOrders'), children: rounds.data && <OrderEntry rounds={list} roundId={roundId} onRound={onRound} /> },
          { key: 'rounds', label: t('rounds.tabRounds'), children: <RoundsTab rounds={list} loading={rounds.loading} onOpen={(to, id) => go(to, id)} /> },
          { key: 'summary', label: t('rounds.tabSummary'), children: rounds.data && <SummaryTab rounds={list} roundId={roundId} onRound={onRound} /> },
          { key: 'gate', label: t('rounds.tabGate'), children: rounds.data && <GateTab rounds={list} roundId={roundId} onRound={onRound} /> },
          { key: 'settle', label: t('rounds.tabSettle'), children: rounds.data && <SettleTab rounds={list} roundId={roundId} onRound={onRound} onGate={(id) => go('gate', id)} /> },
          { key: 'free', label: t('roundsFree.tab'), children: rounds.data && <FreeTab rounds={list} roundId={roundId} onRound={onRound} /> },
          { key: 'households', label: t('rounds.tabHouseholds'), children: <HouseholdsTab /> },
          { key: 'suppliers', label: t('rounds.tabSuppliers'), children: <SuppliersTab /> },
        ]} />
    </div>
  );
}
