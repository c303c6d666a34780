import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbHandle } from '../../db/database.js';
import type { NoteRow } from '../../db/schema.js';
import type { DomainEvents } from '../../lib/domain-events.js';
import { type Invalidations, noInvalidations, sharedDrop } from '../../lib/invalidations.js';
import { Listeners } from '../../lib/listeners.js';
import type { MediaPort } from '../media/media-port.js';
import type { WriteScreening } from '../screening/screening.js';
import type { TopicsService } from '../topics/topics.service.js';
import type { VisibilityContext } from '../visibility/visibility.js';
import { createNoteCountsService } from './note-counts.service.js';
import { createNoteReadsService, type NoteStatements } from './note-reads.service.js';
import { createNoteWritesService, type NoteTrustCheck } from './note-writes.service.js';
import * as notesStore from './notes.store.js';
import { createViewsService } from './views.service.js';

export interface NotesDeps {
  db: Db;
  media: MediaPort;
  /** The inline safety check and its records. */
  moderation: WriteScreening;
  /** Topic links and counters of notes. */
  topics: TopicsService;
  /** Why notes are restricted: statements of reasons and withholding rules (moderation). */
  statements?: NoteStatements;
  /** Trust-level limits before a note is written (the risk module; none when absent). */
  trust?: NoteTrustCheck;
  log: FastifyBaseLogger;
  /** Tells other nodes what changed here (docs/scale.md); none: one node. */
  invalidations?: Invalidations;
  /** Domain events recorded with each write (the outbox, NATS configured); none: nothing. */
  events?: DomainEvents;
}

/**
 * The notes module's one entry point for the rest of the server: reads, writes, counters and
 * views, each a service of its own, composed over shared caches.
 */
export function createNotesService(deps: NotesDeps) {
  const { db, topics } = deps;
  const reads = createNoteReadsService(deps);
  const views = createViewsService({ db, topics, log: deps.log });
  const counts = createNoteCountsService({ db, topics, views, reads });
  const changes = new Listeners<[authorId: string]>((error) =>
    deps.log.error({ err: error }, 'a listener of note changes failed'),
  );
  // the listeners (feeds: rankings, authors' lists) hear of changes made on other nodes too
  const notesOfAuthorChanged = sharedDrop(
    deps.invalidations ?? noInvalidations,
    'notes-of-author',
    (authorId) => changes.emit(authorId),
  );
  const writes = createNoteWritesService({
    ...deps,
    counts,
    reads,
    onChange: notesOfAuthorChanged,
  });

  /** A note the viewer may see; a view is recorded (counted later, once a day per viewer). */
  async function openNote(
    noteId: string,
    context: VisibilityContext,
    key: string,
  ): Promise<NoteRow> {
    const note = await reads.requireReadable(noteId, context);
    // an author re-reading their own note is not audience
    if (note.author_id !== context.viewerId) views.record(noteId, key);
    return note;
  }

  return {
    /** Tells `listener` when a note of an author was published, edited, moderated or deleted (on any node, with shared invalidations). */
    onNotesChanged: (listener: (authorId: string) => void) => changes.add(listener),
    applyModeration: writes.applyModeration,
    removeAllBy: writes.removeAllBy,
    deleteAllBy: writes.deleteAllBy,
    /** An account's notes and their statuses (a deletion hides the shown ones). */
    notesOf: (tx: DbHandle, authorId: string) => notesStore.notesOf(tx, authorId),
    findNote: reads.findNote,
    lockForUpdate: writes.lockForUpdate,
    adjustEngagement: counts.adjustEngagement,
    creditFollow: counts.creditFollow,
    createNote: writes.createNote,
    updateNote: writes.updateNote,
    deleteNote: writes.deleteNote,
    openNote,
    requireReadable: reads.requireReadable,
    requireVisible: reads.requireVisible,
    present: reads.present,
    presentJson: reads.presentJson,
    presentNotes: reads.presentNotes,
    countViews: views.countViews,
    close: views.close,
    pruneViews: views.pruneViews,
    forgetBlocks: reads.forgetBlocks,
    refreshScores: counts.refreshScores,
  };
}

export type NotesService = ReturnType<typeof createNotesService>;
