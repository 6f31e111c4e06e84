/**
 * Browser mode: `npm run serve -- --data <dir> --port <n> [--host 127.0.0.1]`.
 * Serves the built renderer and the API on loopback.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openLedger } from '../db/open';
import { createLedgerServer } from '../server/http';
import { listen } from '../server/listen';
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
  const ledger = openLedger(dataDir);
  const server = createLedgerServer({ ledger, staticDir: RENDERER_DIR });
  try {
    const { url } = await listen(server, host, port);
    console.log(`物资保障台账 · 浏览器模式 / browser mode`);
    console.log(`  数据文件夹 data folder: ${dataDir}`);
    console.log(`  打开 open: ${url}`);
  } catch (err) {
    ledger.close();
    throw err;
  }
  const stop = () => {
    server.close();
    ledger.close();
    process.exit(0);
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
