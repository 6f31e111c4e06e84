import {
  AuditOutlined, BarChartOutlined, DeleteOutlined, GiftOutlined, DatabaseOutlined, ExportOutlined, FileSearchOutlined, HomeOutlined, ImportOutlined,
  ApartmentOutlined, ProfileOutlined, RollbackOutlined, SettingOutlined, ShoppingCartOutlined, ShoppingOutlined,
} from '@ant-design/icons';
import { lazy, useCallback, type ComponentType, type ReactNode } from 'react';
import { mayCall } from '../../../db/auth/access';
import { IssuePage } from '../features/slips/IssuePage';
import type { Method } from '../api/client';
import { startReads, type Read } from '../api/hooks';
import { pickerReads } from '../shared/pickers';
import { currentRoute, hrefOf, type RouteParams } from './router';
import { useSession } from './session';
import type { MessageKey } from '../i18n';

/**
 * Sections load on first visit (their own chunks: charts, reports, settings), so the issue-slip
 * screen a clerk opens first needs only the core of the bundle.
 */
const DonationsPage = lazy(() => import('../features/donations/DonationsPage').then((m) => ({ default: m.DonationsPage })));
const DistrictPage = lazy(() => import('../features/district/DistrictPage').then((m) => ({ default: m.DistrictPage })));
const DocumentsPage = lazy(() => import('../features/documents/DocumentsPage').then((m) => ({ default: m.DocumentsPage })));
const HomePage = lazy(() => import('../features/home/HomePage').then((m) => ({ default: m.HomePage })));
const ItemsPage = lazy(() => import('../features/items/ItemsPage').then((m) => ({ default: m.ItemsPage })));
const StockCardPage = lazy(() => import('../features/ledger/StockCardPage').then((m) => ({ default: m.StockCardPage })));
const OutgoingPage = lazy(() => import('../features/outgoing/OutgoingPage').then((m) => ({ default: m.OutgoingPage })));
const ReceiptPage = lazy(() => import('../features/receipts/ReceiptPage').then((m) => ({ default: m.ReceiptPage })));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const RoundsPage = lazy(() => import('../features/rounds/RoundsPage').then((m) => ({ default: m.RoundsPage })));
const ReturnsPage = lazy(() => import('../features/returns/ReturnsPage').then((m) => ({ default: m.ReturnsPage })));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const StockPage = lazy(() => import('../features/stock/StockPage').then((m) => ({ default: m.StockPage })));
const StocktakePage = lazy(() => import('../features/stocktake/StocktakePage').then((m) => ({ default: m.StocktakePage })));

export interface Section {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  page: ComponentType;
  /** Shown to roles that may call this method (the screen's main action). */
  needs?: Method;
  /** The reads the screen makes as it opens, started before the first render when the app opens on it. */
  reads?: readonly Read[];
  /** Shown only when this office setting is on. */
  shownWhen?: 'consolidates';
}

/**
 * The sidebar, in the order a clerk works. Every section names the read it opens with, so that a role
 * sees only what it may read: a 社区工作人员 has none of the warehouse's and lands on 居民代购.
 */
export const sections: Section[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, page: HomePage, needs: 'dashboard.get' },
  { path: '/items', label: 'nav.items', icon: <ShoppingOutlined />, page: ItemsPage, needs: 'items.list' },
  { path: '/receipt', label: 'nav.receipt', icon: <ImportOutlined />, page: ReceiptPage, needs: 'docs.post' },
  { path: '/issue', label: 'nav.issue', icon: <ExportOutlined />, page: IssuePage, needs: 'docs.post', reads: pickerReads },
  { path: '/returns', label: 'nav.returns', icon: <RollbackOutlined />, page: ReturnsPage, needs: 'docs.post' },
  { path: '/outgoing', label: 'nav.outgoing', icon: <DeleteOutlined />, page: OutgoingPage, needs: 'docs.post' },
  { path: '/stocktake', label: 'nav.stocktake', icon: <AuditOutlined />, page: StocktakePage, needs: 'docs.post' },
  { path: '/stock', label: 'nav.stock', icon: <DatabaseOutlined />, page: StockPage, needs: 'stock.list' },
  { path: '/ledger', label: 'nav.ledger', icon: <ProfileOutlined />, page: StockCardPage, needs: 'stock.card' },
  { path: '/documents', label: 'nav.documents', icon: <FileSearchOutlined />, page: DocumentsPage, needs: 'docs.list' },
  { path: '/reports', label: 'nav.reports', icon: <BarChartOutlined />, page: ReportsPage, needs: 'reports.daily.preview' },
  { path: '/donations', label: 'nav.donations', icon: <GiftOutlined />, page: DonationsPage, needs: 'donations.disclosure' },
  // 下级报送: a district or township that merges its units' packages (the setting 本单位汇总下级单位报送).
  { path: '/district', label: 'nav.district', icon: <ApartmentOutlined />, page: DistrictPage, needs: 'district.matrix', shownWhen: 'consolidates' },
  { path: '/rounds', label: 'nav.rounds', icon: <ShoppingCartOutlined />, page: RoundsPage, needs: 'rounds.list' },
  // 设置 is the warehouse office's (slips and their paper, the report's cut-off, near-expiry days, stores, forms,
  // backups): it goes with reading the stock, which every warehouse role may and a 社区工作人员 may not.
  { path: '/settings', label: 'nav.settings', icon: <SettingOutlined />, page: SettingsPage, needs: 'stock.list' },
];

/** Whether a role opens a section: the menu lists exactly these, and any other address shows the home page. */
export const opens = (s: Section, can: (method: Method) => boolean) => !s.needs || can(s.needs);

/**
 * A screen's address for a link or a shortcut, or undefined when the signed-in role cannot open that
 * screen (the menu's own rule): a page offers only what leads somewhere.
 */
export function useScreenHref(): (path: string, params?: RouteParams) => string | undefined {
  const { can } = useSession();
  return useCallback((path, params) => {
    const section = sections.find((s) => s.path === path);
    return section && opens(section, can) ? hrefOf(path, params) : undefined;
  }, [can]);
}

/**
 * When the page came with a signed-in session (browser mode), the opening screen's reads and the
 * office settings start before the first render.
 */
export function startOpeningReads(): Promise<void> | undefined {
  const boot = window.__LEDGER_BOOT__;
  const user = boot?.ok ? boot.data.user : null;
  const section = sections.find((s) => s.path === currentRoute().path);
  if (!user || !section?.reads || !opens(section, (m) => mayCall(user.role, m))) return undefined;
  return startReads([['settings.get'], ...section.reads]);
}
