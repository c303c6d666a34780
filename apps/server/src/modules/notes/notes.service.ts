import type { StatementOfReasons } from '@atrium/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import type { NoteRow } from '../../db/schema.js';
import type { MediaPort } from '../media/media-port.js';
import type { ContentModeration } from '../moderation/content-moderation.js';
import type { TopicsService } from '../topics/topics.service.js';
import type { VisibilityContext } from '../visibility/visibility.js';
import { createNoteCountsService } from './note-counts.service.js';
import { createNoteReadsService } from './note-reads.service.js';
import { createNoteWritesService } from './note-writes.service.js';
import { createViewsService } from './views.service.js';

export interface NotesDeps {
  db: Db;
  media: MediaPort;
  /** The inline safety check and its records. */
  moderation: ContentModeration;
  /** Topic links and counters of notes. */
  topics: TopicsService;
  /** Statements of reasons per note, for showing authors why their notes are restricted. */
  statements?: (noteIds: string[]) => Promise<Map<string, StatementOfReasons[]>>;
  /** The rules that withhold a note, for the 451 notice. */
  withholdingReasons?: (noteId: string) => Promise<string[]>;
  /** A note of this author was published, edited, moderated or deleted (on this node). */
  onChange?: (authorId: string) => void;
  log: FastifyBaseLogger;
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
  const writes = createNoteWritesService({ ...deps, counts, reads });

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
    applyModeration: writes.applyModeration,
    removeAllBy: writes.removeAllBy,
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
