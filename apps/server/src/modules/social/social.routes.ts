import { routes } from '@atrium/contracts';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { SocialService } from './social.service.js';

const MINUTE = 60_000;

export function registerSocialRoutes(registry: RouteRegistry, social: SocialService): void {
  defineHandler(
    registry,
    routes.follow,
    async ({ viewer, params }) => {
      await social.follow(viewer, params.handle);
      return undefined;
    },
    { rateLimit: { max: 120, timeWindow: 10 * MINUTE } },
  );

  defineHandler(
    registry,
    routes.unfollow,
    async ({ viewer, params }) => {
      await social.unfollow(viewer, params.handle);
      return undefined;
    },
    { rateLimit: { max: 120, timeWindow: 10 * MINUTE } },
  );
}
