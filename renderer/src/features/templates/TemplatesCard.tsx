import { App, Button, Checkbox, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { useApi, useMutation } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { downloadBase64 } from '../../shared/download';
import { useShowError } from '../../shared/errors';
import { formatBytes, officeTime } from '../../shared/format';
import { TemplateHelp } from './TemplateHelp';
import { TemplateUpload } from './TemplateUpload';

type List = ApiOutput<'templates.list'>;
type Row = { key: string; kind: 'builtIn' | 'template'; id: string | number; name: string; detail: string; exportByDefault: boolean };

/** 报表模板: the superior's forms beside the built-in formats, and which ones the daily report exports. */
export function TemplatesCard() {
  const { t } = useI18n();
  const list = useApi('templates.list');
  const setDefaults = useMutation('templates.setDefaults');
  const remove = useMutation('templates.delete');
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [uploading, setUploading] = useState(false);
  useEffect(() => setChosen(new Set(defaultsOf(list.data))), [list.data]);
  const rows: Row[] = [
    ...(list.data?.builtIn ?? []).map((b) => ({ key: `b-${b.id}`, kind: 'builtIn' as const, id: b.id, name: b.name, detail: t('templates.builtIn'), exportByDefault: b.exportByDefault })),
    ...(list.data?.templates ?? []).map((x) => ({ key: `t-${x.id}`, kind: 'template' as const, id: x.id, name: x.name, detail: `${x.fileName} · ${formatBytes(x.size)} · ${officeTime(x.updatedAt)}`, exportByDefault: x.exportByDefault })),
  ];
  const saveDefaults = async () => {
    try {
      await setDefaults.run({
        formats: [...chosen].filter((k) => k.startsWith('b-')).map((k) => k.slice(2)) as never,
        templateIds: [...chosen].filter((k) => k.startsWith('t-')).map((k) => Number(k.slice(2))),
      });
      message.success(t('settings.saved'));
    } catch (err) {
      showError(err);
    }
  };
  const fileAction = async (method: 'templates.preview' | 'templates.download', id: number) => {
    try {
      const out = await call(method, { id });
      downloadBase64(out.fileName, out.data);
    } catch (err) {
      showError(err);
    }
  };
  const confirmDelete = (r: Row) =>
    modal.confirm({
      title: t('templates.deleteConfirm', { name: r.name }),
      content: t('templates.deleteHint'),
      okButtonProps: { danger: true },
      onOk: () => remove.run({ id: r.id as number }).catch(showError),
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" onClick={() => setUploading(true)} data-testid="template-upload">{t('templates.upload')}</Button>
        <Button onClick={saveDefaults} loading={setDefaults.busy} data-testid="template-defaults">{t('templates.saveDefaults')}</Button>
        <Typography.Text type="secondary">{t('templates.hint')}</Typography.Text>
      </Space>
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        loading={list.loading}
        dataSource={rows}
        columns={[
          {
            title: t('templates.exportByDefault'), width: 110, key: 'use',
            render: (_v, r) => <Checkbox checked={chosen.has(r.key)} onChange={(e) => setChosen((s) => toggle(s, r.key, e.target.checked))} data-testid={`template-use-${r.key}`} />,
          },
          { title: t('templates.name'), dataIndex: 'name', render: (v: string, r) => <Space>{v}{r.kind === 'builtIn' ? <Tag>{t('templates.builtIn')}</Tag> : <Tag color="blue">{t('templates.form')}</Tag>}</Space> },
          { title: '', dataIndex: 'detail', render: (v: string, r) => (r.kind === 'template' ? <Typography.Text type="secondary">{v}</Typography.Text> : null) },
          {
            title: '', key: 'ops', width: 240,
            render: (_v, r) => r.kind === 'template' && (
              <Space>
                <Button size="small" onClick={() => void fileAction('templates.preview', r.id as number)}>{t('templates.preview')}</Button>
                <Button size="small" onClick={() => void fileAction('templates.download', r.id as number)}>{t('templates.original')}</Button>
                <Button size="small" danger onClick={() => confirmDelete(r)}>{t('templates.delete')}</Button>
              </Space>
            ),
          },
        ]}
      />
      <TemplateHelp />
      {uploading && <TemplateUpload onClose={() => setUploading(false)} />}
    </Space>
  );
}

function defaultsOf(data: List | undefined): string[] {
  if (!data) return [];
  return [...data.builtIn.filter((b) => b.exportByDefault).map((b) => `b-${b.id}`), ...data.templates.filter((x) => x.exportByDefault).map((x) => `t-${x.id}`)];
}

function toggle(set: Set<string>, key: string, on: boolean): Set<string> {
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}
