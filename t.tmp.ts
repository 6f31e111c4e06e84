import { writeFileSync } from 'node:fs';
import { openLedger } from './db/open';
import { buildDemo } from './scripts/demo-data';
import { callApiSync } from './db/api/call';
import { localOperatorId } from './db/reference/catalog';
import { fillTemplate } from './excel/template/fill';
import { balanceForm } from './tests/helpers/forms';
import { mkdtempSync } from 'node:fs';
(async () => {
  const dir = mkdtempSync('/tmp/tpl-');
  const l = openLedger(dir); buildDemo(l);
  const r = callApiSync({ ledger: l, userId: localOperatorId(l.db) }, 'reports.daily.preview', undefined);
  if (!r.ok) throw new Error(r.error.message);
  const report = { ...r.data, narrative: { ...r.data.narrative, filledBy: '马文静', reviewedBy: '高振宇', phone: '0571-88001234' } };
  writeFileSync('/tmp/tpl-out/filled.xlsx', await fillTemplate(await balanceForm(), { report, officeAddress: '青禾路 88 号', officePhone: '', now: new Date().toISOString() }));
  writeFileSync('/tmp/tpl-out/fixed.xlsx', await fillTemplate(await balanceForm(20), { report, officeAddress: '青禾路 88 号', officePhone: '', now: new Date().toISOString() }));
})();
