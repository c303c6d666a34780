import type { Note } from '@atrium/sdk';
import { type InfiniteData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { Avatar, Empty, ErrorMessage, Icon, Loading } from '../components/common.js';
import { MoreMenu } from '../components/more-menu.js';
import { coverFor } from '../components/note-card.js';
import { ReadingText } from '../components/reading.js';
import { ReportDialog } from '../components/report-dialog.js';
import { RichText } from '../components/rich-text.js';
import { noteText, TranslationBar, useTranslation } from '../components/translation.js';
import { VideoPlayer } from '../components/video-player.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { type Engagement, useEngagementToggle } from '../lib/engagement.js';
import { useNotInterested } from '../lib/not-interested.js';
import { useMe } from '../lib/session.js';
import { placeholderUrl } from '../lib/thumbhash.js';

type NotePage = { items: Note[]; nextCursor: string | null };

/**
 * Like or collect in place, with the note page's state (see useEngagementToggle): a collect here
 * shows on the note page, and one there shows here.
 */
function EngagementButton({ note, what }: { note: Note; what: Engagement }) {
  const { t, count } = useT();
  const { on, total, toggle, error } = useEngagementToggle(note, what);
  const like = what === 'like';
  const action = like
    ? t(on ? 'note.unlike' : 'note.like')
    : t(on ? 'note.uncollect' : 'note.collect');
  const counted = like
    ? t('note.likesCount', { count: total })
    : t('note.collectsCount', { count: total });
  return (
    <>
      <button
        type="button"
        className={on ? `immersive-action ${like ? 'active' : 'active-star'}` : 'immersive-action'}
        aria-pressed={on}
        aria-label={`${action} · ${counted}`}
        onClick={() => void toggle()}
      >
        <Icon name={like ? 'heart' : 'star'} filled={on} />
        <span>{count(total)}</span>
      </button>
      {error ? <ErrorMessage error={error} /> : null}
    </>
  );
}

function Slide({ note, near }: { note: Note; near: boolean }) {
  const { t, count } = useT();
  const me = useMe();
  const [revealed, setRevealed] = useState(false);
  const [reporting, setReporting] = useState(false);
  const notInterested = useNotInterested();
  const cover = note.media[0];
  const title = note.title || note.body.slice(0, 120);
  const covered = note.labels.length > 0 && !revealed;
  const labels = note.labels.join(', ');
  // another's note: report it, or say it is not for you
  const canReport = !!me.data && me.data.id !== note.author.id;
  // Auto-translate only what is on or next to the screen (every slide of the page is mounted),
  // and keep a slide translated once it has been.
  const reached = useRef(false);
  if (near) reached.current = true;
  const translation = useTranslation(
    { kind: 'note', id: note.id, lang: note.lang, editedAt: note.editedAt },
    { automatic: reached.current },
  );
  const text = noteText(note, translation);
  const lang = text.lang ?? note.lang ?? undefined;
  return (
    <article className={covered ? 'immersive-slide covered' : 'immersive-slide'} aria-label={title}>
      <div
        className="immersive-stage"
        style={cover ? undefined : { background: coverFor(note.id) }}
      >
        {cover && (cover.video || cover.processing) && !covered ? (
          <VideoPlayer media={cover} title={title} className="video-player immersive-video" />
        ) : cover ? (
          <img
            className="immersive-image"
            src={cover.video ? cover.video.posterUrl : cover.url}
            alt={title}
            loading="lazy"
            style={{
              aspectRatio: `${cover.width} / ${cover.height}`,
              backgroundImage: cover.placeholder
                ? `url(${placeholderUrl(cover.placeholder)})`
                : undefined,
            }}
          />
        ) : (
          <p className="immersive-text" lang={lang}>
            {text.title || text.body}
          </p>
        )}
        {covered ? (
          <div className="cover-warning">
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
      </div>
      <div className="immersive-info">
        <Link href={`/u/${note.author.handle}`} className="author-link">
          <Avatar user={note.author} size={32} />
          <span>{note.author.displayName}</span>
        </Link>
        <div lang={lang}>
          {translation.reading ? (
            <>
              {note.title ? (
                <h2>
                  <ReadingText tokens={translation.reading.title} lang={lang} />
                </h2>
              ) : null}
              <p className="immersive-body">
                <ReadingText tokens={translation.reading.body} lang={lang} />
              </p>
            </>
          ) : (
            <>
              {text.title ? <h2>{text.title}</h2> : null}
              <p className="immersive-body">
                <RichText text={text.body} topics={note.topics} />
              </p>
            </>
          )}
        </div>
        <TranslationBar state={translation} />
      </div>
      <div className="immersive-actions">
        <EngagementButton note={note} what="like" />
        <EngagementButton note={note} what="collect" />
        {/* named by a hidden text, not aria-label: the visible count stays part of the name */}
        <Link href={`/note/${note.id}`} className="immersive-action">
          <Icon name="comment" />
          <span aria-hidden="true">{count(note.counts.comments)}</span>
          <span className="visually-hidden">
            {t('note.commentsCount', { count: note.counts.comments })}
          </span>
        </Link>
        {canReport ? (
          <>
            <MoreMenu
              className="immersive-action"
              items={[
                // the slide leaves the feed (the next one takes its place), with an Undo
                { label: t('notInterested.action'), onSelect: () => notInterested(note) },
                { label: t('report.action'), onSelect: () => setReporting(true) },
              ]}
            />
            <ReportDialog
              open={reporting}
              onClose={() => setReporting(false)}
              targetType="note"
              targetId={note.id}
              title={t('report.title.note')}
            />
          </>
        ) : null}
      </div>
    </article>
  );
}

/** One note per screen, swiped vertically (scroll snapping); arrow keys and buttons move too. */
export function ImmersiveScreen() {
  const { t } = useT();
  const track = useRef<HTMLDivElement>(null);
  const query = useInfiniteQuery<
    NotePage,
    Error,
    InfiniteData<NotePage>,
    string[],
    string | undefined
  >({
    queryKey: ['feed', 'discover'],
    queryFn: ({ pageParam }) =>
      api.feeds.discover({ limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const seen = new Set<string>();
  const notes = (query.data?.pages ?? [])
    .flatMap((page) => page.items)
    .filter((note) => {
      if (seen.has(note.id)) return false;
      seen.add(note.id);
      return true;
    });
  const [current, setCurrent] = useState(0);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    if (current >= notes.length - 3 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [current, notes.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const go = (index: number) => {
    const element = track.current;
    if (!element) return;
    const next = Math.max(0, Math.min(notes.length - 1, index));
    element.scrollTo({ top: next * element.clientHeight, behavior: 'smooth' });
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if (event.key === 'ArrowDown' || event.key === 'j') {
        event.preventDefault();
        go(current + 1);
      }
      if (event.key === 'ArrowUp' || event.key === 'k') {
        event.preventDefault();
        go(current - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (query.isPending) return <Loading />;
  if (query.isError && !query.data)
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  if (notes.length === 0) return <Empty>{t('feed.empty')}</Empty>;
  return (
    <div className="immersive">
      <h1 className="visually-hidden">{t('feed.immersive')}</h1>
      <div
        className="immersive-track"
        ref={track}
        onScroll={(event) => {
          const element = event.currentTarget;
          setCurrent(Math.round(element.scrollTop / Math.max(1, element.clientHeight)));
        }}
      >
        {notes.map((note, index) => (
          <Slide key={note.id} note={note} near={Math.abs(index - current) <= 1} />
        ))}
      </div>
      <div className="immersive-nav">
        <Link href="/" className="immersive-action" aria-label={t('feed.grid')}>
          <Icon name="home" />
        </Link>
        <button
          type="button"
          className="immersive-action"
          onClick={() => go(current - 1)}
          disabled={current === 0}
          aria-label={t('immersive.prev')}
        >
          <Icon name="up" />
        </button>
        <button
          type="button"
          className="immersive-action"
          onClick={() => go(current + 1)}
          disabled={current >= notes.length - 1}
          aria-label={t('immersive.next')}
        >
          <Icon name="down" />
        </button>
      </div>
    </div>
  );
}
