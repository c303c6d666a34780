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

  /** Topics ranked by growth: recent activity against their own hourly baseline. */
  async function trending() {
    const rows = await store.topicActivity(db, TRENDING_MIN_RECENT, TRENDING_SIZE);
    return rows.map((row) => ({
      ...toTopic(row),
      growth: Math.round(((row.recent + 1) / (row.baseline + 1)) * 100) / 100,
      lastHour: Math.round(row.recent),
    }));
  }

  return {
    getTopic,
    trending,
    pruneActivity: () =>
      store.deleteActivityBefore(db, new Date(Date.now() - 3 * 24 * 3600 * 1000)),
  };
}

export type TopicsService = ReturnType<typeof createTopicsService>;
