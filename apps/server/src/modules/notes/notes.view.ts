import type { AuthorSummary, Note } from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';
import type { AccountRow, NoteRow } from '../../db/schema.js';
import { formatIpLocation } from '../geo/location-label.js';
import type { MediaPort } from './media-port.js';
import * as store from './notes.store.js';

export function toAuthorSummary(
  row: Pick<AccountRow, 'id' | 'handle' | 'display_name' | 'avatar_url'>,
): AuthorSummary {
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    avatarUrl: row.avatar_url,
  };
}

export function ipLabel(
  country: string | null,
  region: string | null,
  locale: string,
): string | null {
  return country ? formatIpLocation({ country, region }, locale) : null;
}

export async function authorsById(
  db: DbHandle,
  ids: string[],
): Promise<Map<string, AuthorSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'handle', 'display_name', 'avatar_url'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, toAuthorSummary(row)]));
}

/**
 * Turns note rows into the API shape with a fixed number of queries for a whole page: authors,
 * media, topics, mentions and the viewer's likes and collects.
 */
export async function presentNoteRows(
  db: DbHandle,
  media: MediaPort,
  rows: NoteRow[],
  viewerId: string | null,
  locale: string,
): Promise<Note[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [authors, mediaByNote, topics, mentions, engagement] = await Promise.all([
    authorsById(
      db,
      rows.map((row) => row.author_id),
    ),
    media.loadForNotes(db, ids),
    store.topicsOfNotes(db, ids),
    store.mentionsOfNotes(db, ids),
    viewerId ? store.viewerEngagement(db, viewerId, ids) : null,
  ]);
  return rows.map((row) => {
    const note: Note = {
      id: row.id,
      author: authors.get(row.author_id)!,
      title: row.title,
      body: row.body,
      lang: row.lang,
      media: (mediaByNote.get(row.id) ?? []).map((item) => media.view(item)),
      topics: topics.get(row.id) ?? [],
      mentions: mentions.get(row.id) ?? [],
      status: row.status,
      ipLocation: ipLabel(row.ip_country, row.ip_region, locale),
      createdAt: row.created_at.toISOString(),
      editedAt: row.edited_at ? row.edited_at.toISOString() : null,
      counts: {
        likes: row.like_count,
        collects: row.collect_count,
        comments: row.comment_count,
        views: row.view_count,
      },
      viewer: {
        liked: engagement?.liked.has(row.id) ?? false,
        collected: engagement?.collected.has(row.id) ?? false,
      },
    };
    // The author sees where and why their note is restricted; others never do.
    if (viewerId === row.author_id) {
      note.moderation = { status: row.status, withheldIn: [], labels: [], reasons: [] };
    }
    return note;
  });
}
