/**
 * `npm start`: the desktop app when the Electron binary is installed and a display exists;
 * otherwise browser mode on 127.0.0.1, saying why. Builds what is missing first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultDataDir, parseFlags, RENDERER_DIR } from '../server/paths';
import { serve } from './serve';

const ROOT = resolve(__dirname, '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function run(command: string, args: string[], what: string): void {
  console.log(`正在${what}…`);
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', command), ...args], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what}失败。`);
}

function ensureRendererBuilt(): void {
  const index = join(RENDERER_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(ROOT, 'renderer'))) return;
  run('vite/bin/vite.js', ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], '构建界面 (vite build)');
}

/** The Electron binary's path, or why it cannot be used here. */
export function electronBinary(): { path: string } | { why: string } {
  let bin: unknown;
  try {
    bin = require('electron');
  } catch {
    return { why: 'Electron 程序文件未安装(安装时无法下载,或设置了 ELECTRON_SKIP_BINARY_DOWNLOAD;能联网时运行 npm rebuild electron 可补装)' };
  }
  if (typeof bin !== 'string' || !existsSync(bin)) return { why: 'Electron 程序文件不存在' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { why: '没有图形界面(未设置 DISPLAY)' };
  }
  return { path: bin };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  ensureRendererBuilt();
  const electron = flags.get('browser') ? { why: '指定了 --browser' } : electronBinary();
  if ('path' in electron) {
    run('typescript/bin/tsc', ['-p', 'electron/tsconfig.json'], '编译桌面外壳 (tsc)');
    console.log('物资保障台账 · 桌面模式 (Electron)');
    console.log(`  数据文件夹 data folder: ${flags.get('data') ?? defaultDataDir()}`);
    const child = spawn(electron.path, [ROOT], { stdio: 'inherit', env: { ...process.env, ...(flags.get('data') ? { SUPPLY_LEDGER_DATA: flags.get('data') } : {}) } });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log(`Electron 不可用:${electron.why}。改用浏览器模式,请用浏览器打开下面的地址。`);
  console.log(`Electron unavailable: browser mode instead.`);
  await serve(process.argv.slice(2).filter((a) => a !== '--browser'));
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`启动失败:${err.message}`);
    process.exit(1);
  });
}
