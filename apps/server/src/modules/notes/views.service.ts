import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, type DbHandle, inTransaction } from '../../db/database.js';
import type { NoteRow } from '../../db/schema.js';
import { rateLimitKey } from '../../http/client-address.js';
import type { ClientInfo } from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import type { TopicsService } from '../topics/topics.service.js';
import { utcDay, ViewRecorder } from './view-recorder.js';
import * as store from './views.store.js';

/**
 * Who counts as one viewer for "views": the account, or for an anonymous reader the address (an
 * IPv6 address by its /64, as rate limits count it). Not the user agent: a client chooses it
 * freely, and rotating it made every request from one address a new viewer.
 */
export function viewerKey(viewer: Viewer | null, client: ClientInfo): string {
  if (viewer) return viewer.accountId;
  return `anon:${createHash('sha256')
    .update(rateLimitKey(client.ip))
    .digest('base64url')
    .slice(0, 22)}`;
}

/**
 * Views of notes: recorded in memory, written in batches (`ViewRecorder`), counted later into
 * notes and topics (once a day per viewer), and forgotten once counted.
 */
export function createViewsService(deps: {
  db: Db;
  topics: Pick<TopicsService, 'lockCounters'>;
  log: FastifyBaseLogger;
}) {
  const { db } = deps;
  const recorder = new ViewRecorder({
    write: (batch) => store.recordViews(db, batch),
    onError: (error, dropped) =>
      deps.log.error({ err: error, dropped }, 'note views could not be written'),
  });

  /**
   * The author's note the viewer opened most recently today, if any: views of this process not
   * written yet are the most recent ones.
   */
  async function lastOpenedOf(
    handle: DbHandle,
    viewerId: string,
    authorId: string,
  ): Promise<NoteRow | undefined> {
    const waiting = recorder.pendingOf(viewerId);
    return (
      (waiting.length > 0 ? await store.newestOfAuthor(handle, waiting, authorId) : undefined) ??
      (await store.lastViewedNoteOf(handle, viewerId, authorId, utcDay(Date.now())))
    );
  }

  return {
    /** Records that `key` opened the note (written with the next batch). */
    record: (noteId: string, key: string) => recorder.record(noteId, key),
    lastOpenedOf,
    /** Writes this process's waiting views, then counts pending views in batches. */
    countViews: async (batch = 5000) => {
      await recorder.flush();
      return inTransaction(db, async (tx) => {
        // one counter of topics at a time (see countPendingViews)
        if (!(await deps.topics.lockCounters(tx))) return 0;
        return store.countPendingViews(tx, batch);
      });
    },
    pruneViews: () => store.pruneCountedViews(db),
    /** Writes the views still waiting; call when the process stops. */
    close: () => recorder.close(),
  };
}

export type ViewsService = ReturnType<typeof createViewsService>;
