import type { Note } from '@atrium/contracts';
import type { Db } from '../../db/database.js';
import type { Viewer } from '../../http/viewer.js';
import { decodeCursor, encodeCursor, idCursor } from '../../lib/cursor.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { VisibilityContext } from '../notes/note-visibility.js';
import type { NotesService } from '../notes/notes.service.js';
import { interleave, pickPage } from './discover.js';
import * as store from './feeds.store.js';

/** How many ranked candidates one discover session draws from. */
const SNAPSHOT_RANKED = 400;
const SNAPSHOT_EXPLORATION = 150;
/** Snapshots older than this are dropped; their cursors then start a fresh feed. */
export const SNAPSHOT_TTL_MS = 24 * 60 * 60 * 1000;

export interface FeedPage {
  items: Note[];
  nextCursor: string | null;
}

interface SnapshotCursor extends Record<string, unknown> {
  snapshot: string;
  offset: number;
}

const isSnapshotCursor = (value: Record<string, unknown>): value is SnapshotCursor =>
  typeof value.snapshot === 'string' &&
  /^[0-9a-f-]{36}$/.test(value.snapshot) &&
  Number.isInteger(value.offset) &&
  (value.offset as number) >= 0;

export function createFeedsService(deps: { db: Db; notes: NotesService }) {
  const { db, notes } = deps;

  async function page(
    rows: Awaited<ReturnType<typeof store.authorNotes>>,
    viewer: Viewer | null,
    locale: string,
    cursor: string | null,
  ): Promise<FeedPage> {
    return { items: await notes.present(rows, viewer, locale), nextCursor: cursor };
  }

  /**
   * Pages through a snapshot: the first request ranks once and stores the order; later pages
   * read it, so they stay stable while scores move and new notes arrive. With `diverse`, each
   * page holds at most two notes per author (the rest move to later pages).
   */
  async function snapshotPage(
    cursorText: string | undefined,
    build: () => Promise<string[]>,
    viewerKey: string,
    limit: number,
    diverse: boolean,
    context: VisibilityContext,
    viewer: Viewer | null,
    locale: string,
  ): Promise<FeedPage> {
    const cursor = decodeCursor(cursorText, isSnapshotCursor);
    let snapshotId: string;
    let ids: string[];
    let offset = 0;
    const existing = cursor ? await store.findSnapshot(db, cursor.snapshot) : undefined;
    if (cursor && existing) {
      snapshotId = existing.id;
      ids = existing.note_ids;
      offset = cursor.offset;
    } else {
      snapshotId = uuidv7();
      ids = await build();
      await store.insertSnapshot(db, snapshotId, viewerKey, ids);
    }
    const remaining = ids.slice(offset);
    let pageIds: string[];
    if (diverse) {
      // authors of a window large enough to fill the page despite deferrals
      const window = remaining.slice(0, limit * 6);
      const picked = pickPage(window, await store.authorsOf(db, window), limit);
      pageIds = picked.page;
      const reordered = [
        ...ids.slice(0, offset),
        ...picked.reordered,
        ...remaining.slice(window.length),
      ];
      if (reordered.some((id, index) => id !== ids[index]) || reordered.length !== ids.length) {
        await store.updateSnapshot(db, snapshotId, reordered);
      }
      ids = reordered;
    } else {
      pageIds = remaining.slice(0, limit);
    }
    const nextOffset = offset + pageIds.length;
    const items = await notes.presentNotes(pageIds, viewer, locale, context.region);
    return {
      items,
      nextCursor:
        pageIds.length > 0 && nextOffset < ids.length
          ? encodeCursor({ snapshot: snapshotId, offset: nextOffset })
          : null,
    };
  }

  /** Discover: ranked by score, 25% exploration, at most two notes per author per page. */
  function discover(
    context: VisibilityContext,
    viewer: Viewer | null,
    viewerKey: string,
    locale: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<FeedPage> {
    const build = async () => {
      const [ranked, exploration] = await Promise.all([
        store.topScored(db, context, SNAPSHOT_RANKED),
        store.explorationPool(db, context, SNAPSHOT_EXPLORATION),
      ]);
      return interleave(ranked, exploration, viewerKey + Date.now()).map(
        (candidate) => candidate.id,
      );
    };
    return snapshotPage(cursor, build, viewerKey, limit, true, context, viewer, locale);
  }

  async function following(
    context: VisibilityContext & { viewerId: string },
    viewer: Viewer,
    locale: string,
    before: string | null,
    limit: number,
  ): Promise<FeedPage> {
    const rows = await store.followingNotes(db, context, before, limit);
    return page(rows, viewer, locale, idCursor(rows, limit));
  }

  async function byAuthor(
    authorId: string,
    context: VisibilityContext,
    viewer: Viewer | null,
    locale: string,
    before: string | null,
    limit: number,
  ): Promise<FeedPage> {
    const rows = await store.authorNotes(db, authorId, context, before, limit);
    return page(rows, viewer, locale, idCursor(rows, limit));
  }

  async function collectedBy(
    accountId: string,
    context: VisibilityContext,
    viewer: Viewer | null,
    locale: string,
    cursorText: string | undefined,
    limit: number,
  ): Promise<FeedPage> {
    const after = decodeCursor(
      cursorText,
      (value): value is { at: string; id: string } =>
        typeof value.at === 'string' &&
        !Number.isNaN(Date.parse(value.at)) &&
        typeof value.id === 'string' &&
        /^[0-9a-f-]{36}$/.test(value.id),
    );
    const rows = await store.collectedNotes(db, accountId, context, after, limit);
    const last = rows.at(-1);
    const next =
      rows.length === limit && last
        ? encodeCursor({ at: last.collected_at.toISOString(), id: last.id })
        : null;
    return page(rows, viewer, locale, next);
  }

  function topicHot(
    tag: string,
    context: VisibilityContext,
    viewer: Viewer | null,
    viewerKey: string,
    locale: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<FeedPage> {
    const build = async () =>
      (await store.topicTopScored(db, tag, context, 500)).map((row) => row.id);
    return snapshotPage(cursor, build, viewerKey, limit, false, context, viewer, locale);
  }

  async function topicNew(
    tag: string,
    context: VisibilityContext,
    viewer: Viewer | null,
    locale: string,
    before: string | null,
    limit: number,
  ): Promise<FeedPage> {
    const rows = await store.topicNewest(db, tag, context, before, limit);
    return page(rows, viewer, locale, idCursor(rows, limit));
  }

  return {
    discover,
    following,
    byAuthor,
    collectedBy,
    topicHot,
    topicNew,
    pruneSnapshots: () => store.deleteSnapshotsBefore(db, new Date(Date.now() - SNAPSHOT_TTL_MS)),
  };
}

export type FeedsService = ReturnType<typeof createFeedsService>;
