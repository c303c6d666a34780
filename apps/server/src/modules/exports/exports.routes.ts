import { routes } from '@atrium/contracts';
import { Type } from '@sinclair/typebox';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import type { ExportsService } from './exports.service.js';

const HOUR = 3_600_000;

/** Account exports (docs/privacy.md, "Export"): ask for one, its state, and the download. */
export function registerExportRoutes(
  registry: RouteRegistry,
  deps: { exports: Pick<ExportsService, 'request' | 'mine' | 'openArchive'> },
): void {
  const { exports } = deps;
  // per client address here; the service also allows each account only a few a day
  defineHandler(registry, routes.requestExport, ({ viewer }) => exports.request(viewer.accountId), {
    rateLimit: { max: 10, timeWindow: HOUR },
  });
  defineHandler(registry, routes.myExport, ({ viewer }) => exports.mine(viewer.accountId));

  // The archive: a file, not JSON, so outside the contracts like media files. The holder's
  // session or the link's token opens it; everyone else gets 404, an expired link 410.
  registry.app.get(
    '/api/exports/:id/archive',
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 36 }) }),
        querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 100 })) }),
      },
      preValidation: registry.auth.optional,
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { token } = request.query as { token?: string };
      const archive = await exports.openArchive(
        id,
        request.viewer?.accountId ?? null,
        token ?? null,
      );
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${archive.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-length', archive.size)
        .type('application/gzip')
        .send(archive.body);
    },
  );
}
