import type { Topic } from '@atrium/contracts';
import type { Db } from '../../db/database.js';
import type { TopicRow } from '../../db/schema.js';
import { defineErrors } from '../../http/errors.js';
import { normalizeTopic } from '../notes/note-text.js';
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

  return {
    getTopic,
    topicIn,
    trending,
    pruneActivity: () =>
      store.deleteActivityBefore(db, new Date(Date.now() - 3 * 24 * 3600 * 1000)),
  };
}

export type TopicsService = ReturnType<typeof createTopicsService>;
