/** A denial with its reason, or null when allowed. */
export type Denial = { code: 'FORBIDDEN'; reason: string } | null;

interface Owned {
  author_id: string;
}

/** Only the author edits or deletes a note (staff act through moderation, not here). */
export function canEditNote(viewerId: string, note: Owned): Denial {
  return note.author_id === viewerId ? null : { code: 'FORBIDDEN', reason: 'not the author' };
}
