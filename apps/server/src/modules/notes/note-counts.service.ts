import type { Db, DbHandle, Tx } from '../../db/database.js';
import type { NoteRow } from '../../db/schema.js';
import type { TopicsService } from '../topics/topics.service.js';
import * as store from './note-counts.store.js';
import type { NoteReadsService } from './note-reads.service.js';
import type { ViewsService } from './views.service.js';

/**
 * The counters a note moves: its engagement and ranking score, its author's notes and likes
 * received, its topics' notes and discussions.
 */
export function createNoteCountsService(deps: {
  db: Db;
  topics: Pick<TopicsService, 'moveNoteCounts' | 'countDiscussions'>;
  views: Pick<ViewsService, 'lastOpenedOf'>;
  reads: Pick<NoteReadsService, 'forgetRow'>;
}) {
  const { db, topics } = deps;

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
    await topics.moveNoteCounts(tx, note.comment_count, from, to);
    if (from.published !== to.published) {
      await store.adjustAuthorCounts(tx, note.author_id, {
        notes: to.published ? 1 : -1,
        likesReceived: to.published ? note.like_count : -note.like_count,
      });
    }
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
    deps.reads.forgetRow(note.id);
    // an author's likes received count published notes only (moveCounts settles the rest)
    if (changes.likes && note.status === 'published')
      await store.adjustAuthorCounts(tx, note.author_id, { likesReceived: changes.likes });
    if (changes.comments && note.status === 'published')
      await topics.countDiscussions(tx, note.id, changes.comments);
    await store.refreshScore(tx, note.id);
  }

  /**
   * Credits a new follow to the followed author's note the follower opened most recently today:
   * follows earned by a note are the strongest ranking signal.
   */
  async function creditFollow(tx: DbHandle, followerId: string, authorId: string): Promise<void> {
    const note = await deps.views.lastOpenedOf(tx, followerId, authorId);
    if (note) await adjustEngagement(tx, note, { follows: 1 });
  }

  return {
    moveCounts,
    adjustEngagement,
    creditFollow,
    refreshScores: (days = 7) => store.refreshRecentScores(db, days),
  };
}

export type NoteCountsService = ReturnType<typeof createNoteCountsService>;
