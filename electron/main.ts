/**
 * The desktop shell, kept thin: one window, one IPC handler that dispatches to the same API the
 * HTTP transport serves, no network, no navigation away. Everything else lives in db/ and runs
 * (and is tested) in plain Node.
 */
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { callApi } from '../db/api/call';
import { openLedger, type Ledger } from '../db/open';
import { localOperatorId } from '../db/reference/catalog';
import { installMenu } from './menu';
import { printSlipDesktop, type DesktopPrint } from './print';

app.setName('物资保障台账');

let ledger: Ledger | null = null;
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
    if (!url.startsWith(rendererRoot())) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
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

    ledger = openLedger(dataDir());
    const ctx = { ledger, userId: localOperatorId(ledger.db) };
    ipcMain.handle('ledger:call', (event, method: unknown, input: unknown) => {
      // Only our own page may call the ledger.
      if (!event.senderFrame?.url.startsWith(rendererRoot())) {
        return { ok: false, error: { code: 'INVALID_INPUT', message: '来源不被允许。' } };
      }
      // Printing needs the shell; everything else is the plain API.
      if (method === 'shell.printSlip') return printSlipDesktop(ctx, win, (input ?? {}) as DesktopPrint);
      return callApi(ctx, String(method), input);
    });
    installMenu(() => win);
    createWindow();
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    ledger?.close();
    ledger = null;
  });
}
