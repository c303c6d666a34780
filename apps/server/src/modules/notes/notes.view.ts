import type { AuthorSummary, Note, StatementOfReasons } from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';
import type { AccountRow, NoteRow } from '../../db/schema.js';
import { jitteredExpiry } from '../../lib/ttl-map.js';
import { formatIpLocation } from '../geo/location-label.js';
import { reasonLine } from '../moderation/statements.js';
import type { MediaPort } from './media-port.js';
import type { ViewedNoteRow } from './notes.store.js';
import * as store from './notes.store.js';

function isRestricted(row: NoteRow): boolean {
  return (
    row.status !== 'published' ||
    row.moderation_action !== 'allow' ||
    row.region_actions !== null ||
    row.labels.length > 0
  );
}

/** Where a note is withheld: everywhere (`*`) or the listed countries. */
export function withheldCountries(
  row: Pick<NoteRow, 'moderation_action' | 'region_actions'>,
): string[] {
  const regional = Object.entries(row.region_actions ?? {});
  if (row.moderation_action === 'withhold') {
    const except = regional
      .filter(([, action]) => action !== 'withhold')
      .map(([country]) => `-${country}`);
    return ['*', ...except];
  }
  return regional.filter(([, action]) => action === 'withhold').map(([country]) => country);
}

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
  const rows = await store.authorRows(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, toAuthorSummary(row)]));
}

/** The parts of a note that change rarely: shown as they were up to PARTS_TTL_MS ago. */
interface NoteParts {
  author: AuthorSummary;
  media: Note['media'];
  topics: Note['topics'];
  mentions: string[];
  /** Reused until then: at most PARTS_TTL_MS after loading, jittered. */
  reuseUntil: number;
}

/**
 * How long a note's author summary, images, topics and mentions are reused. Counts, status and
 * the viewer's likes are always read fresh; an edit or deletion on this node drops the entry at
 * once, other nodes catch up within this time (as does a changed display name).
 */
export const PARTS_TTL_MS = 30_000;
const PARTS_MAX = 20_000;

export class NotePartsCache {
  readonly #entries = new Map<string, NoteParts>();

  get(id: string): NoteParts | undefined {
    const entry = this.#entries.get(id);
    if (entry && Date.now() < entry.reuseUntil) return entry;
    if (entry) this.#entries.delete(id);
    return undefined;
  }

  set(id: string, parts: NoteParts): void {
    this.#entries.set(id, parts);
    if (this.#entries.size > PARTS_MAX)
      this.#entries.delete(this.#entries.keys().next().value as string);
  }

  forget(id: string): void {
    this.#entries.delete(id);
  }
}

async function loadParts(
  db: DbHandle,
  media: MediaPort,
  rows: NoteRow[],
  cache: NotePartsCache,
): Promise<Map<string, NoteParts>> {
  const parts = new Map<string, NoteParts>();
  const missing: NoteRow[] = [];
  for (const row of rows) {
    const cached = cache.get(row.id);
    if (cached) parts.set(row.id, cached);
    else missing.push(row);
  }
  if (missing.length === 0) return parts;
  const ids = missing.map((row) => row.id);
  const [authors, mediaByNote, topics, mentions] = await Promise.all([
    authorsById(
      db,
      missing.map((row) => row.author_id),
    ),
    media.loadForNotes(db, ids),
    store.topicsOfNotes(db, ids),
    store.mentionsOfNotes(db, ids),
  ]);
  for (const row of missing) {
    const entry: NoteParts = {
      author: authors.get(row.author_id)!,
      media: (mediaByNote.get(row.id) ?? []).map((item) => media.view(item)),
      topics: topics.get(row.id) ?? [],
      mentions: mentions.get(row.id) ?? [],
      reuseUntil: jitteredExpiry(PARTS_TTL_MS),
    };
    cache.set(row.id, entry);
    parts.set(row.id, entry);
  }
  return parts;
}

/**
 * Turns note rows into the API shape. The rarely changing parts come from the cache (or four
 * batched queries for a page); the viewer's likes and collects take one more query.
 */
export async function presentNoteRows(
  db: DbHandle,
  media: MediaPort,
  cache: NotePartsCache,
  rows: ViewedNoteRow[],
  viewerId: string | null,
  locale: string,
  statementsOf?: (noteIds: string[]) => Promise<Map<string, StatementOfReasons[]>>,
): Promise<Note[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  // only the author is told why; only restricted notes have anything to tell
  const explained = rows
    .filter((row) => row.author_id === viewerId && isRestricted(row))
    .map((row) => row.id);
  const [parts, engagement, statements] = await Promise.all([
    loadParts(db, media, rows, cache),
    // rows read with viewerFlags already carry the viewer's likes and collects
    viewerId && rows.some((row) => row.viewer_liked === undefined)
      ? store.viewerEngagement(db, viewerId, ids)
      : null,
    statementsOf && explained.length > 0 ? statementsOf(explained) : null,
  ]);
  return rows.map((row) => {
    const part = parts.get(row.id)!;
    const note: Note = {
      id: row.id,
      author: part.author,
      title: row.title,
      body: row.body,
      lang: row.lang,
      media: part.media,
      topics: part.topics,
      mentions: part.mentions,
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
        liked: row.viewer_liked ?? engagement?.liked.has(row.id) ?? false,
        collected: row.viewer_collected ?? engagement?.collected.has(row.id) ?? false,
      },
      labels: row.labels,
    };
    // The author sees where and why their note is restricted; others never do.
    if (viewerId === row.author_id) {
      const explanations = statements?.get(row.id) ?? [];
      note.moderation = {
        status: row.status,
        withheldIn: withheldCountries(row),
        labels: row.labels,
        reasons: explanations.map(reasonLine),
        statements: explanations,
      };
    }
    return note;
  });
}
