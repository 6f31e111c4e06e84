import {
  AuditOutlined, BarChartOutlined, DeleteOutlined, DatabaseOutlined, ExportOutlined, FileSearchOutlined, HomeOutlined, ImportOutlined,
  ProfileOutlined, RollbackOutlined, SettingOutlined, ShoppingOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type ReactNode } from 'react';
import { mayCall } from '../../../db/auth/access';
import { IssuePage } from '../features/slips/IssuePage';
import type { Method } from '../api/client';
import { startReads, type Read } from '../api/hooks';
import { pickerReads } from '../shared/pickers';
import { currentRoute } from './router';
import type { MessageKey } from '../i18n';

/**
 * Sections load on first visit (their own chunks: charts, reports, settings), so the issue-slip
 * screen a clerk opens first needs only the core of the bundle.
 */
const DocumentsPage = lazy(() => import('../features/documents/DocumentsPage').then((m) => ({ default: m.DocumentsPage })));
const HomePage = lazy(() => import('../features/home/HomePage').then((m) => ({ default: m.HomePage })));
const ItemsPage = lazy(() => import('../features/items/ItemsPage').then((m) => ({ default: m.ItemsPage })));
const StockCardPage = lazy(() => import('../features/ledger/StockCardPage').then((m) => ({ default: m.StockCardPage })));
const OutgoingPage = lazy(() => import('../features/outgoing/OutgoingPage').then((m) => ({ default: m.OutgoingPage })));
const ReceiptPage = lazy(() => import('../features/receipts/ReceiptPage').then((m) => ({ default: m.ReceiptPage })));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
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
}

/** The sidebar, in the order a clerk works. */
export const sections: Section[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, page: HomePage },
  { path: '/items', label: 'nav.items', icon: <ShoppingOutlined />, page: ItemsPage },
  { path: '/receipt', label: 'nav.receipt', icon: <ImportOutlined />, page: ReceiptPage, needs: 'docs.post' },
  { path: '/issue', label: 'nav.issue', icon: <ExportOutlined />, page: IssuePage, needs: 'docs.post', reads: pickerReads },
  { path: '/returns', label: 'nav.returns', icon: <RollbackOutlined />, page: ReturnsPage, needs: 'docs.post' },
  { path: '/outgoing', label: 'nav.outgoing', icon: <DeleteOutlined />, page: OutgoingPage, needs: 'docs.post' },
  { path: '/stocktake', label: 'nav.stocktake', icon: <AuditOutlined />, page: StocktakePage, needs: 'docs.post' },
  { path: '/stock', label: 'nav.stock', icon: <DatabaseOutlined />, page: StockPage },
  { path: '/ledger', label: 'nav.ledger', icon: <ProfileOutlined />, page: StockCardPage },
  { path: '/documents', label: 'nav.documents', icon: <FileSearchOutlined />, page: DocumentsPage },
  { path: '/reports', label: 'nav.reports', icon: <BarChartOutlined />, page: ReportsPage, needs: 'reports.daily.preview' },
  { path: '/settings', label: 'nav.settings', icon: <SettingOutlined />, page: SettingsPage },
];

/**
 * When the page came with a signed-in session (browser mode), the opening screen's reads and the
 * office settings start before the first render.
 */
export function startOpeningReads(): Promise<void> | undefined {
  const boot = window.__LEDGER_BOOT__;
  const user = boot?.ok ? boot.data.user : null;
  const section = sections.find((s) => s.path === currentRoute().path);
  if (!user || !section?.reads || (section.needs && !mayCall(user.role, section.needs))) return undefined;
  return startReads([['settings.get'], ...section.reads]);
}
