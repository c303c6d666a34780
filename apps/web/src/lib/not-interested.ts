import type { Note } from '@atrium/sdk';
import { type InfiniteData, type QueryClient, useQueryClient } from '@tanstack/react-query';
import { offerUndo } from '../components/undo-toast.js';
import { useT } from '../i18n/provider.js';
import { api } from './api.js';

type NotePage = { items: Note[]; nextCursor: string | null };
const DISCOVER = ['feed', 'discover'];

/** Takes the note out of the loaded discover pages; says where it was, to put it back. */
function removeFromDiscover(queryClient: QueryClient, noteId: string) {
  let place: { page: number; index: number; note: Note } | null = null;
  queryClient.setQueryData<InfiniteData<NotePage>>(DISCOVER, (data) => {
    if (!data) return data;
    return {
      ...data,
      pages: data.pages.map((page, pageIndex) => {
        const index = page.items.findIndex((item) => item.id === noteId);
        if (index < 0) return page;
        place ??= { page: pageIndex, index, note: page.items[index]! };
        return { ...page, items: page.items.filter((item) => item.id !== noteId) };
      }),
    };
  });
  return place as { page: number; index: number; note: Note } | null;
}

function putBack(
  queryClient: QueryClient,
  place: { page: number; index: number; note: Note } | null,
) {
  if (!place) return;
  queryClient.setQueryData<InfiniteData<NotePage>>(DISCOVER, (data) => {
    const page = data?.pages[place.page];
    if (!data || !page || page.items.some((item) => item.id === place.note.id)) return data;
    const items = [...page.items];
    items.splice(Math.min(place.index, items.length), 0, place.note);
    return {
      ...data,
      pages: data.pages.map((old, index) => (index === place.page ? { ...page, items } : old)),
    };
  });
}

/**
 * "Not interested" in a note: it leaves the discover feed on screen at once (and the server's,
 * which also puts its author behind the rest from the next refresh), with an Undo that puts it
 * back where it was. A failed request puts it back and says so in the toast.
 */
export function useNotInterested() {
  const { t } = useT();
  const queryClient = useQueryClient();
  return (note: Note) => {
    const place = removeFromDiscover(queryClient, note.id);
    const undo = () => {
      putBack(queryClient, place);
      api.notes.interested(note.id).catch(() => {});
    };
    offerUndo({ message: t('notInterested.done', { name: note.author.displayName }), undo });
    api.notes.notInterested(note.id).catch(() => {
      putBack(queryClient, place);
      offerUndo({ message: t('notInterested.failed') });
    });
  };
}
