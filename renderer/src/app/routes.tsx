import {
  AuditOutlined, BarChartOutlined, DatabaseOutlined, ExportOutlined, FileSearchOutlined, HomeOutlined, ImportOutlined,
  ProfileOutlined, RollbackOutlined, SettingOutlined, ShoppingOutlined,
} from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import { DocumentsPage } from '../features/documents/DocumentsPage';
import { HomePage } from '../features/home/HomePage';
import { ItemsPage } from '../features/items/ItemsPage';
import { StockCardPage } from '../features/ledger/StockCardPage';
import { ReceiptPage } from '../features/receipts/ReceiptPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { ReturnsPage } from '../features/returns/ReturnsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { IssuePage } from '../features/slips/IssuePage';
import { StockPage } from '../features/stock/StockPage';
import { StocktakePage } from '../features/stocktake/StocktakePage';
import type { Method } from '../api/client';
import type { MessageKey } from '../i18n';

export interface Section {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  page: ComponentType;
  /** Shown to roles that may call this method (the screen's main action). */
  needs?: Method;
}

/** The sidebar, in the order a clerk works. */
export const sections: Section[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, page: HomePage },
  { path: '/items', label: 'nav.items', icon: <ShoppingOutlined />, page: ItemsPage },
  { path: '/receipt', label: 'nav.receipt', icon: <ImportOutlined />, page: ReceiptPage, needs: 'docs.post' },
  { path: '/issue', label: 'nav.issue', icon: <ExportOutlined />, page: IssuePage, needs: 'docs.post' },
  { path: '/returns', label: 'nav.returns', icon: <RollbackOutlined />, page: ReturnsPage, needs: 'docs.post' },
  { path: '/stocktake', label: 'nav.stocktake', icon: <AuditOutlined />, page: StocktakePage, needs: 'docs.post' },
  { path: '/stock', label: 'nav.stock', icon: <DatabaseOutlined />, page: StockPage },
  { path: '/ledger', label: 'nav.ledger', icon: <ProfileOutlined />, page: StockCardPage },
  { path: '/documents', label: 'nav.documents', icon: <FileSearchOutlined />, page: DocumentsPage },
  { path: '/reports', label: 'nav.reports', icon: <BarChartOutlined />, page: ReportsPage, needs: 'reports.daily.preview' },
  { path: '/settings', label: 'nav.settings', icon: <SettingOutlined />, page: SettingsPage },
];
