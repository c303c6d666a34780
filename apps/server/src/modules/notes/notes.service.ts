import { createHash } from 'node:crypto';
import type { CreateNoteBody, Note, UpdateNoteBody } from '@atrium/contracts';
import { type Db, type DbHandle, inTransaction } from '../../db/database.js';
import type { NoteRow } from '../../db/schema.js';
import type { Viewer } from '../../http/viewer.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { ClientInfo } from '../accounts/sessions.service.js';
import type { MediaPort } from './media-port.js';
import { cleanBody, cleanTitle, parseMentions, parseTopics } from './note-text.js';
import type { VisibilityContext } from './note-visibility.js';
import { notesError } from './notes.errors.js';
import { canEditNote } from './notes.policy.js';
import * as store from './notes.store.js';
import { NotePartsCache, presentNoteRows } from './notes.view.js';

export interface NotesDeps {
  db: Db;
  media: MediaPort;
  /** Called after a note was published, edited or deleted (e.g. to refresh shared rankings). */
  onChange?: () => void;
}

/** Who counts as one viewer for "views": the account, or an anonymous address + user agent. */
export function viewerKey(viewer: Viewer | null, client: ClientInfo): string {
  if (viewer) return viewer.accountId;
  return `anon:${createHash('sha256')
    .update(`${client.ip}\n${client.userAgent ?? ''}`)
    .digest('base64url')
    .slice(0, 22)}`;
}

export function createNotesService(deps: NotesDeps) {
  const { db, media } = deps;
  const parts = new NotePartsCache();
  const changed = <T>(result: T): T => {
    deps.onChange?.();
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
  ): Promise<NoteRow> {
    const title = cleanTitle(input.title);
    const body = cleanBody(input.body);
    const mediaIds = input.mediaIds ?? [];
    if (body.length === 0 && mediaIds.length === 0) throw notesError('NOTE_EMPTY');
    const topics = parseTopics(title, body);
    const mentions = parseMentions(title, body);
    const note = await inTransaction(db, async (tx) => {
      const note = await store.insertNote(tx, {
        id: uuidv7(),
        author_id: viewer.accountId,
        title,
        body,
        lang: input.lang ?? null,
        ip_country: client.country,
        ip_region: client.region,
        search: { title, body, topics: topics.map((topic) => topic.tag) },
      });
      if (mediaIds.length > 0) {
        await media.attach(tx, viewer.accountId, mediaIds);
        await store.replaceNoteMedia(tx, note.id, mediaIds);
      }
      const tags = topics.map((topic) => topic.tag);
      await store.ensureTopics(tx, topics);
      await store.linkTopics(tx, note.id, tags);
      await store.recordTopicDeltas(tx, tags, { notes: 1 });
      await store.replaceMentions(tx, note.id, mentions);
      await store.adjustAuthorCounts(tx, viewer.accountId, { notes: 1 });
      await store.refreshScore(tx, note.id);
      return note;
    });
    return changed(note);
  }

  /** The author edits title, body or images; topics and mentions follow the new text. */
  async function updateNote(
    viewer: Viewer,
    noteId: string,
    input: UpdateNoteBody,
  ): Promise<NoteRow> {
    const updated = await inTransaction(db, async (tx) => {
      const note = await store.lockNote(tx, noteId);
      if (!note || note.status === 'removed') throw notesError('NOT_FOUND');
      const denial = canEditNote(viewer.accountId, note);
      if (denial) throw notesError(denial.code);
      const title = input.title !== undefined ? cleanTitle(input.title) : note.title;
      const body = input.body !== undefined ? cleanBody(input.body) : note.body;
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
      const topics = parseTopics(title, body);
      const newTags = topics.map((topic) => topic.tag);
      const oldTags = await store.topicTagsOf(tx, noteId);
      const removed = oldTags.filter((tag) => !newTags.includes(tag));
      const added = topics.filter((topic) => !oldTags.includes(topic.tag));
      const published = note.status === 'published';
      await store.unlinkTopics(tx, noteId, removed);
      if (published) {
        await store.recordTopicDeltas(tx, removed, { notes: -1, discussions: -note.comment_count });
      }
      await store.ensureTopics(tx, added);
      await store.linkTopics(
        tx,
        noteId,
        added.map((topic) => topic.tag),
      );
      if (published) {
        await store.recordTopicDeltas(
          tx,
          added.map((topic) => topic.tag),
          { notes: 1, discussions: note.comment_count },
        );
      }
      await store.replaceMentions(tx, noteId, parseMentions(title, body));
      return store.updateNoteContent(tx, noteId, {
        title,
        body,
        search: { title, body, topics: topics.map((topic) => topic.tag) },
      });
    });
    parts.forget(noteId);
    return changed(updated);
  }

  /**
   * Deletes a note and everything hanging off it; every count it contributed to goes back down
   * in the same transaction, and its images become orphans for cleanup.
   */
  async function deleteNote(viewer: Viewer, noteId: string): Promise<void> {
    await inTransaction(db, async (tx) => {
      const note = await store.lockNote(tx, noteId);
      if (!note) throw notesError('NOT_FOUND');
      const denial = canEditNote(viewer.accountId, note);
      if (denial) throw notesError(note.status === 'removed' ? 'NOT_FOUND' : denial.code);
      const tags = await store.topicTagsOf(tx, noteId);
      const mediaIds = await store.mediaIdsOfNote(tx, noteId);
      if (note.status === 'published') {
        await store.recordTopicDeltas(tx, tags, { notes: -1, discussions: -note.comment_count });
      }
      await store.adjustAuthorCounts(tx, note.author_id, {
        notes: -1,
        likesReceived: -note.like_count,
      });
      await store.deleteNoteRow(tx, noteId);
      await media.release(tx, mediaIds);
    });
    parts.forget(noteId);
    changed(undefined);
  }

  /** A note the viewer may see; a view is recorded (counted later, once a day per viewer). */
  async function openNote(
    noteId: string,
    context: VisibilityContext,
    key: string,
  ): Promise<NoteRow> {
    const note = await store.findVisibleNote(db, noteId, context);
    if (!note) throw notesError('NOT_FOUND');
    // an author re-reading their own note is not audience
    if (note.author_id !== context.viewerId) await store.recordView(db, noteId, key);
    return note;
  }

  /** A visible note or NOT_FOUND (for engagement and comments). */
  async function requireVisible(handle: DbHandle, noteId: string, context: VisibilityContext) {
    const note = await store.findVisibleNote(handle, noteId, context);
    if (!note) throw notesError('NOT_FOUND');
    return note;
  }

  function present(rows: NoteRow[], viewer: Viewer | null, locale: string): Promise<Note[]> {
    return presentNoteRows(db, media, parts, rows, viewer?.accountId ?? null, locale);
  }

  /** Notes by id in the given order, limited to what the viewer may see. */
  async function presentNotes(
    ids: string[],
    viewer: Viewer | null,
    locale: string,
    region: string | null,
  ) {
    const rows = await store.findVisibleNotes(db, ids, {
      viewerId: viewer?.accountId ?? null,
      region,
    });
    return present(rows, viewer, locale);
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
    if (changes.likes)
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
    const note = await store.lastViewedNoteOf(tx, followerId, authorId);
    if (note) await adjustEngagement(tx, note, { follows: 1 });
  }

  /** Locks a note for a change made by another module (comments); NOT_FOUND when gone. */
  async function lockForUpdate(tx: DbHandle, noteId: string): Promise<NoteRow> {
    const note = await store.lockNote(tx, noteId);
    if (!note) throw notesError('NOT_FOUND');
    return note;
  }

  return {
    lockForUpdate,
    adjustEngagement,
    creditFollow,
    createNote,
    updateNote,
    deleteNote,
    openNote,
    requireVisible,
    present,
    presentNotes,
    /** Counts pending views in batches; returns how many were counted. */
    countViews: (batch = 5000) => inTransaction(db, (tx) => store.countPendingViews(tx, batch)),
    /** Folds pending topic count changes into topics; returns how many were applied. */
    applyTopicCounts: (batch = 10_000) =>
      inTransaction(db, (tx) => store.applyTopicDeltas(tx, batch)),
    pruneViews: () => store.pruneCountedViews(db),
    refreshScores: (days = 7) => store.refreshRecentScores(db, days),
  };
}

export type NotesService = ReturnType<typeof createNotesService>;
