import { z } from 'zod';
import { FORMAT_IDS, type Format } from '../../excel/daily/workbook';
import { DATASETS, SINGLES } from '../../excel/template/vocabulary';
import { dayPeriod } from '../reports/days';
import { computeReport } from '../reports/compute';
import {
  builtInFormats, checkedTemplate, type FillableTemplate, deleteTemplate, getTemplate, listTemplates, setDefaults, storeTemplate, templateFiles, updateTemplate,
} from '../reports/templates';
import { id, name } from '../reference/common';
import { inspectTemplate } from '../../excel/template/fill';
import { command, job, noInput, query } from './handler';

/** A workbook as base64; 10 MB of form is plenty. */
const file = z.strictObject({ fileName: z.string().min(1).max(200), data: z.string().max(14_000_000) });
const dataset = z.string().max(20).nullable().optional();
const formatList = z.array(z.enum(FORMAT_IDS as [Format, ...Format[]])).max(FORMAT_IDS.length);

function decode(data: string): Buffer {
  return Buffer.from(data, 'base64');
}

/** 报表模板: the superior's own forms, checked when loaded, filled with any report. */
export const templateHandlers = {
  'templates.list': query(noInput, ({ ledger }) => ({ builtIn: builtInFormats(ledger.db), templates: listTemplates(ledger.db) })),
  'templates.vocabulary': query(noInput, () => ({
    singles: SINGLES.map((s) => ({ names: s.names, help: s.help })),
    datasets: DATASETS.map((d) => ({ names: d.names, help: d.help, fields: d.fields.map((f) => f.names) })),
  })),
  'templates.inspect': query(file.extend({ defaultDataset: dataset }), async (_ctx, input) => inspectTemplate(decode(input.data), input.defaultDataset ?? null, input.fileName)),
  'templates.create': job(
    file.extend({ name: name(40), defaultDataset: dataset, exportByDefault: z.boolean().optional() }),
    async (ctx, input) => {
      const bytes = decode(input.data);
      await checkedTemplate(bytes, input.defaultDataset ?? null, input.fileName);
      return ctx.commit((tx) =>
        storeTemplate(tx, { name: input.name, fileName: input.fileName, bytes, defaultDataset: input.defaultDataset ?? null, exportByDefault: input.exportByDefault ?? false }, ctx.userId),
      );
    },
  ),
  'templates.update': job(
    z.strictObject({ id, name: name(40).optional(), defaultDataset: dataset, exportByDefault: z.boolean().optional() }),
    async (ctx, input) => {
      if (input.defaultDataset !== undefined) await checkedTemplate(getTemplate(ctx.ledger.db, input.id).bytes, input.defaultDataset);
      return ctx.commit((tx) => updateTemplate(tx, input));
    },
  ),
  'templates.setDefaults': command(z.strictObject({ formats: formatList, templateIds: z.array(id).max(100) }), (tx, input) => {
    setDefaults(tx, input.formats, input.templateIds);
    return { builtIn: builtInFormats(tx.db), templates: listTemplates(tx.db) };
  }),
  'templates.delete': command(z.strictObject({ id }), (tx, input) => deleteTemplate(tx, input.id)),
  'templates.download': query(z.strictObject({ id }), ({ ledger }, input) => {
    const t = getTemplate(ledger.db, input.id);
    return { fileName: t.fileName, data: t.bytes.toString('base64') };
  }),
  /** The form filled with the current period (today's data so far), stored or just uploaded. */
  'templates.preview': query(z.union([z.strictObject({ id }), file.extend({ defaultDataset: dataset })]), async ({ ledger }, input) => {
    const now = ledger.clock.now();
    const d = dayPeriod(ledger.db, now);
    const report = { ...computeReport(ledger.db, d.period, d.partial), day: d.day, kind: d.kind };
    let t: FillableTemplate;
    if ('id' in input) t = getTemplate(ledger.db, input.id);
    else {
      t = { name: input.fileName.replace(/\.xlsx$/i, ''), bytes: decode(input.data), defaultDataset: input.defaultDataset ?? null };
      await checkedTemplate(t.bytes, t.defaultDataset, input.fileName);
    }
    const [out] = await templateFiles(ledger.db, report, [t], '预览', now.toISOString());
    return { fileName: out.fileName, data: out.bytes.toString('base64') };
  }),
};
