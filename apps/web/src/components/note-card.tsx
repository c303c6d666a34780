import type { Note } from '@atrium/sdk';
import { memo, useState } from 'react';
import { Link } from 'wouter';
import { useT } from '../i18n/provider.js';
import { useNotInterested } from '../lib/not-interested.js';
import { useMe } from '../lib/session.js';
import { cardAspect, formatDuration } from '../lib/text.js';
import { placeholderUrl } from '../lib/thumbhash.js';
import { Avatar, Icon } from './common.js';
import { LanguageLabel } from './language-label.js';
import { useRestrictionMarkers } from './moderation-marks.js';
import { MoreMenu } from './more-menu.js';
import { StaffBadge } from './staff-badge.js';

// Text-only notes get a soft gradient cover, chosen by id so a card keeps its colour.
const TEXT_COVERS = [
  'linear-gradient(160deg, #fff5f6 0%, #ffd6dc 100%)',
  'linear-gradient(160deg, #fff8ec 0%, #ffe1b8 100%)',
  'linear-gradient(160deg, #f1fbf6 0%, #c9efdc 100%)',
  'linear-gradient(160deg, #f2f6ff 0%, #d3e0ff 100%)',
  'linear-gradient(160deg, #f8f2ff 0%, #e2d3ff 100%)',
];
export function coverFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 33 + char.charCodeAt(0)) >>> 0;
  return TEXT_COVERS[hash % TEXT_COVERS.length]!;
}

/**
 * A feed card: cover at a fixed aspect ratio (no layout shift), title, author and likes. A note
 * with content warnings keeps its cover blurred under the warning until the viewer asks to see
 * it; the author of a restricted note sees why it reaches fewer people.
 */
export const NoteCard = memo(function NoteCard({
  note,
  dismissable = false,
}: {
  note: Note;
  /** Offer "Not interested" in a ⋯ menu (discover, to a signed-in reader not its author). */
  dismissable?: boolean;
}) {
  const { t, count } = useT();
  const me = useMe();
  const notInterested = useNotInterested();
  const [revealed, setRevealed] = useState(false);
  const markers = useRestrictionMarkers(note);
  const cover = note.media[0];
  const title = note.title || note.body.slice(0, 120);
  const aspectRatio = cover ? String(cardAspect(cover.width, cover.height)) : '3 / 4';
  const covered = note.labels.length > 0 && !revealed;
  const labels = note.labels.join(', ');
  return (
    <article className={covered ? 'card covered' : 'card'}>
      {/* The link is named by what it shows (the title); the cover repeats it, so it stays
          out of the name. */}
      <Link href={`/note/${note.id}`} className="card-link">
        {cover ? (
          <div
            className="cover"
            style={{
              aspectRatio,
              backgroundImage: cover.placeholder
                ? `url(${placeholderUrl(cover.placeholder)})`
                : undefined,
            }}
          >
            {cover.cardUrl ? (
              <img src={cover.cardUrl} alt="" loading="lazy" decoding="async" />
            ) : (
              // a video still processing (only its author sees the note then)
              <span className="cover-processing">{t('video.processing')}</span>
            )}
            {cover.video || cover.processing ? (
              <span className="card-video">
                <Icon name="play" filled />
                {cover.video ? (
                  <>
                    <span aria-hidden="true">{formatDuration(cover.video.durationSeconds)}</span>
                    <span className="visually-hidden">
                      {t('card.video', { duration: formatDuration(cover.video.durationSeconds) })}
                    </span>
                  </>
                ) : null}
              </span>
            ) : null}
            <LanguageLabel lang={note.lang} className="card-lang" />
          </div>
        ) : (
          <div className="cover text-cover" style={{ aspectRatio, background: coverFor(note.id) }}>
            <p lang={note.lang ?? undefined} aria-hidden="true">
              {note.title || note.body.slice(0, 160)}
            </p>
            <LanguageLabel lang={note.lang} className="card-lang" />
          </div>
        )}
        <h3 className="card-title" lang={note.lang ?? undefined}>
          {title}
        </h3>
      </Link>
      {covered ? (
        // Over the cover, beside the link rather than inside it: a button may not sit in a link.
        <div className="cover-warning" style={{ aspectRatio }}>
          <p>
            <span aria-hidden="true">⚠︎</span> {labels}
          </p>
          <button
            type="button"
            className="button secondary small"
            aria-label={t('moderation.showNote', { labels })}
            onClick={() => setRevealed(true)}
          >
            {t('moderation.show')}
          </button>
        </div>
      ) : null}
      {markers.map((marker) => (
        <p key={marker} className="card-flag">
          {marker}
        </p>
      ))}
      <div className="card-meta">
        <Link href={`/u/${note.author.handle}`} className="card-author">
          <Avatar user={note.author} size={20} />
          <span className="name">{note.author.displayName}</span>
          <StaffBadge badge={note.author.badge} compact />
        </Link>
        <span className={note.viewer.liked ? 'card-likes liked' : 'card-likes'}>
          <Icon name="heart" filled={note.viewer.liked} />
          <span aria-hidden="true">{count(note.counts.likes)}</span>
          <span className="visually-hidden">{t('card.likes', { count: note.counts.likes })}</span>
        </span>
        {dismissable && me.data && me.data.id !== note.author.id ? (
          <MoreMenu
            className="card-more"
            label={t('card.more', { title })}
            items={[{ label: t('notInterested.action'), onSelect: () => notInterested(note) }]}
          />
        ) : null}
      </div>
    </article>
  );
});
