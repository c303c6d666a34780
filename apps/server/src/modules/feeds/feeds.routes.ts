import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { FeedsService } from './feeds.service.js';

const DEFAULT_LIMIT = 20;

export function registerFeedsRoutes(
  registry: RouteRegistry,
  deps: {
    feeds: FeedsService;
    accounts: AccountsService;
  },
): void {
  const { feeds, accounts } = deps;

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

  defineHandler(registry, routes.userLikes, async ({ context, params, query }) => {
    const account = await accounts.getByHandle(params.handle);
    return feeds.likedBy(account.id, context, {
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIMIT,
    });
  });

  defineHandler(registry, routes.dismissNote, async ({ context, params }) => {
    await feeds.dismiss(context, params.id);
    return undefined;
  });

  defineHandler(registry, routes.undismissNote, async ({ context, params }) => {
    await feeds.undismiss(context, params.id);
    return undefined;
  });
}
