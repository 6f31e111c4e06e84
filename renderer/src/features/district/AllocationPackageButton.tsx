import { Button } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { downloadBase64 } from '../../shared/download';
import { useShowError } from '../../shared/errors';

/** 调拨单数据包 of a 调拨出库 to a registered unit: the file it takes in as a receipt. */
export function AllocationPackageButton({ documentId }: { documentId: number }) {
  const { t } = useI18n();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const get = () => {
    setBusy(true);
    call('allocations.package', { documentId }).then((f) => downloadBase64(f.fileName, f.data, 'application/json'), showError).finally(() => setBusy(false));
  };
  return <Button loading={busy} onClick={get} data-testid="doc-allocation">{t('alloc.package')}</Button>;
}
