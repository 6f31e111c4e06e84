/** `npm run stress [-- trials]`: the kill -9 trial, 500 times by default. */
import { rmSync } from 'node:fs';
import { killTrial, prepareTemplate } from './trial';

async function main() {
  const trials = Number(process.argv[2] ?? 500);
  const template = prepareTemplate();
  let committed = 0;
  const failures: string[] = [];
  for (let i = 0; i < trials; i++) {
    const r = await killTrial(template, 1000 + i, 30 + ((i * 7919) % 400));
    committed += r.committed;
    if (r.integrity !== 'ok' || !r.stockMatches || !r.auditOk || r.missing.length) failures.push(`trial ${i}: ${JSON.stringify(r)}`);
    if ((i + 1) % 50 === 0) console.log(`${i + 1}/${trials} trials, ${committed} committed documents, ${failures.length} failures`);
  }
  rmSync(template, { recursive: true, force: true });
  console.log(failures.length ? failures.join('\n') : `all ${trials} trials: integrity ok, stock == Σ movements, audit chain ok, every reported document present`);
  process.exitCode = failures.length ? 1 : 0;
}
void main();
