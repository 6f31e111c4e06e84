/**
 * The victim of the kill -9 trials: opens the ledger in `argv[2]` and posts random documents as fast
 * as it can, writing each committed document's number to stdout (a pipe: synchronous on Linux) only
 * after its transaction returned. The parent kills it at a random moment.
 */
import { callApiSync } from '../../db/api/call';
import { openLedger } from '../../db/open';
import { localOperatorId } from '../../db/reference/catalog';

const dir = process.argv[2];
let seed = Number(process.argv[3]) >>> 0;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

const ledger = openLedger(dir);
const ctx = { ledger, userId: localOperatorId(ledger.db) };
const items = (ledger.db.prepare('SELECT id FROM items ORDER BY id').all() as { id: number }[]).map((r) => r.id);
const checkpoints = (ledger.db.prepare('SELECT id FROM checkpoints ORDER BY id').all() as { id: number }[]).map((r) => r.id);
const sourceId = (ledger.db.prepare('SELECT id FROM sources LIMIT 1').get() as { id: number }).id;
process.stdout.write('ready\n');

for (;;) {
  const lines = Array.from({ length: 1 + Math.floor(random() * 5) }, () => ({ itemId: items[Math.floor(random() * items.length)], quantity: 1 + Math.floor(random() * 20) }));
  const time = new Date().toISOString();
  const r = random();
  const input =
    r < 0.4
      ? { type: 'receipt', sourceId, time, lines }
      : r < 0.9
        ? { type: 'issue', checkpointId: checkpoints[Math.floor(random() * checkpoints.length)], time, lines }
        : { type: 'void', time };
  if (input.type === 'void') {
    const last = ledger.db.prepare("SELECT id FROM documents WHERE type = 'issue' AND state = 'posted' ORDER BY id DESC LIMIT 1").get() as { id: number } | undefined;
    if (!last) continue;
    const v = callApiSync(ctx, 'docs.void', { documentId: last.id, reason: '演练作废', time });
    if (v.ok) process.stdout.write(`${v.data.number}\n`);
    continue;
  }
  const answer = callApiSync(ctx, 'docs.post', input);
  if (answer.ok) process.stdout.write(`${answer.data.number}\n`);
}
