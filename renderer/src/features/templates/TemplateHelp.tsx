import { Collapse, Table, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n';

/** The template language, in the app: every name a form may use. */
export function TemplateHelp() {
  const { t } = useI18n();
  const vocab = useApi('templates.vocabulary');
  const v = vocab.data;
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
                { title: t('templates.dataset'), render: (_x, r) => <code>{`{{#表 ${r.names[0]}}}`}</code>, width: 170 },
                { title: t('templates.fields'), render: (_x, r) => r.fields.map((f) => `{{行.${f[0]}}}`).join(' ') },
                { title: t('templates.meaning'), dataIndex: 'help', width: 220 },
              ]} />
          </>
        ),
      }]}
    />
  );
}
