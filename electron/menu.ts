import { app, dialog, Menu, type BrowserWindow } from 'electron';

/** A minimal Chinese menu. */
export function installMenu(window: () => BrowserWindow | null): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
      {
        label: '编辑',
        submenu: [
          { label: '撤销', role: 'undo' },
          { label: '重做', role: 'redo' },
          { type: 'separator' },
          { label: '剪切', role: 'cut' },
          { label: '复制', role: 'copy' },
          { label: '粘贴', role: 'paste' },
          { label: '全选', role: 'selectAll' },
        ],
      },
      {
        label: '视图',
        submenu: [
          { label: '重新加载', role: 'reload' },
          { label: '实际大小', role: 'resetZoom' },
          { label: '放大', role: 'zoomIn' },
          { label: '缩小', role: 'zoomOut' },
          { type: 'separator' },
          { label: '全屏', role: 'togglefullscreen' },
        ],
      },
      {
        label: '帮助',
        submenu: [
          {
            label: '关于物资保障台账',
            click: () => {
              const w = window();
              const options = { type: 'info' as const, title: '关于', message: `物资保障台账 ${app.getVersion()}`, detail: '离线运行的应急物资收发存台账。数据只保存在本机。' };
              void (w ? dialog.showMessageBox(w, options) : dialog.showMessageBox(options));
            },
          },
        ],
      },
    ]),
  );
}
