import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { LedgerHost } from '../../db/host/host';
import { createLedgerServer } from '../../server/http';
import { listen } from '../../server/listen';
import type { TestLedger } from './ledger';

/**
 * The real HTTP server over a test ledger, on a loopback port, with a stand-in renderer (an index
 * page, plus any other files given by path).
 */
export async function serveTestLedger(t: TestLedger, files: Record<string, string> = {}): Promise<{ server: Server; host: LedgerHost; port: number; url: string }> {
  const staticDir = join(t.dir, 'www');
  for (const [path, text] of Object.entries({ 'index.html': '<div id="root"></div>', ...files })) {
    mkdirSync(dirname(join(staticDir, path)), { recursive: true });
    writeFileSync(join(staticDir, path), text);
  }
  const host = new LedgerHost(t.dir, { ledger: t.ledger });
  const server = createLedgerServer({ host, staticDir });
  const { port, url } = await listen(server, '127.0.0.1', 0);
  return { server, host, port, url };
}
