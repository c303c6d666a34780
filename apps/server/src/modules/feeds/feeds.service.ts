import type { NotePage } from '@atrium/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import type { PageRequest, Reader, SignedInReader } from '../../http/request-context.js';
import type { SerializedJson } from '../../http/serialized.js';
import { cacheStats } from '../../lib/cache-stats.js';
import {
  decodeCursor,
  decodeIdCursor,
  decodeSnapshotCursor,
  encodeCursor,
  encodeSnapshotCursor,
  idCursor,
} from '../../lib/cursor.js';
import { TtlMap } from '../../lib/ttl-map.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { NotesService } from '../notes/notes.service.js';
import { notePage } from '../notes/notes.view.js';
import { recommendableIn } from '../visibility/visibility.js';
import {
  interleave,
  type LanguageBalance,
  languageBalance,
  type PageOrder,
  pageAt,
  pageOrder,
} from './discover.js';
import * as dismissals from './dismissals.store.js';
import { feedsError } from './feeds.errors.js';
import { canReadLikes } from './feeds.policy.js';
import type { Candidate, RankedCandidate } from './feeds.store.js';
import * as store from './feeds.store.js';
import {
  DEMOTION_MS,
  type Demotion,
  DISMISSALS_READ,
  demotedOrder,
  type NotInterested,
  notInterested,
  uuidv7Time,
} from './not-interested.js';
import { type AuthorList, RecentByAuthor } from './recent-by-author.js';
import { SharedSnapshots } from './snapshots.js';

/** How many ranked candidates one discover session draws from. */
const SNAPSHOT_RANKED = 400;
const SNAPSHOT_EXPLORATION = 150;
const TOPIC_SNAPSHOT = 500;
/** How long whom one follows is reused (this node's own changes drop it at once). */
export const FOLLOWING_TTL_MS = 5_000;
/** Read after this age, whom one follows is reloaded in the background (see TtlMap). */
const FOLLOWING_REFRESH_MS = FOLLOWING_TTL_MS / 2;
/** Newest notes kept per author: a page of up to this many can be merged from the cache. */
const AUTHOR_NEWEST = 20;
/** Read beyond a list's length so that what one region may not see leaves it full. */
const REGION_SLACK = 100;

/**
 * The ids of the `limit` newest candidates that `keep` accepts, from lists each already newest
 * first (ids are UUIDv7, so they sort by time): a merge of the lists' heads.
 */
export function newestFirst(
  lists: RankedCandidate[][],
  limit: number,
  keep: (candidate: RankedCandidate) => boolean,
): string[] {
  const heads = lists.map(() => 0);
  const ids: string[] = [];
  while (ids.length < limit) {
    let best = -1;
    for (let list = 0; list < lists.length; list += 1) {
      const candidate = lists[list]![heads[list]!];
      if (candidate && (best < 0 || candidate.id > lists[best]![heads[best]!]!.id)) best = list;
    }
    if (best < 0) break;
    const candidate = lists[best]![heads[best]!]!;
    heads[best]! += 1;
    if (keep(candidate)) ids.push(candidate.id);
  }
  return ids;
}

/** The first `limit` candidates that may be recommended in `region`. */
function recommendedIn(
  candidates: RankedCandidate[],
  region: string | null,
  limit: number,
): Candidate[] {
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    if (kept.length === limit) break;
    if (recommendableIn(candidate, region)) {
      kept.push({ id: candidate.id, author_id: candidate.author_id, lang: candidate.lang });
    }
  }
  return kept;
}
/** A cursor of lists ordered by when something happened (collected, liked), then note id. */
const isTimeCursor = (value: Record<string, unknown>): value is { at: string; id: string } =>
  typeof value.at === 'string' &&
  !Number.isNaN(Date.parse(value.at)) &&
  typeof value.id === 'string' &&
  /^[0-9a-f-]{36}$/.test(value.id);

/** Snapshots older than this are dropped; their cursors then start a fresh feed. */
export const SNAPSHOT_TTL_MS = 24 * 60 * 60 * 1000;

/** A page of notes, serialized (see NoteJsonCache). */
export type FeedPage = SerializedJson<NotePage>;

/** Page orders kept per process (snapshot, page size, balance); recomputed when evicted. */
const ORDERS_KEPT = 512;

/** Whom a viewer follows, as the lists of those authors' newest notes, and the last merges. */
interface Following {
  lists: AuthorList[];
  /** By page size and region: the merged ids and the lists' version sum they came from. */
  merged: Map<string, { version: number; ids: string[] }>;
}

/** Whether two loads of whom one follows name the same authors in the same order. */
const sameFollowing = (old: Following, fresh: Following) =>
  old.lists.length === fresh.lists.length &&
  old.lists.every((list, index) => list.authorId === fresh.lists[index]!.authorId);

/** Where feeds learn that whom someone follows changed (the social module). */
export interface FollowChanges {
  onFollowsChanged(listener: (accountId: string) => void): void;
}

export function createFeedsService(deps: {
  db: Db;
  notes: NotesService;
  follows: FollowChanges;
  log: FastifyBaseLogger;
  /**
   * Trust level 0 is capped in discover: its notes are left out of the ranked share and reach
   * readers through the exploration share only (docs/risk.md, "Trust levels").
   */
  capLevelZero?: boolean;
  /**
   * The `discover_frozen` kill switch: discover serves the last computed snapshot of each
   * region instead of ranking again (stored snapshots are then not pruned).
   */
  discoverFrozen?: () => boolean;
}) {
  const { db, notes, log } = deps;
  const snapshots = new SharedSnapshots(db);
  const orders = new Map<string, PageOrder>();
  const followees = new TtlMap<string, Following>(
    FOLLOWING_TTL_MS,
    50_000,
    FOLLOWING_REFRESH_MS,
    cacheStats('followees'),
  );
  const recent = new RecentByAuthor(
    {
      newestOf: (authors, limit) => store.newestOfAuthors(db, authors, limit),
      publishedAfter: (after, limit) => store.publishedAfter(db, after, limit),
    },
    AUTHOR_NEWEST,
    (error, what) => log.warn({ err: error }, `following feed: ${what} failed`),
  );

  async function page(
    rows: Awaited<ReturnType<typeof store.authorNotes>>,
    reader: Reader,
    cursor: string | null,
  ): Promise<FeedPage> {
    return notePage(await notes.presentJson(rows, reader), cursor);
  }

  /**
   * Pages through a shared ranked snapshot: the first page uses the current one (see
   * SharedSnapshots), later pages the one their cursor names, so pages stay stable while scores
   * move and new notes arrive. A cursor whose snapshot has expired starts over.
   */
  async function snapshotPage(
    key: string,
    cursorText: string | undefined,
    build: () => Promise<Candidate[]>,
    limit: number,
    reader: Reader,
    balance: LanguageBalance | null = null,
    personal: NotInterested | null = null,
    frozen = false,
  ): Promise<FeedPage> {
    const cursor = decodeSnapshotCursor(cursorText);
    const stored = cursor ? await snapshots.byId(cursor.snapshot) : null;
    const snapshot =
      cursor && stored
        ? { id: cursor.snapshot, items: stored }
        : await snapshots.current(key, build, frozen);
    // the order keeps the page size of the first page, so a client that changes it mid-scroll
    // still sees each note once
    const orderLimit = cursor && stored ? cursor.limit : limit;
    const offset = cursor && stored ? cursor.offset : 0;
    const demotion = personal?.demotedIn(uuidv7Time(snapshot.id)) ?? null;
    const order = orderOf(snapshot, orderLimit, balance, demotion);
    const positions = pageAt(order, offset, limit);
    const next = offset + positions.length;
    // a dismissed note leaves the page (it may come up shorter); the cursor still moves past it
    const ids = positions
      .map((position) => snapshot.items[position]!.id)
      .filter((id) => !personal?.hidden.has(id));
    const items = await notes.presentNotes(ids, reader, 'recommended');
    return notePage(
      items,
      next < order.positions.length
        ? encodeSnapshotCursor({ snapshot: snapshot.id, offset: next, limit: orderLimit })
        : null,
    );
  }

  /**
   * The order a snapshot is served in for a page size, balance and the authors a reader
   * demoted, computed once.
   */
  function orderOf(
    snapshot: { id: string; items: Candidate[] },
    limit: number,
    balance: LanguageBalance | null,
    demotion: Demotion | null,
  ): PageOrder {
    const key = `${snapshot.id} ${limit} ${balance?.key ?? '-'} ${demotion?.key ?? '-'}`;
    let order = orders.get(key);
    if (!order) {
      order = demotion
        ? demotedOrder(snapshot.items, demotion.authors, (items) =>
            pageOrder(items, limit, balance),
          )
        : pageOrder(snapshot.items, limit, balance);
      orders.set(key, order);
      if (orders.size > ORDERS_KEPT) orders.delete(orders.keys().next().value as string);
    }
    return order;
  }

  /**
   * Discover: ranked by score, 25% exploration, at most two notes per author per page. With the
   * level-0 cap, notes of level-0 authors are not ranked: only the exploration share shows them.
   */
  async function discover(reader: Reader, { cursor, limit }: PageRequest): Promise<FeedPage> {
    const { viewer } = reader;
    // what the reader said they are not interested in (one indexed read per page)
    const personal = viewer
      ? notInterested(
          await dismissals.recentDismissals(
            db,
            viewer.accountId,
            new Date(Date.now() - DEMOTION_MS),
            DISMISSALS_READ,
          ),
        )
      : null;
    // Rankings are not personal yet: read once for all regions, split per region (regional
    // rules decide what may be recommended where).
    const region = reader.visibility.region;
    const build = async () => {
      const [ranked, exploration] = await snapshots.source('discover', () =>
        Promise.all([
          store.topScored(db, SNAPSHOT_RANKED + REGION_SLACK, {
            capLevelZero: deps.capLevelZero ?? false,
          }),
          store.explorationPool(db, SNAPSHOT_EXPLORATION + REGION_SLACK),
        ]),
      );
      return interleave(
        recommendedIn(ranked, region, SNAPSHOT_RANKED),
        recommendedIn(exploration, region, SNAPSHOT_EXPLORATION),
        uuidv7(),
      );
    };
    // the reader's languages balance the page (the snapshot stays shared)
    return snapshotPage(
      `discover:${region ?? '-'}`,
      cursor,
      build,
      limit,
      reader,
      viewer ? languageBalance(viewer.languages, viewer.feedLanguageMix) : null,
      personal,
      deps.discoverFrozen?.() ?? false,
    );
  }

  /** "Not interested" in a note the reader can see: it leaves their discover (see discover). */
  async function dismiss(reader: SignedInReader, noteId: string): Promise<void> {
    const note = await notes.requireVisible(db, noteId, reader.visibility);
    await dismissals.insertDismissal(db, reader.visibility.viewerId, note.id, note.author_id);
  }

  /** Undoes a dismissal (idempotent; the note need only still exist for the reader). */
  async function undismiss(reader: SignedInReader, noteId: string): Promise<void> {
    await notes.requireVisible(db, noteId, reader.visibility);
    await dismissals.deleteDismissal(db, reader.visibility.viewerId, noteId);
  }

  /**
   * Following, newest first. The first page merges, in memory, the newest notes of each followed
   * author: whom a viewer follows and each author's newest notes are cached per process for a
   * few seconds (dropped at once when they change on this node), so a popular author's list is
   * read once for all their followers and a page costs one query for its rows. Later pages read
   * the database (they are rarer, and exact).
   */
  async function following(
    reader: SignedInReader,
    { cursor, limit }: PageRequest,
  ): Promise<FeedPage> {
    const context = reader.visibility;
    const before = decodeIdCursor(cursor);
    if (before) {
      const rows = await store.followingNotes(db, context, before, limit);
      return page(rows, reader, idCursor(rows, limit));
    }
    const follows = await followingOf(context.viewerId);
    await recent.ensure(follows.lists, limit);
    // the merge is redone only when one of the lists changed
    let version = 0;
    for (const list of follows.lists) version += list.version;
    const key = `${limit} ${context.region ?? '-'}`;
    let merged = follows.merged.get(key);
    if (merged?.version !== version) {
      const ids = newestFirst(
        follows.lists.map((list) => list.notes),
        limit,
        (candidate) => recommendableIn(candidate, context.region),
      );
      merged = { version, ids };
      follows.merged.set(key, merged);
    }
    const { ids } = merged;
    const items = await notes.presentNotes(ids, reader, 'recommended');
    // the cursor follows the merged ids, so a row hidden since it was cached never ends the feed
    return notePage(items, ids.length === limit ? encodeCursor({ after: ids.at(-1)! }) : null);
  }

  /**
   * Whom the viewer follows; reloaded in the background once it is a few seconds old, so a
   * reader in steady use never waits for it (the merged pages survive a reload that changed
   * nothing).
   */
  function followingOf(viewerId: string): Promise<Following> {
    return followees.getOrLoad(
      viewerId,
      async () => ({
        lists: recent.holders(await store.followeeIds(db, viewerId)),
        merged: new Map(),
      }),
      (error) => log.warn({ err: error }, 'following feed: reloading whom a viewer follows failed'),
      sameFollowing,
    );
  }

  async function byAuthor(
    authorId: string,
    reader: Reader,
    { cursor, limit }: PageRequest,
  ): Promise<FeedPage> {
    const rows = await store.authorNotes(
      db,
      authorId,
      reader.visibility,
      decodeIdCursor(cursor),
      limit,
    );
    return page(rows, reader, idCursor(rows, limit));
  }

  async function collectedBy(
    accountId: string,
    reader: Reader,
    { cursor, limit }: PageRequest,
  ): Promise<FeedPage> {
    const after = decodeCursor(cursor, isTimeCursor);
    const rows = await store.collectedNotes(db, accountId, reader.visibility, after, limit);
    const last = rows.at(-1);
    const next =
      rows.length === limit && last
        ? encodeCursor({ at: last.collected_at.toISOString(), id: last.id })
        : null;
    return page(rows, reader, next);
  }

  /** The notes in a board the reader may see (the caller checked the board), newest filed first. */
  async function inBoard(boardId: string, reader: Reader, { cursor, limit }: PageRequest) {
    const after = decodeCursor(cursor, isTimeCursor);
    const rows = await store.boardNotes(db, boardId, reader.visibility, after, limit);
    const last = rows.at(-1);
    const next =
      rows.length === limit && last
        ? encodeCursor({ at: last.added_at.toISOString(), id: last.id })
        : null;
    return page(rows, reader, next);
  }

  /**
   * The notes an account liked, most recently liked first: only the account itself may read
   * them (docs/api.md); notes it may no longer see (withheld, removed, across a block) are left
   * out.
   */
  async function likedBy(
    accountId: string,
    reader: SignedInReader,
    { cursor, limit }: PageRequest,
  ): Promise<FeedPage> {
    const denial = canReadLikes(reader.visibility.viewerId, accountId);
    if (denial) throw feedsError(denial.code, denial.reason);
    const after = decodeCursor(cursor, isTimeCursor);
    const rows = await store.likedNotes(db, accountId, reader.visibility, after, limit);
    const last = rows.at(-1);
    const next =
      rows.length === limit && last
        ? encodeCursor({ at: last.liked_at.toISOString(), id: last.id })
        : null;
    return page(rows, reader, next);
  }

  function topicHot(
    tag: string,
    reader: Reader,
    { cursor, limit }: PageRequest,
  ): Promise<FeedPage> {
    const { region } = reader.visibility;
    const build = async () => {
      const ranked = await snapshots.source(`topic:${tag}`, () =>
        store.topicTopScored(db, tag, TOPIC_SNAPSHOT + REGION_SLACK),
      );
      return recommendedIn(ranked, region, TOPIC_SNAPSHOT);
    };
    return snapshotPage(`topic:${tag}:${region ?? '-'}`, cursor, build, limit, reader);
  }

  async function topicNew(
    tag: string,
    reader: Reader,
    { cursor, limit }: PageRequest,
  ): Promise<FeedPage> {
    const rows = await store.topicNewest(db, tag, reader.visibility, decodeIdCursor(cursor), limit);
    return page(rows, reader, idCursor(rows, limit));
  }

  /** Notes were published, edited or deleted: shared rankings rebuild on next use. */
  function invalidate(authorId?: string): void {
    snapshots.invalidate();
    if (authorId) recent.forget(authorId);
    else recent.clear();
  }
  notes.onNotesChanged(invalidate);
  // whom an account follows (or blocks) changed: its merged following pages go
  deps.follows.onFollowsChanged((accountId) => followees.delete(accountId));

  return {
    discover,
    following,
    byAuthor,
    collectedBy,
    inBoard,
    likedBy,
    dismiss,
    undismiss,
    topicHot,
    topicNew,
    pruneSnapshots: async () =>
      // frozen, the snapshots served are kept however old
      deps.discoverFrozen?.()
        ? 0
        : store.deleteSnapshotsBefore(db, new Date(Date.now() - SNAPSHOT_TTL_MS)),
  };
}

export type FeedsService = ReturnType<typeof createFeedsService>;
