import { App as AntApp, ConfigProvider } from 'antd';
// antd's zero-runtime mode: every component's CSS comes from this one stylesheet instead of being
// generated in the page at first render (about 100-200 ms of the first screen on the office PCs measured).
import 'antd/dist/antd.css';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './app/AppShell';
import { startOpeningReads } from './app/routes';
import { SessionGate } from './app/session';
import { I18nProvider, useI18n } from './i18n';
import { OfficeProvider } from './shared/office';

dayjs.locale('zh-cn');

function Root() {
  const { language } = useI18n();
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={{ zeroRuntime: true, token: { fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif', borderRadius: 4 } }}
    >
      <AntApp>
        <SessionGate>
          <OfficeProvider>
            <AppShell />
          </OfficeProvider>
        </SessionGate>
      </AntApp>
    </ConfigProvider>
  );
}

/**
 * The first render waits a moment for the opening screen's reads (a local server answers in tens
 * of milliseconds), so that the screen is rendered once, with its data, rather than twice.
 */
const opening = startOpeningReads();
const shortly = new Promise<void>((resolve) => setTimeout(resolve, 300));
void Promise.race([opening ?? Promise.resolve(), shortly]).then(() => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Root />
    </I18nProvider>
  </StrictMode>,
));
