import type { Media } from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';
import type { MediaRow } from '../../db/schema.js';
import { type AvatarShown, avatarShown } from './media.policy.js';
import {
  assertMediaMix,
  attachMedia,
  loadMediaForNotes,
  type NoteMediaItem,
  releaseMedia,
  toMediaView,
} from './media.service.js';

/**
 * What other modules (notes, accounts) use of media. Media owns the port so that its users
 * depend on media, never media on them.
 */
export interface MediaPort {
  /** Marks the uploader's media as used, in order; throws MEDIA_NOT_FOUND for unknown/foreign ids. */
  attach(db: DbHandle, ownerId: string, mediaIds: string[]): Promise<MediaRow[]>;
  /** Media of each note, in position order, with the note's alt texts. */
  loadForNotes(db: DbHandle, noteIds: string[]): Promise<Map<string, NoteMediaItem[]>>;
  /** Media no longer used by any note become orphans again (cleaned up later). */
  release(db: DbHandle, mediaIds: string[]): Promise<void>;
  view(row: NoteMediaItem): Media;
  /** Throws VALIDATION_FAILED when a note's media mix a video with anything else. */
  assertMix(rows: readonly Pick<MediaRow, 'kind'>[]): void;
  /** Who sees an image used as an avatar, by its checks: everyone, its owner, or nobody. */
  avatarShown(row: Pick<MediaRow, 'check_state' | 'check_outcome'>): AvatarShown;
}

/** The media module's implementation of the port (wired in the composition root). */
export const mediaPort: MediaPort = {
  attach: attachMedia,
  loadForNotes: loadMediaForNotes,
  release: releaseMedia,
  view: toMediaView,
  assertMix: assertMediaMix,
  avatarShown: (row) => avatarShown(row.check_state, row.check_outcome),
};
