import type { CreateNoteBody, UpdateNoteBody } from '@atrium/contracts';
import { normalizeLanguageTag } from '@atrium/lang';
import { type Db, type DbHandle, inTransaction, type Tx } from '../../db/database.js';
import type { MediaRow, NoteRow } from '../../db/schema.js';
import type { ClientInfo } from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import { type DomainEvents, noDomainEvents } from '../../lib/domain-events.js';
import { languageOf } from '../../lib/language-of.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { toAuthorSummary } from '../accounts/author-summaries.js';
import type { MediaPort } from '../media/media-port.js';
import type { ScreenedWrite, WriteScreening } from '../screening/screening.js';
import type { TopicsService } from '../topics/topics.service.js';
import * as mentions from './mentions.store.js';
import type { ViewedNoteRow } from './note-columns.store.js';
import type { NoteCountsService } from './note-counts.service.js';
import * as noteMedia from './note-media.store.js';
import type { NoteReadsService } from './note-reads.service.js';
import { cleanAlts, cleanBody, cleanTitle, parseMentions, parseTopics } from './note-text.js';
import { notesError } from './notes.errors.js';
import { canEditNote, canPost } from './notes.policy.js';
import * as store from './notes.store.js';

/** The risk module's trust-level check of a new note: throws TRUST_LIMIT over a limit. */
export interface NoteTrustCheck {
  checkNote(
    accountId: string,
    note: { title: string | null; body: string; images: number; mentions: number },
  ): Promise<void>;
}

export interface NoteWritesDeps {
  db: Db;
  media: MediaPort;
  /** The inline safety check and its records. */
  moderation: WriteScreening;
  topics: Pick<TopicsService, 'relinkNote' | 'tagsOfNote'>;
  counts: Pick<NoteCountsService, 'moveCounts'>;
  reads: Pick<NoteReadsService, 'remember' | 'forget'>;
  trust?: NoteTrustCheck;
  /** `note.created`, `note.edited` and `note.moderated`, in the writing transaction. */
  events?: DomainEvents;
  /** A note of this author was published, edited, moderated or deleted (on this node). */
  onChange?: (authorId: string) => void;
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

/**
 * A note written with images not all passed waits for their checks (docs/media.md): shown to
 * its author only (`pending_review`, `media_hold` when the wait is the only reason), settled by
 * the media checks' runner once every image is checked. Images all passed: nothing to wait for.
 */
function withMediaChecks(
  state: store.NoteModerationState,
  rows: Pick<MediaRow, 'check_state'>[],
): store.NoteModerationState {
  if (rows.length === 0) return { ...state, media_check: null, media_hold: false };
  if (rows.every((row) => row.check_state === 'passed'))
    return { ...state, media_check: 'passed', media_hold: false };
  return {
    ...state,
    status: state.status === 'removed' ? 'removed' : 'pending_review',
    media_check: 'pending',
    media_hold: state.status === 'published',
  };
}

/**
 * Writing notes: authors create, edit and delete them; moderators restrict and remove them.
 * Every count a note contributes to follows in the same transaction.
 */
export function createNoteWritesService(deps: NoteWritesDeps) {
  const { db, media, counts, reads } = deps;
  const events = deps.events ?? noDomainEvents;
  const changed = <T>(authorId: string, result: T): T => {
    deps.onChange?.(authorId);
    return result;
  };

  /**
   * Alt texts are checked like profile texts: anything the rules would hold or withhold is
   * refused (422 CONTENT_REJECTED, field `alt`), since alt text has no review of its own.
   */
  async function screenAlts(accountId: string, alts: string[], handle?: DbHandle) {
    const text = alts.filter(Boolean).join('\n');
    if (text)
      await deps.moderation.screen(
        accountId,
        'note',
        { alt: text },
        { strict: true, ...(handle ? { handle } : {}) },
      );
  }

  /**
   * Publishes a note in one transaction: the note, its images, topics with their counts and
   * this hour's activity, mentions, the author's count and the initial ranking score.
   */
  async function createNote(
    viewer: Viewer,
    input: CreateNoteBody,
    client: ClientInfo,
  ): Promise<ViewedNoteRow> {
    const denial = canPost(viewer);
    if (denial) throw notesError(denial.code, denial.reason);
    const title = cleanTitle(input.title);
    const body = cleanBody(input.body);
    const mediaIds = input.mediaIds ?? [];
    if (body.length === 0 && mediaIds.length === 0) throw notesError('NOTE_EMPTY');
    const alts = cleanAlts(input.mediaAlt, mediaIds.length);
    await screenAlts(viewer.accountId, alts);
    const mentions = parseMentions(title, body);
    await deps.trust?.checkNote(viewer.accountId, {
      title,
      body,
      images: mediaIds.length,
      mentions: mentions.length,
    });
    const screened = await deps.moderation.screen(viewer.accountId, 'note', { title, body });
    const state = moderationState(screened);
    const topics = parseTopics(title, body);
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
    const write = async (handle: DbHandle) => {
      // attached first: whether the images are checked decides the note's status
      const rows =
        mediaIds.length > 0 ? await media.attach(handle, viewer.accountId, mediaIds) : [];
      media.assertMix(rows);
      const note = { ...newNote, moderation: withMediaChecks(newNote.moderation, rows) };
      const written = await store.insertNoteWithLinks(handle, note, {
        topics,
        mentions,
        published: note.moderation.status === 'published',
      });
      if (mediaIds.length > 0)
        await noteMedia.replaceNoteMedia(handle, written.row.id, mediaIds, alts);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const attached = mediaIds.flatMap((id, index) => {
        const row = byId.get(id);
        return row ? [{ ...row, alt: alts[index] }] : [];
      });
      return { written, attached };
    };
    // A clean text note is one atomic statement; images, moderation records and the domain
    // event (when recorded) share a transaction.
    const { written, attached } =
      mediaIds.length === 0 && !screened.outcome.restricted && !events.enabled
        ? await write(db)
        : await inTransaction(db, async (tx) => {
            const result = await write(tx);
            await events.record(tx, {
              type: 'note.created',
              key: result.written.row.id,
              data: { authorId: viewer.accountId, status: result.written.row.status },
            });
            if (!screened.outcome.restricted && mediaIds.length === 0) return result;
            await deps.moderation.record(
              tx,
              {
                type: 'note',
                id: result.written.row.id,
                subjectId: viewer.accountId,
                region: client.country ?? viewer.country,
              },
              screened,
            );
            return result;
          });
    // the author sees the note at once: what presenting it needs is already here
    reads.remember(written.row, {
      author: toAuthorSummary(written.author),
      media: attached.map((row) => media.view(row)),
      topics: written.topics,
      mentions: written.mentions,
    });
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
  ): Promise<ViewedNoteRow> {
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
      let mediaIds = await noteMedia.mediaIdsOfNote(tx, noteId);
      if (input.mediaIds !== undefined || input.mediaAlt !== undefined) {
        const nextIds = input.mediaIds ?? mediaIds;
        // images that stay keep their alt text unless new ones are given
        const kept = await noteMedia.altsOfNote(tx, noteId);
        const alts =
          input.mediaAlt !== undefined
            ? cleanAlts(input.mediaAlt, nextIds.length)
            : nextIds.map((id) => kept.get(id) ?? '');
        await screenAlts(viewer.accountId, alts, tx);
        const added = nextIds.filter((id) => !mediaIds.includes(id));
        if (added.length > 0) await media.attach(tx, viewer.accountId, added);
        const previous = await noteMedia.replaceNoteMedia(tx, noteId, nextIds, alts);
        await media.release(
          tx,
          previous.filter((id) => !nextIds.includes(id)),
        );
        mediaIds = nextIds;
      }
      if (body.length === 0 && mediaIds.length === 0) throw notesError('NOTE_EMPTY');
      // the images' outcome is applied again after an edit (the text's is decided afresh)
      const images = (await media.loadForNotes(tx, [noteId])).get(noteId) ?? [];
      media.assertMix(images);
      const state = withMediaChecks(
        await deps.moderation.keepStaffRestrictions(tx, 'note', noteId, moderationState(screened)),
        images,
      );
      const { oldTags, newTags } = await deps.topics.relinkNote(
        tx,
        noteId,
        parseTopics(title, body),
      );
      await counts.moveCounts(
        tx,
        note,
        { tags: oldTags, published: note.status === 'published' },
        {
          tags: newTags,
          published: state.status === 'published',
        },
      );
      await mentions.replaceMentions(tx, noteId, parseMentions(title, body));
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
          region: note.ip_country,
        },
        screened,
      );
      await events.record(tx, {
        type: 'note.edited',
        key: noteId,
        data: { authorId: note.author_id, status: row.status },
      });
      return row;
    });
    reads.forget(noteId);
    return changed(updated.author_id, updated);
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
    const tags = await deps.topics.tagsOfNote(tx, noteId);
    await counts.moveCounts(
      tx,
      note,
      { tags, published: note.status === 'published' },
      { tags, published: state.status === 'published' },
    );
    const row = await store.setNoteModeration(tx, noteId, state);
    await events.record(tx, {
      type: 'note.moderated',
      key: noteId,
      data: { authorId: note.author_id, status: row.status, action: row.moderation_action },
    });
    reads.forget(noteId);
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
      const tags = await deps.topics.tagsOfNote(tx, noteId);
      const mediaIds = await noteMedia.mediaIdsOfNote(tx, noteId);
      await counts.moveCounts(
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
    reads.forget(noteId);
    changed(authorId, undefined);
  }

  /**
   * Deletes every note of an account (the purge of its deletion, docs/security.md), in the
   * caller's transaction, like `deleteNote` one by one: every count a note contributed to goes
   * back down, and its images are released (orphans for the media cleanup).
   */
  async function deleteAllBy(tx: Tx, authorId: string): Promise<number> {
    const ids = await store.noteIdsOf(tx, authorId);
    for (const noteId of ids) {
      const note = await store.lockNote(tx, noteId);
      if (!note) continue;
      const tags = await deps.topics.tagsOfNote(tx, noteId);
      const mediaIds = await noteMedia.mediaIdsOfNote(tx, noteId);
      await counts.moveCounts(
        tx,
        note,
        { tags, published: note.status === 'published' },
        { tags: [], published: false },
      );
      await store.deleteNoteRow(tx, noteId);
      await media.release(tx, mediaIds);
      reads.forget(noteId);
    }
    if (ids.length > 0) changed(authorId, undefined);
    return ids.length;
  }

  /** Locks a note for a change made by another module (comments); NOT_FOUND when gone. */
  async function lockForUpdate(tx: DbHandle, noteId: string): Promise<NoteRow> {
    const note = await store.lockNote(tx, noteId);
    if (!note) throw notesError('NOT_FOUND');
    return note;
  }

  return {
    createNote,
    updateNote,
    deleteNote,
    applyModeration,
    removeAllBy,
    deleteAllBy,
    lockForUpdate,
  };
}

export type NoteWritesService = ReturnType<typeof createNoteWritesService>;
