import {
  type AuthorSummary,
  type Note,
  type NotePage,
  Note as NoteSchema,
  type StatementOfReasons,
} from '@atrium/contracts';
import fastJson from 'fast-json-stringify';
import type { DbHandle } from '../../db/database.js';
import type { AccountRow, NoteRow } from '../../db/schema.js';
import { SerializedJson } from '../../http/serialized.js';
import { Gatherer } from '../../lib/gatherer.js';
import { type RefreshClaim, TtlMap } from '../../lib/ttl-map.js';
import { formatIpLocation } from '../geo/location-label.js';
import type { MediaPort } from '../media/media-port.js';
import { reasonLine } from '../moderation/statements.js';
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
export interface NoteParts {
  author: AuthorSummary;
  media: Note['media'];
  topics: Note['topics'];
  mentions: string[];
}

/**
 * How long a note's author summary, images, topics and mentions are reused. Counts, status and
 * the viewer's likes are always read fresh; an edit or deletion on this node drops the entry at
 * once, other nodes catch up within this time (as does a changed display name).
 */
export const PARTS_TTL_MS = 30_000;
/** Read after this age, a note's parts are reloaded in the background (see TtlMap). */
export const PARTS_REFRESH_MS = PARTS_TTL_MS / 2;
const PARTS_MAX = 20_000;
/** Parts due for a reload are gathered this long, then read in one batch. */
const PARTS_REFRESH_BATCH_MS = 50;

/** Whether two loads of a note's parts show the same. */
const sameParts = (a: NoteParts, b: NoteParts) => JSON.stringify(a) === JSON.stringify(b);

/** Reads the parts of these notes (four batched queries). */
export async function readParts(
  db: DbHandle,
  media: MediaPort,
  rows: NoteRow[],
): Promise<Map<string, NoteParts>> {
  const ids = rows.map((row) => row.id);
  const [authors, mediaByNote, topics, mentions] = await Promise.all([
    authorsById(
      db,
      rows.map((row) => row.author_id),
    ),
    media.loadForNotes(db, ids),
    store.topicsOfNotes(db, ids),
    store.mentionsOfNotes(db, ids),
  ]);
  const parts = new Map<string, NoteParts>();
  for (const row of rows) {
    parts.set(row.id, {
      author: authors.get(row.author_id)!,
      media: (mediaByNote.get(row.id) ?? []).map((item) => media.view(item)),
      topics: topics.get(row.id) ?? [],
      mentions: mentions.get(row.id) ?? [],
    });
  }
  return parts;
}

/**
 * Notes' parts by id. A page's missing parts are read while it waits; parts in steady use are
 * reloaded ahead of their expiry in the background, gathered from every page read meanwhile
 * into one batch, so a feed page in steady use never waits for them. A reload that shows the
 * same keeps the old object (the serialized notes built from it stay valid).
 */
export class NotePartsCache {
  readonly #entries = new TtlMap<string, NoteParts>(PARTS_TTL_MS, PARTS_MAX, PARTS_REFRESH_MS);
  readonly #due = new Gatherer<{ row: NoteRow; claim: RefreshClaim }>(
    PARTS_REFRESH_BATCH_MS,
    (due) => this.#reload(due),
  );

  constructor(
    private readonly read: (rows: NoteRow[]) => Promise<Map<string, NoteParts>>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The parts of these rows' notes. */
  async partsOf(rows: NoteRow[]): Promise<Map<string, NoteParts>> {
    const parts = new Map<string, NoteParts>();
    const missing: NoteRow[] = [];
    const now = Date.now();
    for (const row of rows) {
      const cached = this.#entries.get(row.id, now);
      if (!cached) {
        missing.push(row);
        continue;
      }
      parts.set(row.id, cached);
      const claim = this.#entries.claimRefresh(row.id, now);
      if (claim) this.#due.add({ row, claim });
    }
    if (missing.length === 0) return parts;
    for (const [id, entry] of await this.read(missing)) {
      this.#entries.set(id, entry);
      parts.set(id, entry);
    }
    return parts;
  }

  set(id: string, parts: NoteParts): void {
    this.#entries.set(id, parts);
  }

  forget(id: string): void {
    this.#entries.delete(id);
  }

  /** Starts a queued background reload now and resolves when it is done; for tests. */
  settled(): Promise<void> {
    return this.#due.settled();
  }

  async #reload(due: Array<{ row: NoteRow; claim: RefreshClaim }>): Promise<void> {
    try {
      const loaded = await this.read(due.map(({ row }) => row));
      for (const { row, claim } of due) {
        const fresh = loaded.get(row.id);
        if (fresh) this.#entries.refreshed(row.id, claim, fresh, sameParts);
        else this.#entries.release(claim);
      }
    } catch (error) {
      for (const { claim } of due) this.#entries.release(claim);
      this.onError(error);
    }
  }
}

/** The viewer's own like and collect of a note. */
export interface ViewerFlags {
  liked: boolean;
  collected: boolean;
}

/** One note in the API shape; `moderation` is the author's view of its restrictions. */
function toNote(
  row: NoteRow,
  part: NoteParts,
  locale: string,
  viewer: ViewerFlags,
  moderation?: Note['moderation'],
): Note {
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
    viewer,
    labels: row.labels,
  };
  if (moderation) note.moderation = moderation;
  return note;
}

/** The author sees where and why their note is restricted; others never do. */
function authorsView(row: NoteRow, explanations: StatementOfReasons[]): Note['moderation'] {
  return {
    status: row.status,
    withheldIn: withheldCountries(row),
    labels: row.labels,
    reasons: explanations.map(reasonLine),
    statements: explanations,
  };
}

/** Notes of the viewer's own that may carry statements of reasons (restricted ones). */
function explainedIds(rows: NoteRow[], viewerId: string | null): string[] {
  return rows.filter((row) => row.author_id === viewerId && isRestricted(row)).map((row) => row.id);
}

/**
 * Turns note rows into the API shape. The rarely changing parts come from the cache (or four
 * batched queries for a page); the viewer's likes and collects take one more query unless the
 * rows carry them.
 */
export async function presentNoteRows(
  db: DbHandle,
  cache: NotePartsCache,
  rows: ViewedNoteRow[],
  viewerId: string | null,
  locale: string,
  statementsOf?: (noteIds: string[]) => Promise<Map<string, StatementOfReasons[]>>,
): Promise<Note[]> {
  if (rows.length === 0) return [];
  const explained = explainedIds(rows, viewerId);
  const [parts, flags, statements] = await Promise.all([
    cache.partsOf(rows),
    viewerFlagsOf(db, rows, viewerId),
    statementsOf && explained.length > 0 ? statementsOf(explained) : null,
  ]);
  return rows.map((row) =>
    toNote(
      row,
      parts.get(row.id)!,
      locale,
      flags(row),
      viewerId === row.author_id ? authorsView(row, statements?.get(row.id) ?? []) : undefined,
    ),
  );
}

/**
 * The viewer's likes and collects of these rows: rows read with `viewerFlags` carry them, the
 * others take one query for all.
 */
export async function viewerFlagsOf(
  db: DbHandle,
  rows: ViewedNoteRow[],
  viewerId: string | null,
): Promise<(row: ViewedNoteRow) => ViewerFlags> {
  const engagement =
    viewerId && rows.some((row) => row.viewer_liked === undefined)
      ? await store.viewerEngagement(
          db,
          viewerId,
          rows.map((row) => row.id),
        )
      : null;
  return (row) => ({
    liked: row.viewer_liked ?? engagement?.liked.has(row.id) ?? false,
    collected: row.viewer_collected ?? engagement?.collected.has(row.id) ?? false,
  });
}

// ---- notes as JSON fragments ----------------------------------------------------------------

/** The contract's note serializer: the one Fastify compiles from the same schema. */
const serializeNote = fastJson(NoteSchema) as (note: Note) => string;
const VIEWER_MARK = '"viewer":{"liked":false,"collected":false}';
/** The viewer part of a fragment, by liked * 2 + collected. */
const VIEWER_JSON = [false, true].flatMap((liked) =>
  [false, true].map((collected) =>
    Buffer.from(`"viewer":{"liked":${liked},"collected":${collected}}`),
  ),
);
const FRAGMENTS_MAX = 20_000;

interface NoteJson {
  row: NoteRow;
  parts: NoteParts;
  /** The serialized note around its viewer part. */
  head: Buffer;
  tail: Buffer;
}

/** Whether two rows of a note show the same (every field a note's JSON takes from its row). */
function sameShown(a: NoteRow, b: NoteRow): boolean {
  return (
    a.like_count === b.like_count &&
    a.collect_count === b.collect_count &&
    a.comment_count === b.comment_count &&
    a.view_count === b.view_count &&
    a.status === b.status &&
    a.title === b.title &&
    a.body === b.body &&
    a.lang === b.lang &&
    a.ip_country === b.ip_country &&
    a.ip_region === b.ip_region &&
    a.created_at.getTime() === b.created_at.getTime() &&
    (a.edited_at?.getTime() ?? null) === (b.edited_at?.getTime() ?? null) &&
    a.labels.length === b.labels.length &&
    a.labels.every((label, index) => label === b.labels[index])
  );
}

/**
 * Notes serialized once and reused by every reader of a list in the same locale until their
 * row or cached parts change: serializing a page of notes was the largest single cost of a feed
 * request. Only the viewer's flags differ between readers; they are spliced in. An author's own
 * notes (which carry `moderation`) are never cached.
 */
export class NoteJsonCache {
  readonly #entries = new Map<string, NoteJson>();

  fragment(row: NoteRow, parts: NoteParts, locale: string, viewer: ViewerFlags): Buffer[] {
    const key = `${locale} ${row.id}`;
    let entry = this.#entries.get(key);
    if (!entry || entry.parts !== parts || (entry.row !== row && !sameShown(entry.row, row))) {
      const json = serializeNote(toNote(row, parts, locale, { liked: false, collected: false }));
      const at = json.indexOf(VIEWER_MARK);
      entry = {
        row,
        parts,
        head: Buffer.from(json.slice(0, at)),
        tail: Buffer.from(json.slice(at + VIEWER_MARK.length)),
      };
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      if (this.#entries.size > FRAGMENTS_MAX)
        this.#entries.delete(this.#entries.keys().next().value as string);
    }
    return [
      entry.head,
      VIEWER_JSON[(viewer.liked ? 2 : 0) + (viewer.collected ? 1 : 0)]!,
      entry.tail,
    ];
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Notes as serialized JSON, each a list of buffers (see NoteJsonCache). */
export type NoteFragments = Buffer[][];

/**
 * Like presentNoteRows, as JSON fragments: what lists of notes send. `flags` gives the viewer's
 * likes and collects when the rows do not carry them.
 */
export async function presentNoteRowsJson(
  cache: NotePartsCache,
  json: NoteJsonCache,
  rows: NoteRow[],
  flags: (row: NoteRow) => ViewerFlags,
  viewerId: string | null,
  locale: string,
  statementsOf?: (noteIds: string[]) => Promise<Map<string, StatementOfReasons[]>>,
): Promise<NoteFragments> {
  if (rows.length === 0) return [];
  const explained = explainedIds(rows, viewerId);
  const [parts, statements] = await Promise.all([
    cache.partsOf(rows),
    statementsOf && explained.length > 0 ? statementsOf(explained) : null,
  ]);
  return rows.map((row) => {
    const part = parts.get(row.id)!;
    if (viewerId !== row.author_id) return json.fragment(row, part, locale, flags(row));
    const own = toNote(
      row,
      part,
      locale,
      flags(row),
      authorsView(row, statements?.get(row.id) ?? []),
    );
    return [Buffer.from(serializeNote(own))];
  });
}

const PAGE_OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

/** `{ items, nextCursor }` from serialized notes. */
export function notePage(
  notes: NoteFragments,
  nextCursor: string | null,
): SerializedJson<NotePage> {
  const chunks: Buffer[] = [PAGE_OPEN];
  notes.forEach((note, index) => {
    if (index > 0) chunks.push(COMMA);
    chunks.push(...note);
  });
  chunks.push(Buffer.from(`],"nextCursor":${JSON.stringify(nextCursor)}}`));
  return new SerializedJson(Buffer.concat(chunks));
}
