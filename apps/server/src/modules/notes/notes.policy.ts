/** A denial with its reason, or null when allowed. */
export type Denial = { code: 'FORBIDDEN' | 'POSTING_RESTRICTED'; reason: string } | null;

interface Owned {
  author_id: string;
}

/** Only the author edits or deletes a note (staff act through moderation, not here). */
export function canEditNote(viewerId: string, note: Owned): Denial {
  return note.author_id === viewerId ? null : { code: 'FORBIDDEN', reason: 'not the author' };
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
