import { useEffect, useState, useSyncExternalStore } from 'react';
import { useT } from '../i18n/provider.js';

/** What the toast says, and how to take the action back. */
export interface UndoOffer {
  message: string;
  /** Absent for a plain message (nothing to take back). */
  undo?: () => void;
}

/** How long an offer stays on screen: long enough to read and reach the button. */
const SHOWN_MS = 10_000;

// One toast for the whole app, outside React state so any screen (or one that is leaving, like a
// note page going back to the feed) can offer an undo.
let current: { offer: UndoOffer; id: number } | null = null;
let counter = 0;
const listeners = new Set<() => void>();
const emit = () => {
  for (const listener of listeners) listener();
};

export function offerUndo(offer: UndoOffer): void {
  counter += 1;
  current = { offer, id: counter };
  emit();
}

function dismiss(id: number): void {
  if (current?.id !== id) return;
  current = null;
  emit();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The "…, Undo" toast above the tab bar: announced politely (a status region), gone after ten
 * seconds (paused while pointed at or focused), when the action is undone or when a newer offer
 * replaces it.
 */
export function UndoToast() {
  const { t } = useT();
  const shown = useSyncExternalStore(subscribe, () => current);
  // the time runs only while nobody points at or focuses the toast (time to reach Undo)
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!shown || held) return;
    const timer = setTimeout(() => dismiss(shown.id), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [shown, held]);
  return (
    <div
      className="undo-toast"
      role="status"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      {shown ? (
        <>
          <span>{shown.offer.message}</span>
          {shown.offer.undo ? (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                dismiss(shown.id);
                shown.offer.undo?.();
              }}
            >
              {t('common.undo')}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
