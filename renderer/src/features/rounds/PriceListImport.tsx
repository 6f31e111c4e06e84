import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api/client';
import { toApiError } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { fileToBase64 } from '../../shared/download';
import { isBlankRow, newGoodsRow, type GoodsRow } from './GoodsEditor';

type Preview = ApiOutput<'rounds.goodsPreview'>;
type Read = { fileName: string; good: NonNullable<Preview['rows'][number]['goods']>[]; bad: Preview['rows'] };

/**
 * 从报价单导入: the supplier's .xlsx/.csv read by the ledger; its good rows fill the price list
 * (straight in when the list is still empty, else replacing it or added after it, as the person
 * says), its bad rows listed with the ledger's reasons.
 */
export function PriceListImport({ rows, onChange }: { rows: GoodsRow[]; onChange(rows: GoodsRow[]): void }) {
  const { t } = useI18n();
  const may = useSession().can('rounds.goodsPreview');
  const [read, setRead] = useState<Read | null>(null);
  /** Whether the good rows still wait for 替换/追加. */
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const kept = rows.filter((r) => !isBlankRow(r));
  const apply = (how: 'replace' | 'append', good: Read['good'] = read?.good ?? []) => {
    const added = good.map(newGoodsRow);
    onChange(how === 'replace' || kept.length === 0 ? added : [...kept, ...added]);
    setAsking(false);
  };
  const check = async (f: File) => {
    setBusy(true);
    setError(null);
    setRead(null);
    try {
      const p = await call('rounds.goodsPreview', { fileName: f.name, data: await fileToBase64(f) });
      const r = { fileName: f.name, good: p.rows.flatMap((x) => (x.goods ? [x.goods] : [])), bad: p.rows.filter((x) => x.errors.length > 0) };
      setRead(r);
      if (r.good.length && kept.length === 0) apply('replace', r.good);
      else setAsking(r.good.length > 0);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  if (!may) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 8 }}>
      <Upload accept=".xlsx,.csv" maxCount={1} showUploadList={false} beforeUpload={(f) => { void check(f); return false; }}>
        <Button icon={<FileExcelOutlined />} loading={busy} data-testid="goods-import">{t('roundsFree.importOpen')}</Button>
      </Upload>
      {error && <Alert type="error" showIcon title={error} data-testid="goods-import-error" />}
      {read && (
        <Alert type={read.bad.length ? 'warning' : 'success'} showIcon data-testid="goods-import-summary"
          title={asking
            ? t('roundsFree.importAsk', { file: read.fileName, good: read.good.length, bad: read.bad.length, kept: kept.length })
            : t('roundsFree.importRead', { file: read.fileName, good: read.good.length, bad: read.bad.length })}
          action={asking ? (
            <Space>
              <Button size="small" type="primary" onClick={() => apply('replace')} data-testid="goods-import-replace">{t('roundsFree.importReplace')}</Button>
              <Button size="small" onClick={() => apply('append')} data-testid="goods-import-append">{t('roundsFree.importAppend')}</Button>
            </Space>
          ) : undefined} />
      )}
      {read && read.bad.length > 0 && (
        <Table size="small" rowKey="row" pagination={false} dataSource={read.bad} data-testid="goods-import-bad" scroll={{ y: 160 }}
          columns={[
            { title: t('householdImport.row'), dataIndex: 'row', width: 56 },
            {
              title: t('householdImport.problems'), key: 'errors',
              render: (_, r) => r.errors.map((e) => <Tag color="red" key={e} style={{ whiteSpace: 'normal' }} data-testid="goods-import-row-error">{e}</Tag>),
            },
          ]} />
      )}
    </Space>
  );
}
