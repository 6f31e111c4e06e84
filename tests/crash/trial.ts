import { spawn } from 'node:child_process';
import { buildSync } from 'esbuild';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { verifyAudit } from '../../db/audit';
import { checkFile } from '../../db/backup/check';
import { openLedger, LEDGER_FILE } from '../../db/open';
import { verifyLedger } from '../../db/queries/verify';
import { operatorCalls } from '../helpers/ledger';

const CHILD = resolve(__dirname, 'child.ts');
/** Bundled once per run beside node_modules (so its packages resolve): a plain node start per trial. */
const BUNDLE = resolve(__dirname, '..', '..', 'node_modules', '.cache', 'ledger-crash-child.cjs');

function bundleChild(): void {
  buildSync({ entryPoints: [CHILD], outfile: BUNDLE, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'error' });
}

/** A ledger with goods, a source and checkpoints, built once and copied for each trial. */
export function prepareTemplate(): string {
  bundleChild();
  const dir = mkdtempSync(join(tmpdir(), 'crash-template-'));
  const ledger = openLedger(dir);
  const ok = operatorCalls(ledger);
  const cat = ok('categories.list')[0].id;
  for (let i = 1; i <= 8; i++) ok('items.create', { code: `W${i}`, name: `演练物资${i}`, categoryId: cat, unit: '件' });
  ok('items.create', { code: 'W9', name: '演练扩音器', categoryId: cat, unit: '台', durable: true });
  ok('sources.create', { name: '演练来源', type: 'purchase' });
  for (let i = 1; i <= 4; i++) {
    const checkpoint = ok('checkpoints.create', { name: `演练点位${i}`, type: '卡口' });
    ok('people.create', { name: `演练领取人${i}`, checkpointId: checkpoint.id });
  }
  ok('users.create', { username: 'drill', displayName: '演练管理员', role: 'admin', password: 'drill-pass-1' });
  // Stock to issue from, for every item.
  ok('docs.post', { type: 'receipt', sourceId: ok('sources.list')[0].id, lines: ok('items.list').map((i) => ({ itemId: i.id, quantity: 200 })) });
  ledger.close();
  return dir;
}

export interface TrialResult {
  committed: number;
  /** Document types among the committed ones. */
  types: string[];
  /** Finished backups in the folder, and those that fail integrity_check. */
  backups: number;
  badBackups: string[];
  integrity: string;
  stockMatches: boolean;
  auditOk: boolean;
  missing: string[];
}

/** One kill -9: start the poster, kill it after `delayMs` of posting, reopen and check everything. */
export async function killTrial(template: string, seed: number, delayMs: number): Promise<TrialResult> {
  const dir = mkdtempSync(join(tmpdir(), 'crash-trial-'));
  copyFileSync(join(template, LEDGER_FILE), join(dir, LEDGER_FILE));
  const reported: string[] = [];
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [BUNDLE, dir, String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') {
          if (!started) setTimeout(() => child.kill('SIGKILL'), delayMs);
          started = true;
        } else if (line) reported.push(line);
      }
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? done() : fail(new Error(`child ended by itself (${_code})`))));
    child.on('error', fail);
  });
  try {
    const raw = new Database(join(dir, LEDGER_FILE));
    const integrity = (raw.pragma('integrity_check', { simple: true }) as string) ?? '';
    raw.close();
    const ledger = openLedger(dir);
    const numbers = new Set((ledger.db.prepare('SELECT number FROM documents').all() as { number: string }[]).map((r) => r.number));
    const folder = join(dir, 'backups');
    const finished = existsSync(folder) ? readdirSync(folder).filter((f) => /^ledger-.*\.sqlite$/.test(f)) : [];
    const result: TrialResult = {
      committed: reported.length,
      types: (ledger.db.prepare('SELECT DISTINCT type FROM documents ORDER BY type').pluck().all() as string[]),
      backups: finished.length,
      badBackups: finished.filter((f) => checkFile(join(folder, f)).check !== 'ok'),
      integrity,
      stockMatches: verifyLedger(ledger.db).ok,
      auditOk: verifyAudit(ledger.db).ok,
      missing: reported.filter((n) => !numbers.has(n)),
    };
    ledger.close();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
