import { routes } from '@atrium/contracts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import { observeRequest } from '../../lib/metrics.js';
import { mayScrape } from './metrics.policy.js';
import type { MetricsService } from './metrics.service.js';
import { opsError } from './ops.errors.js';

export interface OpsState {
  /** Set when shutdown starts: load balancers stop sending traffic before the drain. */
  draining: boolean;
}

/**
 * Counts every answer by its route's template (never the URL: one series per route, however
 * many notes there are); requests no route matched share `unmatched`. Registered before the
 * routes, so that it applies to all of them.
 */
export function registerRequestMetrics(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
}

export function registerOpsRoutes(
  registry: RouteRegistry,
  deps: {
    database: Database;
    state: OpsState;
    metrics: MetricsService;
    metricsToken: string | null;
  },
): void {
  const { database, state, metrics } = deps;
  defineHandler(registry, routes.health, async () => ({ status: 'ok' }));

  defineHandler(registry, routes.ready, async ({ reply }) => {
    const checks: Record<string, string> = {};
    try {
      await database.ping();
      checks.database = 'ok';
    } catch {
      checks.database = 'unreachable';
    }
    checks.node = state.draining ? 'draining' : 'ok';
    const ready = Object.values(checks).every((value) => value === 'ok');
    if (!ready) reply.code(503);
    return { status: ready ? 'ready' : 'not ready', checks };
  });

  // Text, not JSON: registered by hand with the contract's description.
  const spec = routes.metrics;
  registry.app.get(
    spec.path,
    { schema: { operationId: spec.operationId, summary: spec.summary, tags: [...spec.tags] } },
    async (request, reply) => {
      const denial = mayScrape(deps.metricsToken, {
        authorization: request.headers.authorization,
        socketAddress: request.socket.remoteAddress,
        forwarded:
          request.headers['x-forwarded-for'] !== undefined ||
          request.headers.forwarded !== undefined,
      });
      if (denial) {
        if (denial.code === 'UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer');
        throw opsError(denial.code, denial.reason);
      }
      const { contentType, body } = await metrics.exposition();
      return reply.type(contentType).header('cache-control', 'no-store').send(body);
    },
  );

  defineHandler(registry, routes.staffMetrics, ({ viewer }) => metrics.dashboard(viewer));

  registry.app.get('/api/openapi.json', { schema: { hide: true } }, async () =>
    registry.app.swagger(),
  );
}
