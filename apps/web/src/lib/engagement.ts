import type { Note } from '@atrium/sdk';
import { type InfiniteData, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { api } from './api.js';
import { useMe } from './session.js';

type NotePage = { items: Note[]; nextCursor: string | null };
export type Engagement = 'like' | 'collect';

const FLAG = { like: 'liked', collect: 'collected' } as const;
const COUNT = { like: 'likes', collect: 'collects' } as const;

/** The note with the viewer's like or collect set to `on` (the count follows). */
export function withEngagement(note: Note, what: Engagement, on: boolean): Note {
  if (note.viewer[FLAG[what]] === on) return note;
  return {
    ...note,
    viewer: { ...note.viewer, [FLAG[what]]: on },
    counts: { ...note.counts, [COUNT[what]]: note.counts[COUNT[what]] + (on ? 1 : -1) },
  };
}

/**
 * Like or collect a note outside its page (the immersive view), optimistically, and write the
 * outcome into the note page's cache and every loaded feed, so the note page, the cards and the
 * slide show the same state without asking again. Rolls back and reports a failure.
 */
export function useEngagementToggle(note: Note, what: Engagement) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [state, setState] = useState(note);
  const [error, setError] = useState<unknown>(null);
  const on = state.viewer[FLAG[what]];
  const share = (next: boolean) => {
    queryClient.setQueryData<Note>(['note', note.id], (old) =>
      old ? withEngagement(old, what, next) : old,
    );
    queryClient.setQueriesData<InfiniteData<NotePage>>({ queryKey: ['feed'] }, (data) =>
      data?.pages
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) =>
                item.id === note.id ? withEngagement(item, what, next) : item,
              ),
            })),
          }
        : data,
    );
  };
  const toggle = async () => {
    if (!me.data) return navigate('/login');
    const next = !on;
    setState((old) => withEngagement(old, what, next));
    setError(null);
    try {
      if (what === 'like') await (next ? api.notes.like(note.id) : api.notes.unlike(note.id));
      else await (next ? api.notes.collect(note.id) : api.notes.uncollect(note.id));
      share(next);
    } catch (failure) {
      setState((old) => withEngagement(old, what, !next));
      setError(failure);
    }
  };
  return { on, total: state.counts[COUNT[what]], toggle, error };
}
