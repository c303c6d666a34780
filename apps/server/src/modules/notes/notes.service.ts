import { createHash } from 'node:crypto';
import type { CreateNoteBody, Note, StatementOfReasons, UpdateNoteBody } from '@atrium/contracts';
import { normalizeLanguageTag } from '@atrium/lang';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, type DbHandle, inTransaction, type Tx } from '../../db/database.js';
import type { NoteRow } from '../../db/schema.js';
import type { ClientInfo } from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import { TtlMap } from '../../lib/ttl-map.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { languageOf } from '../lang/detect.js';
import type { MediaPort } from '../media/media-port.js';
import type { ContentModeration, ScreenedWrite } from '../moderation/content-moderation.js';
import { cleanBody, cleanTitle, parseMentions, parseTopics } from './note-text.js';
import { recommendableIn, type VisibilityContext, visibleTo } from './note-visibility.js';
import { notesError } from './notes.errors.js';
import { canEditNote, canPost } from './notes.policy.js';
import * as store from './notes.store.js';
import {
  type NoteFragments,
  NoteJsonCache,
  NotePartsCache,
  presentNoteRows,
  presentNoteRowsJson,
  readParts,
  toAuthorSummary,
  viewerFlagsOf,
} from './notes.view.js';
import { utcDay, ViewRecorder } from './view-recorder.js';

export interface NotesDeps {
  db: Db;
  media: MediaPort;
  /** The inline safety check and its records. */
  moderation: ContentModeration;
  /** Statements of reasons per note, for showing authors why their notes are restricted. */
  statements?: (noteIds: string[]) => Promise<Map<string, StatementOfReasons[]>>;
  /** The rules that withhold a note, for the 451 notice. */
  withholdingReasons?: (noteId: string) => Promise<string[]>;
  /** A note of this author was published, edited, moderated or deleted (on this node). */
  onChange?: (authorId: string) => void;
  log: FastifyBaseLogger;
}

/** What moderation decided, as stored on the note. */
function moderationState(screened: ScreenedWrite): store.NoteModerationState {
  const { outcome } = screened;
  return {
    status: outcome.status,
    moderation_action: outcome.moderationAction,
    region_actions: outcome.regionActions,
    labels: outcome.labels,
  };
}

/** Who counts as one viewer for "views": the account, or an anonymous address + user agent. */
export function viewerKey(viewer: Viewer | null, client: ClientInfo): string {
  if (viewer) return viewer.accountId;
  return `anon:${createHash('sha256')
    .update(`${client.ip}\n${client.userAgent ?? ''}`)
    .digest('base64url')
    .slice(0, 22)}`;
}

/**
 * How long a note's row (counts, status, moderation) is reused for feed pages. Changes made on
 * this node drop it at once; other nodes show them within this time. Note detail always reads
 * the database.
 */
export const ROW_TTL_MS = 5_000;
/** How long whom a viewer blocks (or is blocked by) is reused for feed pages. */
export const BLOCKS_TTL_MS = 5_000;

export function createNotesService(deps: NotesDeps) {
  const { db, media } = deps;
  const parts = new NotePartsCache(
    (noteRows) => readParts(db, media, noteRows),
    (error) => deps.log.warn({ err: error }, "reloading notes' authors, media and topics failed"),
  );
  const json = new NoteJsonCache();
  const rows = new TtlMap<string, NoteRow>(ROW_TTL_MS, 20_000);
  const blocks = new TtlMap<string, Set<string>>(BLOCKS_TTL_MS, 50_000);
  const views = new ViewRecorder({
    write: (batch) => store.recordViews(db, batch),
    onError: (error, dropped) =>
      deps.log.error({ err: error, dropped }, 'note views could not be written'),
  });
  /** Drops what this node caches of a note: it changed. */
  const forget = (noteId: string) => {
    parts.forget(noteId);
    rows.delete(noteId);
  };
  const changed = <T>(authorId: string, result: T): T => {
    deps.onChange?.(authorId);
    return result;
  };

  /**
   * Publishes a note in one transaction: the note, its images, topics with their counts and
   * this hour's activity, mentions, the author's count and the initial ranking score.
   */
  async function createNote(
    viewer: Viewer,
    input: CreateNoteBody,
    client: ClientInfo,
  ): Promise<store.ViewedNoteRow> {
    const denial = canPost(viewer);
    if (denial) throw notesError(denial.code, denial.reason);
    const title = cleanTitle(input.title);
    const body = cleanBody(input.body);
    const mediaIds = input.mediaIds ?? [];
    if (body.length === 0 && mediaIds.length === 0) throw notesError('NOTE_EMPTY');
    const screened = await deps.moderation.screen(viewer.accountId, 'note', { title, body });
    const state = moderationState(screened);
    const published = state.status === 'published';
    const topics = parseTopics(title, body);
    const mentions = parseMentions(title, body);
    const newNote: store.NewNote = {
      id: uuidv7(),
      author_id: viewer.accountId,
      title,
      body,
      // the author's own tag wins; else the detected main language
      lang: input.lang ? normalizeLanguageTag(input.lang) : languageOf(title, body),
      ip_country: client.country,
      ip_region: client.region,
      search: { title, body, topics: topics.map((topic) => topic.tag) },
      moderation: state,
    };
    // a held note counts nowhere until a moderator approves it
    const links = { topics, mentions, published };
    const write = async (handle: DbHandle) => {
      const written = await store.insertNoteWithLinks(handle, newNote, links);
      const attached = mediaIds.length > 0 ? await attachMedia(handle, written.row.id) : [];
      return { written, attached };
    };
    const attachMedia = async (tx: DbHandle, noteId: string) => {
      const rows = await media.attach(tx, viewer.accountId, mediaIds);
      await store.replaceNoteMedia(tx, noteId, mediaIds);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return mediaIds.flatMap((id) => byId.get(id) ?? []);
    };
    // A clean text note is one atomic statement; images and moderation records share a transaction.
    const { written, attached } =
      mediaIds.length === 0 && !screened.outcome.restricted
        ? await write(db)
        : await inTransaction(db, async (tx) => {
            const result = await write(tx);
            await deps.moderation.record(
              tx,
              {
                type: 'note',
                id: result.written.row.id,
                subjectId: viewer.accountId,
                lang: result.written.row.lang,
                region: client.country ?? viewer.country,
              },
              screened,
            );
            return result;
          });
    // the author sees the note at once: what presenting it needs is already here
    parts.set(written.row.id, {
      author: toAuthorSummary(written.author),
      media: attached.map((row) => media.view(row)),
      topics: written.topics,
      mentions: written.mentions,
    });
    rows.set(written.row.id, written.row);
    return changed(viewer.accountId, {
      ...written.row,
      viewer_liked: false,
      viewer_collected: false,
    });
  }

  /**
   * The author edits title, body or images. The new text is checked like a new note; topics,
   * mentions and counts follow the new text and status; a moderator's restrictions stay.
   */
  async function updateNote(
    viewer: Viewer,
    noteId: string,
    input: UpdateNoteBody,
  ): Promise<store.ViewedNoteRow> {
    const denial = canPost(viewer);
    if (denial) throw notesError(denial.code, denial.reason);
    const textOf = (note: NoteRow) => ({
      title: input.title !== undefined ? cleanTitle(input.title) : note.title,
      body: input.body !== undefined ? cleanBody(input.body) : note.body,
    });
    const before = await store.findNote(db, noteId);
    if (!before || before.status === 'removed') throw notesError('NOT_FOUND');
    const ownership = canEditNote(viewer.accountId, before);
    if (ownership) throw notesError(ownership.code);
    let text = textOf(before);
    let screened = await deps.moderation.screen(viewer.accountId, 'note', text);
    const updated = await inTransaction(db, async (tx) => {
      const note = await store.lockNote(tx, noteId);
      if (!note || note.status === 'removed') throw notesError('NOT_FOUND');
      const locked = textOf(note);
      // another edit landed in between: check the text that will actually be stored
      if (locked.title !== text.title || locked.body !== text.body) {
        text = locked;
        screened = await deps.moderation.screen(viewer.accountId, 'note', text, {
          handle: tx,
          rules: screened.rules,
        });
      }
      const { title, body } = text;
      let mediaIds = await store.mediaIdsOfNote(tx, noteId);
      if (input.mediaIds !== undefined) {
        const added = input.mediaIds.filter((id) => !mediaIds.includes(id));
        if (added.length > 0) await media.attach(tx, viewer.accountId, added);
        const previous = await store.replaceNoteMedia(tx, noteId, input.mediaIds);
        await media.release(
          tx,
          previous.filter((id) => !input.mediaIds!.includes(id)),
        );
        mediaIds = input.mediaIds;
      }
      if (body.length === 0 && mediaIds.length === 0) throw notesError('NOTE_EMPTY');
      const state = await deps.moderation.keepStaffRestrictions(
        tx,
        'note',
        noteId,
        moderationState(screened),
      );
      const topics = parseTopics(title, body);
      const newTags = topics.map((topic) => topic.tag);
      const oldTags = await store.topicTagsOf(tx, noteId);
      await store.unlinkTopics(
        tx,
        noteId,
        oldTags.filter((tag) => !newTags.includes(tag)),
      );
      await store.ensureTopics(
        tx,
        topics.filter((topic) => !oldTags.includes(topic.tag)),
      );
      await store.linkTopics(
        tx,
        noteId,
        newTags.filter((tag) => !oldTags.includes(tag)),
      );
      await moveCounts(
        tx,
        note,
        { tags: oldTags, published: note.status === 'published' },
        {
          tags: newTags,
          published: state.status === 'published',
        },
      );
      await store.replaceMentions(tx, noteId, parseMentions(title, body));
      const row = await store.updateNoteContent(tx, noteId, {
        title,
        body,
        lang: languageOf(title, body) ?? note.lang,
        search: { title, body, topics: newTags },
        moderation: state,
      });
      await deps.moderation.record(
        tx,
        {
          type: 'note',
          id: noteId,
          subjectId: note.author_id,
          lang: note.lang,
          region: note.ip_country,
        },
        screened,
      );
      return row;
    });
    forget(noteId);
    return changed(updated.author_id, updated);
  }

  /**
   * Moves topic and author counts when a note's topics or published state change: a note counts
   * for its topics and its author only while published.
   */
  async function moveCounts(
    tx: Tx,
    note: NoteRow,
    from: { tags: string[]; published: boolean },
    to: { tags: string[]; published: boolean },
  ): Promise<void> {
    const discussions = note.comment_count;
    const gone = from.published
      ? to.published
        ? from.tags.filter((tag) => !to.tags.includes(tag))
        : from.tags
      : [];
    const come = to.published
      ? from.published
        ? to.tags.filter((tag) => !from.tags.includes(tag))
        : to.tags
      : [];
    await store.recordTopicDeltas(tx, gone, { notes: -1, discussions: -discussions });
    await store.recordTopicDeltas(tx, come, { notes: 1, discussions });
    if (from.published !== to.published) {
      await store.adjustAuthorCounts(tx, note.author_id, {
        notes: to.published ? 1 : -1,
        likesReceived: to.published ? note.like_count : -note.like_count,
      });
    }
  }

  /**
   * Applies a moderator's decision to a note in the moderator's transaction: status and
   * regional actions, with topic and author counts following the published state.
   */
  async function applyModeration(
    tx: Tx,
    noteId: string,
    decide: (note: NoteRow) => store.NoteModerationState,
  ): Promise<NoteRow> {
    const note = await store.lockNote(tx, noteId);
    if (!note) throw notesError('NOT_FOUND');
    const state = decide(note);
    const tags = await store.topicTagsOf(tx, noteId);
    await moveCounts(
      tx,
      note,
      { tags, published: note.status === 'published' },
      { tags, published: state.status === 'published' },
    );
    const row = await store.setNoteModeration(tx, noteId, state);
    forget(noteId);
    deps.onChange?.(note.author_id);
    return row;
  }

  /**
   * Removes every note of an account (a ban), in the moderator's transaction; counts follow.
   * Returns how many notes were removed.
   */
  async function removeAllBy(tx: Tx, authorId: string): Promise<number> {
    const ids = await store.shownNoteIdsOf(tx, authorId);
    for (const id of ids) {
      await applyModeration(tx, id, (note) => ({
        status: 'removed',
        moderation_action: note.moderation_action,
        region_actions: note.region_actions,
        labels: note.labels,
      }));
    }
    return ids.length;
  }

  /**
   * Deletes a note and everything hanging off it; every count it contributed to goes back down
   * in the same transaction, and its images become orphans for cleanup.
   */
  async function deleteNote(viewer: Viewer, noteId: string): Promise<void> {
    const authorId = await inTransaction(db, async (tx) => {
      const note = await store.lockNote(tx, noteId);
      if (!note) throw notesError('NOT_FOUND');
      const denial = canEditNote(viewer.accountId, note);
      if (denial) throw notesError(denial.code);
      const tags = await store.topicTagsOf(tx, noteId);
      const mediaIds = await store.mediaIdsOfNote(tx, noteId);
      await moveCounts(
        tx,
        note,
        { tags, published: note.status === 'published' },
        {
          tags: [],
          published: false,
        },
      );
      await store.deleteNoteRow(tx, noteId);
      await media.release(tx, mediaIds);
      return note.author_id;
    });
    forget(noteId);
    changed(authorId, undefined);
  }

  /** A note the viewer may see; a view is recorded (counted later, once a day per viewer). */
  async function openNote(
    noteId: string,
    context: VisibilityContext,
    key: string,
  ): Promise<NoteRow> {
    const note = await store.findVisibleNote(db, noteId, context);
    if (!note) throw await whyNotVisible(noteId, context);
    // an author re-reading their own note is not audience
    if (note.author_id !== context.viewerId) views.record(noteId, key);
    return note;
  }

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
    const reasons = deps.withholdingReasons ? await deps.withholdingReasons(noteId) : [];
    return notesError('WITHHELD_IN_REGION', `This note is withheld in ${context.region}.`, {
      region: context.region,
      reason: reasons[0] ?? 'Withheld under the law or rules of this region.',
      rules: reasons,
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

  function present(
    rows: store.ViewedNoteRow[],
    viewer: Viewer | null,
    locale: string,
  ): Promise<Note[]> {
    return presentNoteRows(db, parts, rows, viewer?.accountId ?? null, locale, deps.statements);
  }

  async function blockedFor(viewerId: string): Promise<Set<string>> {
    const known = blocks.get(viewerId);
    if (known) return known;
    const ids = new Set(await store.blockedEitherWay(db, viewerId));
    blocks.set(viewerId, ids);
    return ids;
  }

  /** Note rows (read with the viewer's flags, or not) as JSON fragments for a list. */
  async function presentJson(
    rows: store.ViewedNoteRow[],
    viewer: Viewer | null,
    locale: string,
  ): Promise<NoteFragments> {
    const viewerId = viewer?.accountId ?? null;
    return presentNoteRowsJson(
      parts,
      json,
      rows,
      await viewerFlagsOf(db, rows, viewerId),
      viewerId,
      locale,
      deps.statements,
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
    viewer: Viewer | null,
    locale: string,
    region: string | null,
    rule: 'visible' | 'recommended' = 'visible',
  ): Promise<NoteFragments> {
    const context: VisibilityContext = { viewerId: viewer?.accountId ?? null, region };
    const known = new Map<string, NoteRow>();
    const missing: string[] = [];
    const now = Date.now();
    for (const id of ids) {
      const row = rows.get(id, now);
      if (row) known.set(id, row);
      else missing.push(id);
    }
    const [page, blocked] = await Promise.all([
      store.pageRowsAndFlags(db, ids, missing, context.viewerId),
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
      locale,
      deps.statements,
    );
  }

  /**
   * Moves a note's engagement counters (and its author's likes received, and its topics'
   * discussions) in the caller's transaction, then re-scores it. Used by likes, collects,
   * comments and follows.
   */
  async function adjustEngagement(
    tx: DbHandle,
    note: NoteRow,
    changes: { likes?: number; collects?: number; comments?: number; follows?: number },
  ): Promise<void> {
    await store.adjustNoteCounts(tx, note.id, changes);
    rows.delete(note.id);
    // an author's likes received count published notes only (moveCounts settles the rest)
    if (changes.likes && note.status === 'published')
      await store.adjustAuthorCounts(tx, note.author_id, { likesReceived: changes.likes });
    if (changes.comments && note.status === 'published') {
      const tags = await store.topicTagsOf(tx, note.id);
      await store.recordTopicDeltas(tx, tags, { discussions: changes.comments });
    }
    await store.refreshScore(tx, note.id);
  }

  /**
   * Credits a new follow to the followed author's note the follower opened most recently today:
   * follows earned by a note are the strongest ranking signal.
   */
  async function creditFollow(tx: DbHandle, followerId: string, authorId: string): Promise<void> {
    // views of this process not written yet are the most recent ones
    const waiting = views.pendingOf(followerId);
    const note =
      (waiting.length > 0 ? await store.newestOfAuthor(tx, waiting, authorId) : undefined) ??
      (await store.lastViewedNoteOf(tx, followerId, authorId, utcDay(Date.now())));
    if (note) await adjustEngagement(tx, note, { follows: 1 });
  }

  /** Locks a note for a change made by another module (comments); NOT_FOUND when gone. */
  async function lockForUpdate(tx: DbHandle, noteId: string): Promise<NoteRow> {
    const note = await store.lockNote(tx, noteId);
    if (!note) throw notesError('NOT_FOUND');
    return note;
  }

  return {
    applyModeration,
    removeAllBy,
    findNote: (noteId: string, handle: DbHandle = db) => store.findNote(handle, noteId),
    lockForUpdate,
    adjustEngagement,
    creditFollow,
    createNote,
    updateNote,
    deleteNote,
    openNote,
    requireReadable,
    requireVisible,
    present,
    presentJson,
    presentNotes,
    /** Writes this process's waiting views, then counts pending views in batches. */
    countViews: async (batch = 5000) => {
      await views.flush();
      return inTransaction(db, (tx) => store.countPendingViews(tx, batch));
    },
    /** Writes the views still waiting; call when the process stops. */
    close: () => views.close(),
    /** Folds pending topic count changes into topics; returns how many were applied. */
    applyTopicCounts: (batch = 10_000) =>
      inTransaction(db, (tx) => store.applyTopicDeltas(tx, batch)),
    pruneViews: () => store.pruneCountedViews(db),
    /** Call when a block between these accounts began or ended (on this node). */
    forgetBlocks: (...accountIds: string[]) => {
      for (const id of accountIds) blocks.delete(id);
    },
    refreshScores: (days = 7) => store.refreshRecentScores(db, days),
  };
}

export type NotesService = ReturnType<typeof createNotesService>;
