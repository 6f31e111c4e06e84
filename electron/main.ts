/**
 * The desktop shell, kept thin: one window, one IPC handler that dispatches to the same API the
 * HTTP transport serves, no network, no navigation away. Everything else lives in db/ and runs
 * (and is tested) in plain Node.
 */
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gateCall } from '../db/host/gate';
import { LedgerHost } from '../db/host/host';
import { isInsideFolderUrl } from '../server/paths';
import { installMenu } from './menu';
import { printSlipDesktop, type DesktopPrint } from './print';

app.setName('物资保障台账');

let host: LedgerHost | null = null;
/** The session of each window's page (the desktop's equivalent of the browser cookie). */
const tokens = new Map<number, string>();
let win: BrowserWindow | null = null;

const rendererIndex = () => join(app.getAppPath(), 'dist', 'renderer', 'index.html');
const rendererRoot = () => pathToFileURL(join(app.getAppPath(), 'dist', 'renderer')).href;

/** Next to a portable build, else the user data folder (the same folder browser mode uses). */
function dataDir(): string {
  if (process.env.SUPPLY_LEDGER_DATA) return process.env.SUPPLY_LEDGER_DATA;
  if (process.env.PORTABLE_EXECUTABLE_DIR) return join(process.env.PORTABLE_EXECUTABLE_DIR, '物资保障台账数据');
  return app.getPath('userData');
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1360,
    height: 860,
    title: '物资保障台账',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  win.webContents.on('will-navigate', (event, url) => {
    if (!isInsideFolderUrl(url, rendererRoot())) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // A screen with an unposted draft asks before the window closes (beforeunload). Electron would
  // silently keep the window open; ask here instead. The draft stays saved either way.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win!, {
      type: 'question', buttons: ['关闭', '留下'], defaultId: 1, cancelId: 1,
      title: '物资保障台账', message: '还有未过账的单据草稿。', detail: '草稿已保存,下次打开该页面时恢复。确定关闭窗口?',
    });
    if (choice === 0) event.preventDefault();
  });
  void win.loadFile(rendererIndex());
  win.on('closed', () => (win = null));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(() => {
    // No request of our own ever leaves the machine: only the bundled files load.
    session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
      const allowed = details.url.startsWith('file:') || details.url.startsWith('devtools:') || details.url.startsWith('data:') || details.url.startsWith('blob:');
      callback({ cancel: !allowed });
    });
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

    try {
      host = new LedgerHost(dataDir(), { dailyBackups: true, program: '物资保障台账桌面程序' });
    } catch (err) {
      // Another program (browser mode, say) serves this data folder: say which, and stop.
      dialog.showErrorBox('物资保障台账', (err as Error).message);
      app.quit();
      return;
    }
    const ledgerHost = host;
    ipcMain.handle('ledger:call', async (event, method: unknown, input: unknown) => {
      // Only our own page may call the ledger.
      if (!event.senderFrame || !isInsideFolderUrl(event.senderFrame.url, rendererRoot())) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: '来源不被允许。' } };
      }
      const id = event.sender.id;
      // Printing needs the shell; everything else is the plain API behind the same door as HTTP.
      if (method === 'shell.printSlip') {
        const userId = ledgerHost.sessions.userOf(tokens.get(id));
        if (!ledgerHost.ledger || userId === undefined) return { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录。' } };
        return printSlipDesktop({ ledger: ledgerHost.ledger, userId }, win, (input ?? {}) as DesktopPrint);
      }
      const answer = await gateCall(ledgerHost, { token: tokens.get(id), local: true }, String(method), input);
      if (answer.token === null) tokens.delete(id);
      else if (answer.token !== undefined) tokens.set(id, answer.token);
      return answer.result;
    });
    installMenu(() => win);
    createWindow();
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  // On quit: the closing backup first, then the file is closed.
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !host) return;
    event.preventDefault();
    closing = true;
    void host.close({ backup: true }).finally(() => {
      host = null;
      app.quit();
    });
  });
}
