/**
 * The victim of the kill -9 trials: serves the ledger in `argv[2]` over HTTP, as `npm run serve`
 * does, and posts random documents of every type to itself through that server as fast as it can,
 * with a backup requested every few documents. Each committed document's number is written to
 * stdout (a pipe: synchronous on Linux) only after its answer arrived. The parent kills it at a
 * random moment.
 */
import { Agent, request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerHost } from '../../db/host/host';
import { createLedgerServer } from '../../server/http';
import { listen } from '../../server/listen';

const dir = process.argv[2];
let seed = Number(process.argv[3]) >>> 0;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

type Answer = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

async function main() {
  const host = new LedgerHost(dir, { program: 'kill -9 演练' });
  const www = join(dir, 'www');
  mkdirSync(www, { recursive: true });
  writeFileSync(join(www, 'index.html'), '<div id="root"></div>');
  const { port } = await listen(createLedgerServer({ host, staticDir: www }), '127.0.0.1', 0);
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  let cookie = '';
  const api = (method: string, input?: unknown) =>
    new Promise<Answer>((resolve, reject) => {
      const body = input === undefined ? '' : JSON.stringify(input);
      const req = request({ host: '127.0.0.1', port, path: `/api/${method}`, method: 'POST', agent, headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, cookie } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const set = res.headers['set-cookie']?.[0];
          if (set) cookie = set.split(';')[0];
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer);
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const login = await api('auth.login', { username: 'drill', password: 'drill-pass-1' });
  if (!login.ok) throw new Error(`login failed: ${JSON.stringify(login.error)}`);
  const ids = (r: Answer) => (r.data as unknown as { id: number }[]).map((x) => x.id);
  const items = ids(await api('items.list', {}));
  const speaker = ((await api('items.list', {})).data as unknown as { id: number; durable: boolean }[]).filter((i) => i.durable).map((i) => i.id);
    const people = (await api('people.list', {})).data as unknown as { id: number; checkpointId: number }[];
  const sourceId = ids(await api('sources.list', {}))[0];
  process.stdout.write('ready\n');

  let backups: Promise<unknown> = Promise.resolve();
  for (let n = 0; ; n++) {
    // A backup every 25 documents, running while the posting goes on.
    if (n % 25 === 0) backups = backups.then(() => api('backups.create'));
    const quantity = () => 1 + Math.floor(random() * 5);
    const lines = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ itemId: pick(items), quantity: quantity() }));
    const person = pick(people);
    const time = new Date().toISOString();
    const r = random();
    const input =
      r < 0.3 ? { type: 'receipt', sourceId, time, lines: [...lines(), { itemId: pick(speaker), quantity: 2 }] }
      : r < 0.55 ? { type: 'issue', checkpointId: person.checkpointId, personId: person.id, time, lines: lines() }
      : r < 0.62 ? { type: 'return', checkpointId: person.checkpointId, time, lines: [{ itemId: pick(items), quantity: 1 }] }
      : r < 0.7 ? { type: 'loan', checkpointId: person.checkpointId, personId: person.id, time, lines: [{ itemId: pick(speaker), quantity: 1 }] }
      : r < 0.76 ? { type: 'loan_return', checkpointId: person.checkpointId, time, lines: [{ itemId: pick(speaker), quantity: 1 }] }
      : r < 0.8 ? { type: 'stocktake', time, lines: [{ itemId: pick(items), counted: Math.floor(random() * 50), reason: '演练盘点' }] }
      : r < 0.85 ? { type: 'loss', time, lines: [{ itemId: pick(items), quantity: 1, reason: '演练报损' }] }
      : r < 0.9 ? { type: 'transfer_out', counterparty: '演练社区', time, lines: [{ itemId: pick(items), quantity: 1 }] }
      : null;
    if (input) {
      const answer = await api('docs.post', input);
      if (answer.ok) process.stdout.write(`${String(answer.data!.number)}\n`);
      else if (process.env.DRILL_DEBUG) process.stderr.write(`${input.type}: ${answer.error!.message}\n`);
      continue;
    }
    const recent = (await api('docs.list', { limit: 5 })).data as unknown as { rows?: { id: number; type: string; state: string }[] } | { id: number; type: string; state: string }[];
    const rows = Array.isArray(recent) ? recent : (recent.rows ?? []);
    const target = rows.find((d) => d.state === 'posted' && d.type !== 'void');
    if (!target) continue;
    const v = await api('docs.void', { documentId: target.id, reason: '演练作废', time });
    if (v.ok) process.stdout.write(`${String(v.data!.number)}\n`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(2);
});
