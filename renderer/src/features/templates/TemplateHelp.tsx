import { Collapse, Table, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';

/** The template language, in the app: every name a form may use. */
export function TemplateHelp() {
  const { t, language } = useI18n();
  const vocab = useApi('templates.vocabulary');
  const v = vocab.data;
  // A table's marker and fields in the screen's language: 表/行 and the Chinese names, or table/row and the English aliases.
  const named = (names: string[]) => (language === 'en' ? names[1] ?? names[0] : names[0]);
  return (
    <Collapse
      size="small"
      items={[{
        key: 'help',
        label: t('templates.help'),
        children: v && (
          <>
            <Typography.Paragraph>{t('templates.helpIntro')}</Typography.Paragraph>
            <Table size="small" pagination={false} rowKey={(r) => r.names[0]} dataSource={v.singles}
              columns={[
                { title: t('templates.single'), render: (_x, r) => <code>{`{{${r.names[0]}}}`}</code> },
                { title: 'English', render: (_x, r) => <code>{r.names.slice(1).map((n) => `{{${n}}}`).join(' ')}</code> },
                { title: t('templates.meaning'), dataIndex: 'help' },
              ]} />
            <Table size="small" pagination={false} rowKey={(r) => r.names[0]} dataSource={v.datasets} style={{ marginTop: 12 }}
              columns={[
                { title: t('templates.dataset'), render: (_x, r) => <code>{t('templates.tableMarker', { name: named(r.names) })}</code>, width: 170 },
                { title: t('templates.fields'), render: (_x, r) => r.fields.map((f) => t('templates.rowField', { name: named(f) })).join(' ') },
                { title: t('templates.meaning'), dataIndex: 'help', width: 220 },
              ]} />
          </>
        ),
      }]}
    />
  );
}
