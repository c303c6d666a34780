import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { FeedsService } from '../feeds/feeds.service.js';
import { type TopicsService, toTopic } from './topics.service.js';

const DEFAULT_LIMIT = 20;

export function registerTopicsRoutes(
  registry: RouteRegistry,
  deps: {
    topics: TopicsService;
    /** A topic's notes are a feed. */
    feeds: FeedsService;
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
