import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApiSync } from '../db/api/call';
import type { ApiInput, ApiOutput, Method } from '../db/api/handlers';
import { FixedClock } from '../db/clock';
import { openLedger, type Ledger } from '../db/open';
import { localOperatorId } from '../db/reference/catalog';

/** An empty ledger in a temp folder standing at `at`, with the API as the local operator calls it; `close` removes it. */
export function freshLedger(name: string, at: string): { ledger: Ledger; ok: <M extends Method>(method: M, input: ApiInput<M>) => ApiOutput<M>; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  const ledger = openLedger(dir, { clock: new FixedClock(new Date(at)) });
  const userId = localOperatorId(ledger.db);
  return {
    ledger,
    ok: (method, input) => {
      const r = callApiSync({ ledger, userId }, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data;
    },
    close: () => {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
