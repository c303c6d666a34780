import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { TopicsService } from '../topics/topics.service.js';
import { toTopic } from '../topics/topics.service.js';
import type { FeedsService } from './feeds.service.js';

const DEFAULT_LIMIT = 20;

export function registerFeedsRoutes(
  registry: RouteRegistry,
  deps: {
    feeds: FeedsService;
    topics: TopicsService;
    accounts: AccountsService;
  },
): void {
  const { feeds, topics, accounts } = deps;

  defineHandler(registry, routes.discoverFeed, async ({ context, query }) =>
    feeds.discover(context, { cursor: query.cursor, limit: query.limit ?? DEFAULT_LIMIT }),
  );

  defineHandler(registry, routes.followingFeed, async ({ context, query }) =>
    feeds.following(context, { cursor: query.cursor, limit: query.limit ?? DEFAULT_LIMIT }),
  );

  defineHandler(registry, routes.userNotes, async ({ context, params, query }) => {
    const author = await accounts.getByHandle(params.handle);
    return feeds.byAuthor(author.id, context, {
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    });
  });

  defineHandler(registry, routes.userCollects, async ({ context, params, query }) => {
    const account = await accounts.getByHandle(params.handle);
    return feeds.collectedBy(account.id, context, {
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    });
  });

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
