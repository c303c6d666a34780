import type { Media } from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';
import type { MediaRow } from '../../db/schema.js';

/** What notes need from the media module (wired in the composition root). */
export interface MediaPort {
  /** Marks the uploader's media as used, in order; throws MEDIA_NOT_FOUND for unknown/foreign ids. */
  attach(db: DbHandle, ownerId: string, mediaIds: string[]): Promise<MediaRow[]>;
  /** Media of each note, in position order. */
  loadForNotes(db: DbHandle, noteIds: string[]): Promise<Map<string, MediaRow[]>>;
  /** Media no longer used by any note become orphans again (cleaned up later). */
  release(db: DbHandle, mediaIds: string[]): Promise<void>;
  view(row: MediaRow): Media;
}
