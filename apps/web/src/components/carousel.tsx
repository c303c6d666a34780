import type { Media } from '@atrium/sdk';
import { type KeyboardEvent, useRef, useState } from 'react';
import { useT } from '../i18n/provider.js';
import { placeholderUrl } from '../lib/thumbhash.js';
import { Icon } from './common.js';

/** Swipeable images (native scroll snapping), with dots, arrows and keyboard control. */
export function Carousel({ media, title }: { media: Media[]; title: string }) {
  const { t } = useT();
  const track = useRef<HTMLUListElement>(null);
  const [current, setCurrent] = useState(0);
  const first = media[0];
  if (!first) return null;
  // The frame keeps the first image's shape (clamped), like the app does.
  const ratio = Math.min(4 / 3, Math.max(3 / 4, first.width / first.height || 1));

  const go = (index: number) => {
    const element = track.current;
    if (!element) return;
    const next = Math.max(0, Math.min(media.length - 1, index));
    element.scrollTo({ left: next * element.clientWidth, behavior: 'smooth' });
    setCurrent(next);
  };
  // The track takes the focus (one Tab stop, even when there is a single image), and the arrow
  // keys, Home and End move between images as the buttons do.
  const onKeyDown = (event: KeyboardEvent) => {
    const target = {
      ArrowLeft: current - 1,
      ArrowRight: current + 1,
      Home: 0,
      End: media.length - 1,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    go(target);
  };
  const onScroll = () => {
    const element = track.current;
    if (element) setCurrent(Math.round(element.scrollLeft / Math.max(1, element.clientWidth)));
  };

  return (
    <section
      className="carousel"
      aria-roledescription="carousel"
      aria-label={t('note.images')}
      style={{ aspectRatio: String(ratio) }}
    >
      <ul
        className="carousel-track"
        ref={track}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes the focus, or the keyboard cannot reach it
        tabIndex={0}
        aria-label={
          media.length > 1
            ? t('note.image', { index: current + 1, total: media.length })
            : t('note.images')
        }
      >
        {media.map((item, index) => (
          <li
            className="carousel-slide"
            key={item.id}
            style={{
              backgroundImage: item.placeholder
                ? `url(${placeholderUrl(item.placeholder)})`
                : undefined,
            }}
          >
            <img
              src={item.url}
              alt={
                item.alt ||
                (media.length > 1
                  ? `${title} · ${t('note.image', { index: index + 1, total: media.length })}`
                  : title)
              }
              loading={index === 0 ? 'eager' : 'lazy'}
            />
          </li>
        ))}
      </ul>
      {media.length > 1 ? (
        <>
          <button
            type="button"
            className="carousel-arrow prev"
            onClick={() => go(current - 1)}
            disabled={current === 0}
            aria-label={t('note.prev')}
          >
            <Icon name="left" />
          </button>
          <button
            type="button"
            className="carousel-arrow next"
            onClick={() => go(current + 1)}
            disabled={current === media.length - 1}
            aria-label={t('note.next')}
          >
            <Icon name="right" />
          </button>
          <div className="dots">
            {media.map((item, index) => (
              <button
                type="button"
                key={item.id}
                className={index === current ? 'dot active' : 'dot'}
                aria-label={t('note.goTo', { index: index + 1 })}
                aria-current={index === current}
                onClick={() => go(index)}
              />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
