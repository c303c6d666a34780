import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../i18n/provider.js';

/**
 * A modal dialog on the native `<dialog>`: the browser traps focus inside, closes it on Escape
 * and gives focus back to what had it before. Its content mounts only while it is open, so a
 * form in it starts afresh every time.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      {open ? (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className="dialog-close"
              aria-label={t('common.close')}
              onClick={onClose}
            >
              ×
            </button>
          </header>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
