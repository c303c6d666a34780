import { routes } from '@atrium/contracts';
import { viewerLocale, visibilityOf } from '../../http/client.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import { decodeIdCursor } from '../../lib/cursor.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { IpLocator } from '../geo/ip-location.js';
import type { TopicsService } from '../topics/topics.service.js';
import { toTopic } from '../topics/topics.service.js';
import type { FeedsService } from './feeds.service.js';

export function registerFeedsRoutes(
  registry: RouteRegistry,
  deps: {
    feeds: FeedsService;
    topics: TopicsService;
    accounts: AccountsService;
    locator: IpLocator;
  },
): void {
  const { feeds, topics, accounts, locator } = deps;

  defineHandler(registry, routes.discoverFeed, async ({ viewer, query, request }) =>
    feeds.discover(
      visibilityOf(request, locator),
      viewer,
      viewerLocale(request),
      query.cursor,
      query.limit ?? 20,
    ),
  );

  defineHandler(registry, routes.followingFeed, async ({ viewer, query, request }) =>
    feeds.following(
      { ...visibilityOf(request, locator), viewerId: viewer.accountId },
      viewer,
      viewerLocale(request),
      decodeIdCursor(query.cursor),
      query.limit ?? 20,
    ),
  );

  defineHandler(registry, routes.userNotes, async ({ viewer, params, query, request }) => {
    const author = await accounts.getByHandle(params.handle);
    return feeds.byAuthor(
      author.id,
      visibilityOf(request, locator),
      viewer,
      viewerLocale(request),
      decodeIdCursor(query.cursor),
      query.limit ?? 20,
    );
  });

  defineHandler(registry, routes.userCollects, async ({ viewer, params, query, request }) => {
    const account = await accounts.getByHandle(params.handle);
    return feeds.collectedBy(
      account.id,
      visibilityOf(request, locator),
      viewer,
      viewerLocale(request),
      query.cursor,
      query.limit ?? 20,
    );
  });

  defineHandler(registry, routes.trendingTopics, async ({ request }) => ({
    items: await topics.trending(visibilityOf(request, locator).region),
  }));

  defineHandler(registry, routes.getTopic, async ({ params, request }) =>
    toTopic(await topics.topicIn(params.tag, visibilityOf(request, locator).region)),
  );

  defineHandler(registry, routes.topicNotes, async ({ viewer, params, query, request }) => {
    const topic = await topics.getTopic(params.tag);
    const context = visibilityOf(request, locator);
    const limit = query.limit ?? 20;
    if (query.sort === 'new') {
      return feeds.topicNew(
        topic.tag,
        context,
        viewer,
        viewerLocale(request),
        decodeIdCursor(query.cursor),
        limit,
      );
    }
    return feeds.topicHot(topic.tag, context, viewer, viewerLocale(request), query.cursor, limit);
  });
}
