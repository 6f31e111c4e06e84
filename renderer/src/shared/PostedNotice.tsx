import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { PrintDialog } from '../features/slips/PrintDialog';
import { useI18n } from '../i18n';

export interface PostedDoc {
  id: number;
  number: string;
}

// A box being typed in keeps its P (a checkpoint's initials may start with it): there Ctrl+P prints.
const editable = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA');

/**
 * "已保存:CK20261201-009" after posting, with 打印: P (outside the text boxes) or Ctrl+P (anywhere)
 * opens the print preview of the document just posted, where Enter prints.
 */
export function PostedNotice({ posted, onClose, printable = true, title, printLabel, printTestId = 'posted-print' }: {
  posted: PostedDoc | null; onClose(): void; printable?: boolean; title?: string; printLabel?: string; printTestId?: string;
}) {
  const { t } = useI18n();
  const [printing, setPrinting] = useState<number>();
  useEffect(() => {
    if (!posted || !printable) return;
    const onKey = (e: KeyboardEvent) => {
      if (printing !== undefined) return;
      const ctrlP = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p';
      const plainP = !e.ctrlKey && !e.metaKey && !e.altKey && e.key.toLowerCase() === 'p' && !editable(e.target);
      if (!ctrlP && !plainP) return;
      e.preventDefault();
      e.stopPropagation();
      setPrinting(posted.id);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [posted, printable, printing]);
  return (
    <>
      {posted && (
        <Alert type="success" showIcon closable onClose={onClose} style={{ marginBottom: 12 }} data-testid="posted-notice"
          title={title ?? t('common.savedAs', { number: posted.number })}
          action={printable ? <Button size="small" onClick={() => setPrinting(posted.id)} data-testid={printTestId}>{printLabel ?? t('posted.print')}</Button> : undefined} />
      )}
      <PrintDialog documentId={printing} onClose={() => setPrinting(undefined)} />
    </>
  );
}
