/** A denial with its reason, or null when allowed. */
export type Denial = { code: 'FORBIDDEN'; reason: string } | null;

interface Owned {
  author_id: string;
}

/** Only the author edits or deletes a note (staff act through moderation, not here). */
export function canEditNote(viewerId: string, note: Owned): Denial {
  return note.author_id === viewerId ? null : { code: 'FORBIDDEN', reason: 'not the author' };
}

/** A comment may be deleted by its author or by the author of the note it is on. */
export function canDeleteComment(viewerId: string, comment: Owned, note: Owned): Denial {
  if (comment.author_id === viewerId || note.author_id === viewerId) return null;
  return { code: 'FORBIDDEN', reason: 'neither the comment author nor the note author' };
}
