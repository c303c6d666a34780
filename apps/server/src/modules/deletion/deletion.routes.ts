import { routes } from '@atrium/contracts';
import { clearSessionCookies } from '../../http/auth.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { DeletionService } from './deletion.service.js';

const MINUTE = 60_000;

/** `DELETE /api/me`: the holder deletes their account (docs/security.md). */
export function registerDeletionRoutes(
  registry: RouteRegistry,
  deps: { deletion: DeletionService; secureCookies: boolean },
): void {
  defineHandler(
    registry,
    routes.deleteMe,
    async ({ viewer, body, context, reply }) => {
      const scheduled = await deps.deletion.request(viewer, body, context.client);
      // every session ended, this one too
      clearSessionCookies(reply, deps.secureCookies);
      return scheduled;
    },
    { rateLimit: { max: 10, timeWindow: 10 * MINUTE } },
  );
}
