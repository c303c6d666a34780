import type { CreateCommentBody } from '@atrium/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, type DbHandle, inTransaction, type Tx } from '../../db/database.js';
import type { CommentRow } from '../../db/schema.js';
import type {
  PageRequest,
  Reader,
  SignedInContext,
  SignedInReader,
} from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import { decodeIdCursor } from '../../lib/cursor.js';
import { type Invalidations, noInvalidations, sharedDrop } from '../../lib/invalidations.js';
import { languageOf } from '../../lib/language-of.js';
import { Listeners } from '../../lib/listeners.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import { cleanComment } from '../notes/note-text.js';
import { canPost } from '../notes/notes.policy.js';
import type { NotesService } from '../notes/notes.service.js';
import type { WriteScreening } from '../screening/screening.js';
import type { VisibilityContext } from '../visibility/visibility.js';
import * as commentLikes from './comment-likes.store.js';
import * as comments from './comments.store.js';
import * as engagement from './engagement.store.js';
import { socialError } from './social.errors.js';
import { canBlock, canDeleteComment, canFollow } from './social.policy.js';
import * as store from './social.store.js';

/** Replies shown under each top-level comment in a list. */
export const REPLIES_PREVIEW = 3;

/** The risk module's trust-level checks (throw TRUST_LIMIT over a limit; score level 0). */
export interface SocialTrustChecks {
  checkFollow(accountId: string): Promise<void>;
  checkComment(accountId: string, noteId: string, body: string): Promise<void>;
  checkLike(accountId: string): Promise<void>;
}

export function createSocialService(deps: {
  db: Db;
  accounts: AccountsService;
  notes: NotesService;
  moderation: WriteScreening;
  trust?: SocialTrustChecks;
  log: FastifyBaseLogger;
  /** Tells other nodes whose follows changed (docs/scale.md); none: one node. */
  invalidations?: Invalidations;
}) {
  const { db, notes } = deps;
  // whom an account follows (or blocks) changed on this node or another: its cached following list goes
  const followsListeners = new Listeners<[accountId: string]>((error) =>
    deps.log.error({ err: error }, 'a listener of follow changes failed'),
  );
  const followsOfChanged = sharedDrop(
    deps.invalidations ?? noInvalidations,
    'follows',
    (accountId) => followsListeners.emit(accountId),
  );
  const followsChanged = (...accountIds: string[]) => {
    for (const id of accountIds) followsOfChanged(id);
  };

  /** Follows an account by handle. Idempotent; counters move only when the edge is new. */
  async function follow(viewer: Viewer, handle: string): Promise<void> {
    const target = await deps.accounts.getByHandle(handle);
    const denial = canFollow(
      viewer.accountId,
      target.id,
      await store.isBlockedEitherWay(db, viewer.accountId, target.id),
    );
    if (denial) throw socialError(denial.code);
    // a repeated follow changes nothing, and is not counted against the limit
    if (deps.trust && !(await store.followEdges(db, viewer.accountId, target.id)).following)
      await deps.trust.checkFollow(viewer.accountId);
    await inTransaction(db, async (tx) => {
      if (await store.insertFollow(tx, viewer.accountId, target.id)) {
        await store.adjustFollowCounts(tx, viewer.accountId, target.id, 1);
        await notes.creditFollow(tx, viewer.accountId, target.id);
      }
    });
    followsChanged(viewer.accountId);
  }

  async function unfollow(viewer: Viewer, handle: string): Promise<void> {
    const target = await deps.accounts.getByHandle(handle);
    await inTransaction(db, async (tx) => {
      if (await store.deleteFollow(tx, viewer.accountId, target.id)) {
        await store.adjustFollowCounts(tx, viewer.accountId, target.id, -1);
      }
    });
    followsChanged(viewer.accountId);
  }

  /**
   * Blocks an account (idempotent): neither sees the other's notes or comments any more, and
   * follows in both directions end.
   */
  async function block(viewer: Viewer, handle: string): Promise<void> {
    const target = await deps.accounts.getByHandle(handle);
    const denial = canBlock(viewer.accountId, target.id);
    if (denial) throw socialError(denial.code);
    await inTransaction(db, async (tx) => {
      if (!(await store.insertBlock(tx, viewer.accountId, target.id))) return;
      if (await store.deleteFollow(tx, viewer.accountId, target.id))
        await store.adjustFollowCounts(tx, viewer.accountId, target.id, -1);
      if (await store.deleteFollow(tx, target.id, viewer.accountId))
        await store.adjustFollowCounts(tx, target.id, viewer.accountId, -1);
    });
    followsChanged(viewer.accountId, target.id);
    notes.forgetBlocks(viewer.accountId, target.id);
  }

  async function unblock(viewer: Viewer, handle: string): Promise<void> {
    const target = await deps.accounts.getByHandle(handle);
    await store.deleteBlock(db, viewer.accountId, target.id);
    notes.forgetBlocks(viewer.accountId, target.id);
  }

  function blocked(viewer: Viewer, before: { at: string; id: string } | null, limit: number) {
    return store.blockedAccounts(db, viewer.accountId, before, limit);
  }

  function relation(viewerId: string, otherId: string) {
    return store.followEdges(db, viewerId, otherId);
  }

  /**
   * Like or collect (on), or take it back (off). Idempotent: the edge's primary key decides
   * whether this request changes anything, so parallel repeats move counters exactly once.
   */
  async function setEngagement(
    kind: 'likes' | 'collects',
    on: boolean,
    reader: SignedInReader,
    noteId: string,
  ): Promise<void> {
    const { viewer } = reader;
    if (kind === 'likes' && on) await deps.trust?.checkLike(viewer.accountId);
    await inTransaction(db, async (tx) => {
      const note = await notes.requireVisible(tx, noteId, reader.visibility);
      const changed = on
        ? await engagement.insertEngagement(tx, kind, viewer.accountId, noteId)
        : await engagement.deleteEngagement(tx, kind, viewer.accountId, noteId);
      if (!changed) return;
      const delta = on ? 1 : -1;
      await notes.adjustEngagement(
        tx,
        note,
        kind === 'likes' ? { likes: delta } : { collects: delta },
      );
    });
  }

  /**
   * Like a comment (on) or take the like back (off). Only a published comment the viewer may
   * see, on a note they may see, can be liked: one held for review (even the viewer's own),
   * removed, withheld in their region or across a block answers as a comment that does not
   * exist. Idempotent like note likes: the edge's primary key decides whether the count moves.
   */
  async function setCommentLike(
    on: boolean,
    reader: SignedInReader,
    commentId: string,
  ): Promise<void> {
    const { viewer } = reader;
    if (on) await deps.trust?.checkLike(viewer.accountId);
    await inTransaction(db, async (tx) => {
      const row = await comments.findVisibleComment(tx, commentId, reader.visibility);
      if (row?.status !== 'published') throw socialError('COMMENT_NOT_FOUND');
      await notes.requireVisible(tx, row.note_id, reader.visibility);
      const changed = on
        ? await commentLikes.insertCommentLike(tx, viewer.accountId, commentId)
        : await commentLikes.deleteCommentLike(tx, viewer.accountId, commentId);
      if (changed) await commentLikes.adjustCommentLikes(tx, commentId, on ? 1 : -1);
    });
  }

  /** Comments on a visible note, or replies to one of its top-level comments. */
  async function comment(
    caller: SignedInContext,
    noteId: string,
    input: CreateCommentBody,
  ): Promise<CommentRow> {
    const { viewer, client } = caller;
    const denial = canPost(viewer);
    if (denial) throw socialError(denial.code, denial.reason);
    const body = cleanComment(input.body);
    await deps.trust?.checkComment(viewer.accountId, noteId, body);
    const screened = await deps.moderation.screen(viewer.accountId, 'comment', { body });
    const { outcome } = screened;
    const published = outcome.status === 'published';
    return inTransaction(db, async (tx) => {
      const note = await notes.requireVisible(tx, noteId, caller.visibility);
      if (input.parentId) {
        // under a comment the viewer may not see (withheld in their region, across a block)
        // the answer is the one for a comment that does not exist
        const parent = await comments.lockVisibleComment(tx, input.parentId, caller.visibility);
        if (!parent || parent.note_id !== noteId || parent.status !== 'published') {
          throw socialError('COMMENT_NOT_FOUND');
        }
        if (parent.parent_id !== null) throw socialError('REPLY_DEPTH');
        if (published) await comments.adjustReplyCount(tx, parent.id, 1);
      }
      const row = await comments.insertComment(tx, {
        id: uuidv7(),
        note_id: noteId,
        author_id: viewer.accountId,
        parent_id: input.parentId ?? null,
        body,
        lang: languageOf(body),
        ip_country: client.country,
        ip_region: client.region,
        status: outcome.status,
        moderation_action: outcome.moderationAction,
        region_actions: outcome.regionActions ? JSON.stringify(outcome.regionActions) : null,
        labels: outcome.labels,
      });
      // a held comment counts once a moderator approves it
      if (published) await notes.adjustEngagement(tx, note, { comments: 1 });
      await deps.moderation.record(
        tx,
        {
          type: 'comment',
          id: row.id,
          subjectId: viewer.accountId,
          region: client.country ?? viewer.country,
        },
        screened,
      );
      return row;
    });
  }

  /** Deletes a comment (and a top-level comment's replies); counts go down by as many. */
  async function deleteComment(viewer: Viewer, commentId: string): Promise<void> {
    await inTransaction(db, async (tx) => {
      const row = await comments.lockComment(tx, commentId);
      if (!row) throw socialError('COMMENT_NOT_FOUND');
      const note = await notes.lockForUpdate(tx, row.note_id);
      const denial = canDeleteComment(viewer.accountId, row, note);
      if (denial) throw socialError(denial.code);
      const counted = row.status === 'published';
      if (row.parent_id && counted) await comments.adjustReplyCount(tx, row.parent_id, -1);
      await comments.deleteCommentRow(tx, row.id);
      const gone = (counted ? 1 : 0) + (row.parent_id || !counted ? 0 : row.reply_count);
      if (gone > 0) await notes.adjustEngagement(tx, note, { comments: -gone });
    });
  }

  /**
   * Applies a moderator's decision to a comment in the moderator's transaction; the note's
   * comment count follows what is published (a hidden top-level comment hides its replies).
   */
  async function applyCommentModeration(
    tx: Tx,
    commentId: string,
    decide: (row: CommentRow) => comments.CommentModerationState,
  ): Promise<CommentRow> {
    const row = await comments.lockComment(tx, commentId);
    if (!row) throw socialError('COMMENT_NOT_FOUND');
    const note = await notes.lockForUpdate(tx, row.note_id);
    const state = decide(row);
    const was = row.status === 'published';
    const now = state.status === 'published';
    if (was !== now) {
      const delta = now ? 1 : -1;
      if (row.parent_id) await comments.adjustReplyCount(tx, row.parent_id, delta);
      const affected = 1 + (row.parent_id ? 0 : row.reply_count);
      await notes.adjustEngagement(tx, note, { comments: delta * affected });
    }
    return comments.setCommentModeration(tx, commentId, state);
  }

  /** Removes every comment of an account (a ban), replies first; counts follow. */
  async function removeAllCommentsBy(tx: Tx, authorId: string): Promise<number> {
    const ids = await comments.shownCommentIdsOf(tx, authorId);
    for (const id of ids) {
      await applyCommentModeration(tx, id, (row) => ({
        status: 'removed',
        moderation_action: row.moderation_action,
        region_actions: row.region_actions,
        labels: row.labels,
      }));
    }
    return ids.length;
  }

  /**
   * The purge of a deleted account (docs/security.md, "Deleting an account"), in the caller's
   * transaction: its likes, collects and comment likes are taken back (the counts on other
   * people's notes and comments go down), its follows both ways (follower and following
   * counts), its blocks and dismissals go, and so do its comments (a published one is first
   * removed, so the note's comment count and the topic's discussions follow; replies under it
   * go with it). Its notes are the notes module's.
   */
  async function purgeAccount(tx: Tx, accountId: string): Promise<void> {
    for (const kind of ['likes', 'collects'] as const) {
      for (const noteId of await engagement.engagedNoteIds(tx, kind, accountId)) {
        const note = await notes.lockForUpdate(tx, noteId).catch(() => null);
        if (!(await engagement.deleteEngagement(tx, kind, accountId, noteId)) || !note) continue;
        await notes.adjustEngagement(tx, note, kind === 'likes' ? { likes: -1 } : { collects: -1 });
      }
    }
    for (const commentId of await commentLikes.likedCommentIds(tx, accountId)) {
      if (await commentLikes.deleteCommentLike(tx, accountId, commentId))
        await commentLikes.adjustCommentLikes(tx, commentId, -1);
    }
    const touched = new Set<string>();
    for (const edge of await store.followEdgesOf(tx, accountId)) {
      if (await store.deleteFollow(tx, edge.follower_id, edge.followee_id)) {
        await store.adjustFollowCounts(tx, edge.follower_id, edge.followee_id, -1);
        touched.add(edge.follower_id === accountId ? edge.followee_id : edge.follower_id);
      }
    }
    await store.deleteBlocksAndDismissals(tx, accountId);
    for (const comment of await comments.commentsOf(tx, accountId)) {
      const row = await comments.lockComment(tx, comment.id);
      if (!row) continue; // a reply gone with its parent
      if (row.status === 'published') {
        await applyCommentModeration(tx, row.id, (current) => ({
          status: 'removed',
          moderation_action: current.moderation_action,
          region_actions: current.region_actions,
          labels: current.labels,
        }));
      }
      await comments.deleteCommentRow(tx, row.id);
    }
    followsChanged(accountId, ...touched);
  }

  async function listComments(noteId: string, reader: Reader, { cursor, limit }: PageRequest) {
    const context = reader.visibility;
    const after = decodeIdCursor(cursor);
    await notes.requireVisible(db, noteId, context);
    const rows = await comments.topLevelComments(db, noteId, context, after, limit);
    const replies = await comments.firstReplies(
      db,
      rows.map((row) => row.id),
      context,
      REPLIES_PREVIEW,
    );
    return { rows, replies };
  }

  async function listReplies(commentId: string, reader: Reader, { cursor, limit }: PageRequest) {
    const context = reader.visibility;
    const after = decodeIdCursor(cursor);
    const parent = await comments.findVisibleComment(db, commentId, context);
    if (!parent) throw socialError('COMMENT_NOT_FOUND');
    await notes.requireVisible(db, parent.note_id, context);
    return comments.repliesOf(db, commentId, context, after, limit);
  }

  return {
    /** Tells `listener` when whom an account follows or blocks changed on this node. */
    onFollowsChanged: (listener: (accountId: string) => void) => followsListeners.add(listener),
    applyCommentModeration,
    removeAllCommentsBy,
    purgeAccount,
    /** An account's comments and their statuses, replies first (a deletion hides the shown ones). */
    commentsOf: (tx: DbHandle, authorId: string) => comments.commentsOf(tx, authorId),
    findComment: (commentId: string, handle: DbHandle = db) =>
      comments.findComment(handle, commentId),
    findVisibleComment: (commentId: string, context: VisibilityContext) =>
      comments.findVisibleComment(db, commentId, context),
    follow,
    unfollow,
    block,
    unblock,
    blocked,
    relation,
    setEngagement,
    setCommentLike,
    comment,
    deleteComment,
    listComments,
    listReplies,
  };
}

export type SocialService = ReturnType<typeof createSocialService>;
