import { Checkbox } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiInput } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';

type Format = NonNullable<ApiInput<'reports.export'>['formats']>[number];

/**
 * Which files a report is written as: the built-in formats and the superior's forms (报表模板),
 * ticked as set under Settings → 报表模板 until changed here for this report.
 */
export function useExportChoice() {
  const { t } = useI18n();
  const list = useApi('templates.list');
  const [chosen, setChosen] = useState<string[] | null>(null);
  useEffect(() => {
    if (list.data && chosen === null) {
      setChosen([...list.data.builtIn.filter((b) => b.exportByDefault).map((b) => `b:${b.id}`), ...list.data.templates.filter((x) => x.exportByDefault).map((x) => `t:${x.id}`)]);
    }
  }, [list.data, chosen]);
  const keys = chosen ?? [];
  const options = [
    ...(list.data?.builtIn ?? []).map((b) => ({ value: `b:${b.id}`, label: b.name })),
    ...(list.data?.templates ?? []).map((x) => ({ value: `t:${x.id}`, label: `${x.name}(${t('templates.form')})` })),
  ];
  return {
    ready: chosen !== null,
    formats: keys.filter((k) => k.startsWith('b:')).map((k) => k.slice(2)) as Format[],
    templates: keys.filter((k) => k.startsWith('t:')).map((k) => Number(k.slice(2))),
    empty: keys.length === 0,
    element: <Checkbox.Group value={keys} onChange={(v) => setChosen(v as string[])} options={options} data-testid="report-formats" />,
  };
}
