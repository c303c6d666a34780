import type { ReadingToken } from '@atrium/sdk';
import { type MouseEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/provider.js';
import type { Translatable, TranslationState } from './translation.js';

type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/** Whether a point lies inside one of a range's boxes (the character it spans is under it). */
function covers(range: Range, x: number, y: number): boolean {
  for (const box of Array.from(range.getClientRects())) {
    if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return true;
  }
  return false;
}

/**
 * The character offset, within `container`'s text, of the character under a point; null when
 * the point is not on its text. A caret sits between two characters: the one under the point is
 * the one before or the one after it.
 */
export function characterAt(container: HTMLElement, x: number, y: number): number | null {
  const doc = document as CaretDocument;
  let node: Node | null = null;
  let caret = 0;
  if (doc.caretPositionFromPoint) {
    const position = doc.caretPositionFromPoint(x, y);
    if (position) {
      node = position.offsetNode;
      caret = position.offset;
    }
  } else if (doc.caretRangeFromPoint) {
    const range = doc.caretRangeFromPoint(x, y);
    if (range) {
      node = range.startContainer;
      caret = range.startOffset;
    }
  }
  if (!node || node.nodeType !== Node.TEXT_NODE || !container.contains(node)) return null;
  const length = node.textContent?.length ?? 0;
  let at: number | null = null;
  for (const candidate of [caret, caret - 1]) {
    if (candidate < 0 || candidate >= length) continue;
    const range = document.createRange();
    range.setStart(node, candidate);
    range.setEnd(node, candidate + 1);
    if (covers(range, x, y)) {
      at = candidate;
      break;
    }
  }
  if (at === null) return null;
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let before = 0;
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (text === node) return before + at;
    before += text.textContent?.length ?? 0;
  }
  return null;
}

interface Shown {
  token: ReadingToken | null;
  loading: boolean;
  failed: boolean;
  left: number;
  top: number;
}

/**
 * Tap-a-word glosses in the original of a note or comment in a language the reader does not
 * read (docs/web.md, "Tap a word"): a tap on a word shows its reading and dictionary gloss in a
 * small card under it, from the same cached reading as _Read word by word_. Links (topics,
 * mentions) keep their tap; a selection is left alone. `text` is the field as written: when
 * what is rendered differs from it, nothing is glossed.
 */
export function Glossable({
  state,
  field,
  text,
  lang,
  children,
}: {
  state: TranslationState<Translatable>;
  field: 'title' | 'body';
  text: string;
  lang: string | undefined;
  children: ReactNode;
}) {
  const { t } = useT();
  const box = useRef<HTMLSpanElement>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const ask = useRef(0);

  useEffect(() => {
    if (!shown) return;
    const close = (event: KeyboardEvent | PointerEvent) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event instanceof PointerEvent && box.current?.contains(event.target as Node)) return;
      ask.current++;
      setShown(null);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [shown]);

  if (!state.glossable || state.shown || state.reading) return <>{children}</>;

  const onClick = async (event: MouseEvent<HTMLSpanElement>) => {
    const container = box.current;
    if (!container) return;
    const target = event.target as HTMLElement;
    if (target.closest('a, button, .word-gloss')) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const content = container.querySelector<HTMLElement>('.glossable-text');
    if (!content || content.textContent !== text) return;
    const offset = characterAt(content, event.clientX, event.clientY);
    if (offset === null) {
      setShown(null);
      return;
    }
    const outer = container.getBoundingClientRect();
    const place = {
      left: Math.max(0, event.clientX - outer.left - 24),
      top: event.clientY - outer.top + 14,
    };
    const mine = ++ask.current;
    setShown({ token: null, loading: true, failed: false, ...place });
    try {
      const token = await state.wordAt(field, offset);
      if (ask.current !== mine) return;
      setShown(token ? { token, loading: false, failed: false, ...place } : null);
    } catch {
      if (ask.current === mine) setShown({ token: null, loading: false, failed: true, ...place });
    }
  };

  const base = lang?.split('-')[0];
  return (
    // the words are the targets: a pointer aid over text that keyboard and screen-reader users
    // read whole with "Read word by word" or a translation
    // biome-ignore lint/a11y/useKeyWithClickEvents: see above
    // biome-ignore lint/a11y/noStaticElementInteractions: see above
    <span className="glossable" ref={box} onClick={(event) => void onClick(event)}>
      <span className="glossable-text">{children}</span>
      {shown ? (
        <span
          className="word-gloss"
          role="status"
          style={{ left: `${shown.left}px`, top: `${shown.top}px` }}
        >
          {shown.loading ? (
            t('reading.loading')
          ) : shown.failed || !shown.token ? (
            t('gloss.unavailable')
          ) : (
            <>
              <span className="word-gloss-word" lang={lang}>
                {shown.token.text}
              </span>
              {shown.token.reading ? (
                <span
                  className={
                    shown.token.romaji !== undefined
                      ? 'word-gloss-reading'
                      : 'word-gloss-reading word-gloss-latin'
                  }
                  lang={shown.token.romaji !== undefined ? lang : base ? `${base}-Latn` : undefined}
                >
                  {shown.token.reading}
                </span>
              ) : null}
              {shown.token.romaji ? (
                <span
                  className="word-gloss-reading word-gloss-latin"
                  lang={base ? `${base}-Latn` : undefined}
                >
                  {shown.token.romaji}
                </span>
              ) : null}
              {shown.token.gloss ? (
                <span className="word-gloss-meaning" lang="en">
                  {shown.token.gloss}
                </span>
              ) : null}
              <span className="word-gloss-note">{t('gloss.note')}</span>
            </>
          )}
        </span>
      ) : null}
    </span>
  );
}
