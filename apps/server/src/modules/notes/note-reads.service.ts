import type { Note, StatementOfReasons } from '@atrium/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbHandle } from '../../db/database.js';
import type { NoteRow } from '../../db/schema.js';
import type { Reader } from '../../http/request-context.js';
import { cacheStats } from '../../lib/cache-stats.js';
import { type Invalidations, noInvalidations, sharedDrop } from '../../lib/invalidations.js';
import { TtlMap } from '../../lib/ttl-map.js';
import { authorsById } from '../accounts/author-summaries.js';
import type { MediaPort } from '../media/media-port.js';
import type { TopicsService } from '../topics/topics.service.js';
import { recommendableIn, type VisibilityContext, visibleTo } from '../visibility/visibility.js';
import { mentionsOfNotes } from './mentions.store.js';
import { NoteJsonCache, NotePartsCache } from './note-cache.js';
import type { NoteParts, ViewerFlags } from './note-card.js';
import type { ViewedNoteRow } from './note-columns.store.js';
import * as pages from './note-pages.store.js';
import { notesError } from './notes.errors.js';
import * as store from './notes.store.js';
import { type NoteFragments, presentNoteRows, presentNoteRowsJson } from './notes.view.js';

/**
 * How long a note's row (counts, status, moderation) is reused for feed pages. Changes made on
 * this node drop it at once; other nodes show them within this time. Note detail always reads
 * the database.
 */
export const ROW_TTL_MS = 5_000;
/** How long whom a viewer blocks (or is blocked by) is reused for feed pages. */
export const BLOCKS_TTL_MS = 5_000;

/**
 * The port through which notes learn why they were restricted: authors see the statements of
 * reasons of their own notes, and a withheld note's 451 notice names the rules.
 */
export interface NoteStatements {
  statementsForNotes(noteIds: string[]): Promise<Map<string, StatementOfReasons[]>>;
  withholdingReasons(noteId: string): Promise<Array<{ text: string; reasonCode: string | null }>>;
}

export interface NoteReadsDeps {
  db: Db;
  media: MediaPort;
  topics: Pick<TopicsService, 'topicsOfNotes'>;
  /** Why notes are restricted (moderation's statements of reasons fill it). */
  statements?: NoteStatements;
  log: FastifyBaseLogger;
  /** Tells other nodes what this node dropped (docs/scale.md); none: one node. */
  invalidations?: Invalidations;
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
      ? await pages.viewerEngagement(
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

/**
 * Reading notes: one note under the visibility rule (with the 451 notice when withheld), and
 * notes presented for the API through this process's caches of rows, parts, JSON and blocks.
 */
/** Who a note is presented to: the viewer's own flags and the language of labels. */
export type Presentee = Pick<Reader, 'viewer' | 'locale'>;

export function createNoteReadsService(deps: NoteReadsDeps) {
  const { db, media, statements } = deps;
  const statementsOf = statements
    ? (noteIds: string[]) => statements.statementsForNotes(noteIds)
    : undefined;

  /** Reads the parts of these notes (four batched queries). */
  async function readParts(rows: NoteRow[]): Promise<Map<string, NoteParts>> {
    const ids = rows.map((row) => row.id);
    const [authors, mediaByNote, topics, mentions] = await Promise.all([
      authorsById(
        db,
        rows.map((row) => row.author_id),
      ),
      media.loadForNotes(db, ids),
      deps.topics.topicsOfNotes(db, ids),
      mentionsOfNotes(db, ids),
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

  const parts = new NotePartsCache(readParts, (error) =>
    deps.log.warn({ err: error }, "reloading notes' authors, media and topics failed"),
  );
  const json = new NoteJsonCache();
  const rows = new TtlMap<string, NoteRow>(ROW_TTL_MS, 20_000, undefined, cacheStats('note_rows'));
  const blocks = new TtlMap<string, Set<string>>(
    BLOCKS_TTL_MS,
    50_000,
    undefined,
    cacheStats('blocks'),
  );

  /**
   * The error for a note the viewer may not see: 451 with the notice when it is published but
   * withheld in the viewer's region (and nothing else hides it), else 404 — a held, removed or
   * blocked note looks exactly like one that never existed.
   */
  async function whyNotVisible(noteId: string, context: VisibilityContext) {
    const notice = context.region
      ? await store.findWithheldNote(db, noteId, { ...context, region: null })
      : undefined;
    if (!notice || !context.region) return notesError('NOT_FOUND');
    const reasons = deps.statements ? await deps.statements.withholdingReasons(noteId) : [];
    return notesError('WITHHELD_IN_REGION', `This note is withheld in ${context.region}.`, {
      region: context.region,
      reason: reasons[0]?.text ?? 'Withheld under the law or rules of this region.',
      // the moderator's reason code (e.g. legal.local_law), for clients to name in their language
      reasonCode: reasons[0]?.reasonCode ?? null,
      rules: reasons.map((reason) => reason.text),
    });
  }

  /** A note the viewer may read, else 451 (withheld here) or 404; records no view. */
  async function requireReadable(noteId: string, context: VisibilityContext): Promise<NoteRow> {
    const note = await store.findVisibleNote(db, noteId, context);
    if (!note) throw await whyNotVisible(noteId, context);
    return note;
  }

  /** A visible note or NOT_FOUND (for engagement and comments). */
  async function requireVisible(handle: DbHandle, noteId: string, context: VisibilityContext) {
    const note = await store.findVisibleNote(handle, noteId, context);
    if (!note) throw notesError('NOT_FOUND');
    return note;
  }

  /** Note rows in the API shape for a reader (staff views pass an anonymous one). */
  function present(rows: ViewedNoteRow[], reader: Presentee): Promise<Note[]> {
    const viewerId = reader.viewer?.accountId ?? null;
    return presentNoteRows(
      parts,
      rows,
      viewerFlagsOf(db, rows, viewerId),
      viewerId,
      reader.locale,
      statementsOf,
    );
  }

  async function blockedFor(viewerId: string): Promise<Set<string>> {
    const known = blocks.get(viewerId);
    if (known) return known;
    const ids = new Set(await pages.blockedEitherWay(db, viewerId));
    blocks.set(viewerId, ids);
    return ids;
  }

  /** Note rows (read with the viewer's flags, or not) as JSON fragments for a list. */
  async function presentJson(rows: ViewedNoteRow[], reader: Presentee): Promise<NoteFragments> {
    const viewerId = reader.viewer?.accountId ?? null;
    return presentNoteRowsJson(
      parts,
      json,
      rows,
      await viewerFlagsOf(db, rows, viewerId),
      viewerId,
      reader.locale,
      statementsOf,
    );
  }

  /**
   * Notes by id in the given order, limited to what the viewer may see: the feed pages' path.
   * Rows come from a short per-process cache (the same few hundred notes fill everyone's
   * discover pages) and pass the visibility rule in memory (`visibleTo`, the twin of the SQL
   * rule, and the viewer's block list); the database is asked only for rows not cached and the
   * viewer's likes and collects, in one statement. `recommended` applies the stricter rule of
   * recommendations (feeds whose ids may be seconds old: a note limited since then drops out).
   */
  async function presentNotes(
    ids: string[],
    reader: Reader,
    rule: 'visible' | 'recommended' = 'visible',
  ): Promise<NoteFragments> {
    const context = reader.visibility;
    const { region } = context;
    const known = new Map<string, NoteRow>();
    const missing: string[] = [];
    const now = Date.now();
    for (const id of ids) {
      const row = rows.get(id, now);
      if (row) known.set(id, row);
      else missing.push(id);
    }
    const [page, blocked] = await Promise.all([
      pages.pageRowsAndFlags(db, ids, missing, context.viewerId),
      context.viewerId ? blockedFor(context.viewerId) : null,
    ]);
    for (const row of page.rows) {
      rows.set(row.id, row);
      known.set(row.id, row);
    }
    const shown: NoteRow[] = [];
    for (const id of ids) {
      const row = known.get(id);
      if (!row || blocked?.has(row.author_id)) continue;
      const shownHere =
        rule === 'visible'
          ? visibleTo(row, context)
          : row.status === 'published' && recommendableIn(row, region);
      if (!shownHere) continue;
      shown.push(row);
    }
    return presentNoteRowsJson(
      parts,
      json,
      shown,
      (row) => ({ liked: page.liked.has(row.id), collected: page.collected.has(row.id) }),
      context.viewerId,
      reader.locale,
      statementsOf,
    );
  }

  const invalidations = deps.invalidations ?? noInvalidations;
  const forgetNote = sharedDrop(invalidations, 'note', (noteId) => {
    parts.forget(noteId);
    rows.delete(noteId);
  });
  const forgetRow = sharedDrop(invalidations, 'note-row', (noteId) => rows.delete(noteId));
  const forgetBlocksOf = sharedDrop(invalidations, 'blocks', (accountId) =>
    blocks.delete(accountId),
  );

  return {
    findNote: (noteId: string, handle: DbHandle = db) => store.findNote(handle, noteId),
    requireReadable,
    requireVisible,
    present,
    presentJson,
    presentNotes,
    /** A new note, as its author will see it at once: what presenting it needs is known. */
    remember: (row: NoteRow, noteParts: NoteParts) => {
      parts.set(row.id, noteParts);
      rows.set(row.id, row);
    },
    /** Drops what every node caches of a note: it changed. */
    forget: forgetNote,
    /** Drops a note's cached row only, on every node: its counts changed. */
    forgetRow,
    /** Call when a block between these accounts began or ended (every node forgets). */
    forgetBlocks: (...accountIds: string[]) => {
      for (const id of accountIds) forgetBlocksOf(id);
    },
  };
}

export type NoteReadsService = ReturnType<typeof createNoteReadsService>;
