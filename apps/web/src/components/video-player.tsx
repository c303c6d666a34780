import type { Media } from '@atrium/sdk';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/provider.js';
import { formatDuration } from '../lib/text.js';
import { placeholderUrl } from '../lib/thumbhash.js';
import { Icon } from './common.js';

/** How much of the video must be on screen for it to play. */
const VISIBLE = 0.6;

/** Whether the reader asked for less motion (then nothing plays by itself). */
function useReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(
    () => typeof matchMedia === 'function' && matchMedia(query).matches,
  );
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const list = matchMedia(query);
    const changed = () => setReduced(list.matches);
    list.addEventListener('change', changed);
    return () => list.removeEventListener('change', changed);
  }, []);
  return reduced;
}

/**
 * A note's video (docs/media.md, "Video notes"): its poster first, then muted, looping and
 * inline while at least 60% of it is on screen, paused when it leaves (the immersive view
 * mounts every slide of a page). Sound and play/pause are buttons, always visible; with
 * reduced motion it never starts by itself. A video still processing (its author's view) shows
 * a notice instead.
 */
export function VideoPlayer({
  media,
  title,
  className = 'video-player',
}: {
  media: Media;
  title: string;
  className?: string;
}) {
  const { t } = useT();
  const video = useRef<HTMLVideoElement>(null);
  const reduced = useReducedMotion();
  const [muted, setMuted] = useState(true);
  const [playing, setPlaying] = useState(false);
  // the reader paused it: it stays paused when it comes back on screen
  const held = useRef(false);
  const ready = !!media.url && media.processing?.state !== 'failed';

  useEffect(() => {
    const element = video.current;
    if (!element || !ready || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (!entry) return;
        if (entry.intersectionRatio >= VISIBLE) {
          if (!reduced && !held.current) element.play().catch(() => {});
        } else if (!element.paused) {
          element.pause();
        }
      },
      { threshold: [0, VISIBLE, 1] },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ready, reduced]);

  const ratio = media.width && media.height ? media.width / media.height : 9 / 16;
  const label = media.alt || title;
  if (!ready) {
    return (
      <div className={`${className} video-pending`} style={{ aspectRatio: String(ratio) }}>
        <p role="status">
          {media.processing?.state === 'failed' ? t('video.failed') : t('video.processing')}
        </p>
      </div>
    );
  }
  const toggleSound = () => {
    const element = video.current;
    if (!element) return;
    element.muted = !element.muted;
    setMuted(element.muted);
    // unmuting a paused video means the reader wants to hear it
    if (!element.muted && element.paused) {
      held.current = false;
      element.play().catch(() => {});
    }
  };
  const togglePlay = () => {
    const element = video.current;
    if (!element) return;
    if (element.paused) {
      held.current = false;
      element.play().catch(() => {});
    } else {
      held.current = true;
      element.pause();
    }
  };
  return (
    <figure
      className={className}
      style={{
        aspectRatio: String(Math.min(4 / 3, Math.max(9 / 16, ratio))),
        backgroundImage: media.placeholder
          ? `url(${placeholderUrl(media.placeholder)})`
          : undefined,
      }}
    >
      <video
        ref={video}
        src={media.url}
        poster={media.video?.posterUrl || media.cardUrl || undefined}
        muted={muted}
        loop
        playsInline
        preload="metadata"
        aria-label={t('video.label', {
          title: label,
          duration: formatDuration(media.video?.durationSeconds ?? 0),
        })}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onVolumeChange={(event) => setMuted(event.currentTarget.muted)}
      />
      <div className="video-controls">
        <button
          type="button"
          className="video-button"
          aria-label={playing ? t('video.pause') : t('video.play')}
          onClick={togglePlay}
        >
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <span className="video-duration" aria-hidden="true">
          {formatDuration(media.video?.durationSeconds ?? 0)}
        </span>
        {media.video?.hasAudio === false ? (
          <span className="video-silent">{t('video.noSound')}</span>
        ) : (
          <button
            type="button"
            className="video-button"
            aria-label={muted ? t('video.unmute') : t('video.mute')}
            onClick={toggleSound}
          >
            <Icon name={muted ? 'muted' : 'sound'} />
          </button>
        )}
      </div>
    </figure>
  );
}
