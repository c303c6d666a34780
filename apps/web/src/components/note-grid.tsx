import type { Note } from '@atrium/sdk';
import { type InfiniteData, type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/provider.js';
import { cardAspect, layoutMasonry } from '../lib/text.js';
import { Empty, ErrorMessage, Loading } from './common.js';
import { NoteCard } from './note-card.js';

type NotePage = { items: Note[]; nextCursor: string | null };

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

export function Masonry({ notes, label }: { notes: Note[]; label: string }) {
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
            <NoteCard key={note.id} note={note} />
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
  label,
}: {
  queryKey: QueryKey;
  fetchPage: (cursor: string | undefined) => Promise<NotePage>;
  empty: ReactNode;
  label: string;
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
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage)
          void fetchNextPage();
      },
      { rootMargin: '800px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

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
  if (notes.length === 0) return <Empty>{empty}</Empty>;
  return (
    <>
      <Masonry notes={notes} label={label} />
      <div ref={sentinel} className="feed-end">
        {query.isFetchNextPageError ? (
          <ErrorMessage error={query.error} onRetry={() => void fetchNextPage()} />
        ) : isFetchingNextPage ? (
          <Loading />
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
