import type { DbHandle } from '../../db/database.js';

// Which media a note shows, in order.

/** Puts the note's images in the given order with their alt texts ('' where none). */
export async function replaceNoteMedia(
  db: DbHandle,
  noteId: string,
  mediaIds: string[],
  alts: readonly string[] = [],
): Promise<string[]> {
  const previous = await db
    .deleteFrom('note_media')
    .where('note_id', '=', noteId)
    .returning('media_id')
    .execute();
  if (mediaIds.length > 0) {
    await db
      .insertInto('note_media')
      .values(
        mediaIds.map((mediaId, position) => ({
          note_id: noteId,
          position,
          media_id: mediaId,
          alt: alts[position] ?? '',
        })),
      )
      .execute();
  }
  return previous.map((row) => row.media_id);
}

export async function mediaIdsOfNote(db: DbHandle, noteId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('note_media')
    .select('media_id')
    .where('note_id', '=', noteId)
    .orderBy('position')
    .execute();
  return rows.map((row) => row.media_id);
}

/** The alt text of each of the note's images, by media id. */
export async function altsOfNote(db: DbHandle, noteId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('note_media')
    .select(['media_id', 'alt'])
    .where('note_id', '=', noteId)
    .execute();
  return new Map(rows.map((row) => [row.media_id, row.alt]));
}
