import type { Topic } from '@atrium/contracts';
import { type Db, type DbHandle, inTransaction } from '../../db/database.js';
import type { TopicRow } from '../../db/schema.js';
import { defineErrors } from '../../http/errors.js';
import * as noteTopics from './note-topics.store.js';
import type { TopicMention } from './topic-tags.js';
import { normalizeTopic } from './topic-tags.js';
import * as store from './topics.store.js';

const topicsError = defineErrors({ NOT_FOUND: { status: 404, title: 'No such topic' } });

/** Activity needed in the recent window to count as trending (filters noise). */
export const TRENDING_MIN_RECENT = 3;
export const TRENDING_SIZE = 20;

export function toTopic(row: TopicRow): Topic {
  return {
    tag: row.tag,
    display: row.display,
    counts: {
      notes: row.note_count,
      views: Number(row.view_count),
      discussions: row.discussion_count,
    },
  };
}

export function createTopicsService(deps: { db: Db }) {
  const { db } = deps;

  /** A topic by any spelling of its tag (`#TikTokRefugee`, `tiktokrefugee`, full-width…). */
  async function getTopic(raw: string): Promise<TopicRow> {
    const topic = await store.findTopic(db, normalizeTopic(raw));
    if (!topic) throw topicsError('NOT_FOUND');
    return topic;
  }

  /** A topic with its counts as seen from a region: notes withheld there are not counted. */
  async function topicIn(raw: string, region: string | null): Promise<TopicRow> {
    const topic = await getTopic(raw);
    const hidden = await store.hiddenInRegion(db, topic.tag, region);
    return {
      ...topic,
      note_count: Math.max(0, topic.note_count - hidden.notes),
      view_count: Math.max(0, Number(topic.view_count) - hidden.views),
      discussion_count: Math.max(0, topic.discussion_count - hidden.discussions),
    };
  }

  /**
   * Topics ranked by growth: recent activity against their own hourly baseline, without topics
   * that have nothing recommendable in the viewer's region.
   */
  async function trending(region: string | null) {
    const candidates = await store.topicActivity(db, TRENDING_MIN_RECENT, TRENDING_SIZE * 2);
    const allowed = await store.tagsRecommendableIn(
      db,
      candidates.map((row) => row.tag),
      region,
    );
    const rows = candidates.filter((row) => allowed.has(row.tag)).slice(0, TRENDING_SIZE);
    return rows.map((row) => ({
      ...toTopic(row),
      growth: Math.round(((row.recent + 1) / (row.baseline + 1)) * 100) / 100,
      lastHour: Math.round(row.recent),
    }));
  }

  /**
   * Points a note at the topics of its new text in the caller's transaction (creating topics
   * that do not exist yet); answers the tags it had before and has now.
   */
  async function relinkNote(
    tx: DbHandle,
    noteId: string,
    topics: TopicMention[],
  ): Promise<{ oldTags: string[]; newTags: string[] }> {
    const newTags = topics.map((topic) => topic.tag);
    const oldTags = await noteTopics.topicTagsOf(tx, noteId);
    await noteTopics.unlinkTopics(
      tx,
      noteId,
      oldTags.filter((tag) => !newTags.includes(tag)),
    );
    await noteTopics.ensureTopics(
      tx,
      topics.filter((topic) => !oldTags.includes(topic.tag)),
    );
    await noteTopics.linkTopics(
      tx,
      noteId,
      newTags.filter((tag) => !oldTags.includes(tag)),
    );
    return { oldTags, newTags };
  }

  /**
   * Moves topic counts when a note's topics or published state change: a note counts for its
   * topics (with its comments as discussions) only while published.
   */
  async function moveNoteCounts(
    tx: DbHandle,
    discussions: number,
    from: { tags: string[]; published: boolean },
    to: { tags: string[]; published: boolean },
  ): Promise<void> {
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
  }

  /** New (or taken back) comments on a published note count as its topics' discussions. */
  async function countDiscussions(tx: DbHandle, noteId: string, comments: number): Promise<void> {
    const tags = await noteTopics.topicTagsOf(tx, noteId);
    await store.recordTopicDeltas(tx, tags, { discussions: comments });
  }

  return {
    getTopic,
    topicIn,
    trending,
    relinkNote,
    moveNoteCounts,
    countDiscussions,
    tagsOfNote: (handle: DbHandle, noteId: string) => noteTopics.topicTagsOf(handle, noteId),
    topicsOfNotes: (handle: DbHandle, noteIds: string[]) =>
      noteTopics.topicsOfNotes(handle, noteIds),
    /**
     * Takes the topic counters' advisory lock for the caller's transaction; false when another
     * node holds it. Whoever updates topic counters (here, or counting views) holds it first.
     */
    lockCounters: (tx: DbHandle) => store.lockTopicCounters(tx),
    /** Folds pending topic count changes into topics; returns how many were applied. */
    applyTopicCounts: (batch = 10_000) =>
      inTransaction(db, (tx) => store.applyTopicDeltas(tx, batch)),
    pruneActivity: () =>
      store.deleteActivityBefore(db, new Date(Date.now() - 3 * 24 * 3600 * 1000)),
  };
}

export type TopicsService = ReturnType<typeof createTopicsService>;
