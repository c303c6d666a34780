import type { Denial as GenericDenial } from '../../lib/denial.js';

/** A denial with its reason, or null when allowed. */
export type Denial = GenericDenial<'FORBIDDEN' | 'NOT_FOUND' | 'POSTING_RESTRICTED'>;

interface Owned {
  author_id: string;
  status: string;
}

/**
 * Only the author edits or deletes a note (staff act through moderation, not here). A note that
 * is not published (held for review, removed) exists for its author alone: anyone else gets the
 * answer of a note that does not exist, not a 403 that would confirm it.
 */
export function canEditNote(viewerId: string, note: Owned): Denial {
  if (note.author_id === viewerId) return null;
  return note.status === 'published'
    ? { code: 'FORBIDDEN', reason: 'not the author' }
    : { code: 'NOT_FOUND', reason: 'no such note' };
}

/** Anyone signed in may post, except while a moderator restricts their posting. */
export function canPost(
  viewer: { postingRestrictedUntil: number | null },
  now = Date.now(),
): Denial {
  if (viewer.postingRestrictedUntil !== null && viewer.postingRestrictedUntil > now) {
    return {
      code: 'POSTING_RESTRICTED',
      reason: `Posting is restricted until ${new Date(viewer.postingRestrictedUntil).toISOString()}`,
    };
  }
  return null;
}
