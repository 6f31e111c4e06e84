import { Layout, Menu, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { useI18n } from '../i18n';
import { useOffice } from '../shared/office';
import { UserMenu } from '../features/auth/UserMenu';
import { ReportReminder } from './ReportReminder';
import { useSession } from './session';
import { navigate, useRoute } from './router';
import { opens, sections } from './routes';

const { Sider, Header, Content } = Layout;

export function AppShell() {
  const { t } = useI18n();
  const office = useOffice();
  const { path } = useRoute();
  const { can } = useSession();
  const mine = sections.filter((s) => opens(s, can) && (!s.shownWhen || office?.[s.shownWhen] === true));
  const current = mine.find((s) => s.path === path) ?? mine[0];
  const Page = current.page;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={176} theme="dark" breakpoint="lg" collapsedWidth={56}>
        <div style={{ color: '#fff', fontWeight: 600, fontSize: 16, padding: '18px 16px', whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {t('app.title')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[current.path]}
          items={mine.map((s) => ({ key: s.path, icon: s.icon, label: t(s.label) }))}
          onClick={({ key }) => navigate(key)}
        />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', gap: 16, borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="office-name">
            {office?.officeName || t('app.noOffice')}
          </Typography.Title>
          <Typography.Text type="secondary">{t(current.label)}</Typography.Text>
          <span style={{ flex: 1 }} />
          {can('reports.daily.preview') && <ReportReminder />}
          <Typography.Text type="secondary">{t('app.offline')}</Typography.Text>
          <UserMenu />
        </Header>
        <Content style={{ margin: 16, padding: 20, background: '#fff', minHeight: 360 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
            <Page key={current.path} />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
