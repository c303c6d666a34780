import { useT } from '../i18n/provider.js';
import { Dialog } from './dialog.js';

/** "Block @handle?" with what it means, from a profile or a note's ⋯ menu. */
export function BlockDialog({
  open,
  handle,
  onClose,
  onConfirm,
}: {
  open: boolean;
  handle: string;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const { t } = useT();
  return (
    <Dialog open={open} onClose={onClose} title={t('block.confirmTitle', { handle })}>
      <div className="dialog-body">
        <p>{t('block.confirmBody')}</p>
        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              onClose();
              onConfirm();
            }}
          >
            {t('block.action')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
