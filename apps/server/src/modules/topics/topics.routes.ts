import { type NotePage, routes } from '@atrium/contracts';
import type { PageRequest, Reader } from '../../http/request-context.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { SerializedJson } from '../../http/serialized.js';
import { type TopicsService, toTopic } from './topics.service.js';

/** A topic's notes are a feed: the feeds module fills this port (ranked and newest first). */
export interface TopicFeeds {
  topicHot(tag: string, reader: Reader, page: PageRequest): Promise<SerializedJson<NotePage>>;
  topicNew(tag: string, reader: Reader, page: PageRequest): Promise<SerializedJson<NotePage>>;
}

const DEFAULT_LIMIT = 20;

export function registerTopicsRoutes(
  registry: RouteRegistry,
  deps: {
    topics: TopicsService;
    feeds: TopicFeeds;
  },
): void {
  const { feeds, topics } = deps;

  defineHandler(registry, routes.trendingTopics, async ({ context }) => ({
    items: await topics.trending(context.visibility.region),
  }));

  defineHandler(registry, routes.getTopic, async ({ context, params }) =>
    toTopic(await topics.topicIn(params.tag, context.visibility.region)),
  );

  defineHandler(registry, routes.topicNotes, async ({ context, params, query }) => {
    const topic = await topics.getTopic(params.tag);
    const page = { cursor: query.cursor, limit: query.limit ?? DEFAULT_LIMIT };
    return query.sort === 'new'
      ? feeds.topicNew(topic.tag, context, page)
      : feeds.topicHot(topic.tag, context, page);
  });
}
