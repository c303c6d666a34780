import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/provider.js';

export interface MoreMenuItem {
  label: string;
  onSelect: () => void;
}

/**
 * The "…" button of a note, comment or profile: a small disclosure with a list of actions.
 * Escape or a click elsewhere closes it; choosing an action gives focus back to the button, so
 * a dialog the action opens returns focus there too.
 */
export function MoreMenu({
  items,
  label,
  className = 'more-button',
}: {
  items: MoreMenuItem[];
  label?: string;
  className?: string;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const menuId = useId();
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  if (items.length === 0) return null;
  return (
    <div className="more" ref={container}>
      <button
        ref={button}
        type="button"
        className={className}
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={label ?? t('common.more')}
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      <ul id={menuId} className="more-list" hidden={!open}>
        {items.map((item) => (
          <li key={item.label}>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                button.current?.focus();
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
