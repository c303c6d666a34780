import { AtriumError, type Note } from '@atrium/sdk';
import { type InfiniteData, type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/provider.js';
import { withBackoff } from '../lib/backoff.js';
import { cardAspect, layoutMasonry } from '../lib/text.js';
import { Empty, ErrorMessage, errorKey, Loading } from './common.js';
import { NoteCard } from './note-card.js';

type NotePage = { items: Note[]; nextCursor: string | null };

/** Errors of next pages that already backed off: React Query must not retry them again. */
const nextPageFailures = new WeakSet<object>();

/** The app's rule for first pages: a problem answer (404, 451, …) will not change by asking again. */
const firstPageRetry = (failures: number, error: unknown) =>
  !(error instanceof AtriumError && error.status < 500) && failures < 3;

/** 2 columns on phones, up to 5 on wide screens. */
function columnsFor(width: number): number {
  if (width >= 1400) return 5;
  if (width >= 1100) return 4;
  if (width >= 720) return 3;
  return 2;
}

function useColumns(): number {
  const [columns, setColumns] = useState(() => columnsFor(window.innerWidth));
  useEffect(() => {
    const update = () => setColumns(columnsFor(window.innerWidth));
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return columns;
}

// The estimated height of a card in column widths: its cover plus the title and author rows.
const cardHeight = (note: Note) => {
  const cover = note.media[0];
  return (cover ? 1 / cardAspect(cover.width, cover.height) : 4 / 3) + 0.35;
};

export function Masonry({
  notes,
  label,
  dismissable = false,
}: {
  notes: Note[];
  label: string;
  dismissable?: boolean;
}) {
  const columns = useColumns();
  const laidOut = layoutMasonry(notes, columns, cardHeight);
  return (
    <section
      className="masonry"
      aria-label={label}
      style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
    >
      {laidOut.map((column, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
        <div className="masonry-column" key={index}>
          {column.map((note) => (
            <NoteCard key={note.id} note={note} dismissable={dismissable} />
          ))}
        </div>
      ))}
    </section>
  );
}

/** An infinitely scrolling waterfall of notes from any cursor-paginated note list. */
export function NoteFeed({
  queryKey,
  fetchPage,
  empty,
  emptyContent,
  label,
  dismissable = false,
}: {
  queryKey: QueryKey;
  fetchPage: (cursor: string | undefined) => Promise<NotePage>;
  empty: ReactNode;
  /** Shown instead of the `empty` line when there is more to offer than a sentence. */
  emptyContent?: ReactNode;
  label: string;
  /** Cards offer "Not interested" (discover). */
  dismissable?: boolean;
}) {
  const { t } = useT();
  const query = useInfiniteQuery<
    NotePage,
    Error,
    InfiniteData<NotePage>,
    QueryKey,
    string | undefined
  >({
    queryKey,
    // a next page backs off and gives up by itself (see withBackoff); the first page keeps the
    // app's retry rule
    queryFn: ({ pageParam, signal }) =>
      pageParam === undefined
        ? fetchPage(undefined)
        : withBackoff(() => fetchPage(pageParam), signal).catch((error: unknown) => {
            nextPageFailures.add(error as object);
            throw error;
          }),
    retry: (failures, error) => !nextPageFailures.has(error) && firstPageRetry(failures, error),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = query;

  // after a failed next page only the Retry button asks again: never a request loop
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage || isFetchNextPageError) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage)
          void fetchNextPage();
      },
      { rootMargin: '800px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError]);

  if (query.isPending) return <Loading />;
  if (query.isError && !query.data)
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  // The same note can appear on two pages of a ranked feed: show it once.
  const seen = new Set<string>();
  const notes = (query.data?.pages ?? [])
    .flatMap((page) => page.items)
    .filter((note) => {
      if (seen.has(note.id)) return false;
      seen.add(note.id);
      return true;
    });
  if (notes.length === 0) return emptyContent ?? <Empty>{empty}</Empty>;
  return (
    <>
      <Masonry notes={notes} label={label} dismissable={dismissable} />
      <div ref={sentinel} className="feed-end">
        {isFetchingNextPage ? (
          <Loading />
        ) : isFetchNextPageError ? (
          <div className="error" role="alert">
            <p>
              {t('feed.loadMoreFailed')} <span className="muted">{t(errorKey(query.error))}</span>
            </p>
            <button
              type="button"
              className="button secondary small"
              onClick={() => void fetchNextPage()}
            >
              {t('common.retry')}
            </button>
          </div>
        ) : hasNextPage ? (
          <button
            type="button"
            className="button secondary small"
            onClick={() => void fetchNextPage()}
          >
            {t('common.loadMore')}
          </button>
        ) : (
          <span className="muted">{t('common.end')}</span>
        )}
      </div>
    </>
  );
}
