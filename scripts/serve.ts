/**
 * Browser mode: `npm run serve -- --data <dir> --port <n> [--host 127.0.0.1]`.
 * Serves the built renderer and the API on loopback; `--host 0.0.0.0` (or a LAN address) is LAN mode,
 * where every other machine must log in like this one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerHost } from '../db/host/host';
import { createLedgerServer } from '../server/http';
import { isLoopback, lanAddresses, listen } from '../server/listen';
import { defaultDataDir, parseFlags, RENDERER_DIR } from '../server/paths';

export async function serve(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  const dataDir = flags.get('data') ?? defaultDataDir();
  const host = flags.get('host') ?? '127.0.0.1';
  const port = Number(flags.get('port') ?? 5180);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口号无效:${flags.get('port')}`);
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('界面尚未构建:请先运行 npm run build:renderer(npm start 会自动构建)。');
  }
  const ledgerHost = new LedgerHost(dataDir, { dailyBackups: true, program: `物资保障台账浏览器模式(端口 ${port})` });
  const lan = !isLoopback(host);
  const server = createLedgerServer({ host: ledgerHost, staticDir: RENDERER_DIR, lan });
  try {
    const { url, port: bound } = await listen(server, host, port);
    console.log(`物资保障台账 · 浏览器模式 / browser mode`);
    console.log(`  数据文件夹 data folder: ${dataDir}`);
    const local = lan ? `http://127.0.0.1:${bound}/` : url;
    console.log(`  打开 open: ${local}`);
    if (lan) {
      console.log(`  局域网模式 LAN mode:其他电脑用下面的地址访问,须登录 / other machines (login required):`);
      for (const a of lanAddresses()) console.log(`    http://${a}:${bound}/`);
    }
    if (ledgerHost.damage) {
      console.error(`  ⚠ ${ledgerHost.damage}`);
      console.error(`  请在本机浏览器打开上面的地址,选择一个备份进行恢复。`);
    }
  } catch (err) {
    await ledgerHost.close();
    throw err;
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    console.log('正在备份并关闭… backing up and closing');
    void ledgerHost.close({ backup: true }).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  serve(process.argv.slice(2)).catch((err: Error) => {
    console.error(`启动失败:${err.message}`);
    process.exit(1);
  });
}
