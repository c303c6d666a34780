import { routes } from '@atrium/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { commonError, DomainError } from '../../http/errors.js';
import { buildRequestContext } from '../../http/request-context.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import { mediaError } from './media.errors.js';
import { MEDIA_URL_PREFIX, type MediaAudience, type MediaService } from './media.service.js';
import { mediaKeyType } from './media-store.js';

const MINUTE = 60_000;

/**
 * How long caches keep an image. The bytes of a key never change, but whether they may be shown
 * does (a moderator withholds or removes the note, the author is banned), so nothing is cached
 * for a year any more:
 * - seen by everyone everywhere: browsers a day, shared caches (a CDN) ten minutes — a decision
 *   reaches a CDN within ten minutes, at once when the operator purges the URL (operations.md);
 * - anything narrower (withheld somewhere, held, an author's or a reviewer's own view): only the
 *   viewer's browser keeps it, and asks again each time (a 304 when still allowed);
 * - refusals (404, 451): kept nowhere, since they depend on the viewer and their region.
 */
export const MEDIA_CACHE_CONTROL: Record<MediaAudience, string> = {
  shared: 'public, max-age=86400, s-maxage=600',
  private: 'private, no-cache',
};
const REFUSED_CACHE_CONTROL = 'no-store';

export interface MediaRouteDeps {
  media: MediaService;
  maxBytes: number;
}

/** The bytes of the multipart field `file`, refused past `maxBytes` while still streaming. */
async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  try {
    const part = await request.file();
    if (part?.fieldname !== 'file') {
      part?.file.resume();
      throw commonError('VALIDATION_FAILED', 'Send the image as the multipart field "file"', {
        fields: [{ field: '/body/file', message: 'is required' }],
      });
    }
    return await part.toBuffer();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const { code, statusCode } = error as { code?: string; statusCode?: number };
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw mediaError('TOO_LARGE', `Images may be at most ${maxBytes} bytes`);
    }
    // the multipart plugin's own limits carry a 4xx status the error handler maps
    if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) throw error;
    // Everything else here is the parser failing on the body the client sent (no boundary, a
    // body that ends mid-part…): busboy throws plain errors, which were answered 500.
    throw commonError('VALIDATION_FAILED', 'The multipart body is malformed', {
      fields: [{ field: '/body', message: 'is not valid multipart/form-data' }],
    });
  }
}

export function registerMediaRoutes(registry: RouteRegistry, deps: MediaRouteDeps): void {
  const { media, maxBytes } = deps;

  defineHandler(
    registry,
    routes.uploadMedia,
    async ({ viewer, request }) =>
      media.upload(viewer.accountId, await readUpload(request, maxBytes)),
    {
      rateLimit: { max: 60, timeWindow: 10 * MINUTE },
      multipart: { fileSize: maxBytes },
    },
  );

  // Stored files, by content-addressed key, served like the notes they belong to (media.policy).
  registry.app.get(
    `${MEDIA_URL_PREFIX}:key`,
    {
      schema: { hide: true, params: Type.Object({ key: Type.String({ maxLength: 80 }) }) },
      // images load with the session cookie: authors see their held notes' images, staff all
      preValidation: registry.auth.optional,
    },
    async (request, reply) => {
      const { key } = request.params as { key: string };
      reply.header('cache-control', REFUSED_CACHE_CONTROL);
      const type = mediaKeyType(key);
      if (!type) throw mediaError('NOT_FOUND', 'No such media');
      const context = buildRequestContext(request, registry.locator);
      const audience = await media.access(key, context.visibility);
      const etag = `"${key.slice(0, 64)}"`;
      const headers = {
        'cache-control': MEDIA_CACHE_CONTROL[audience],
        etag,
        'x-content-type-options': 'nosniff',
        // Only image types are ever served, and even so nothing here may run as a document.
        'content-security-policy': "default-src 'none'; sandbox",
      };
      // Content-addressed: a matching tag means the client already holds these very bytes.
      if (request.headers['if-none-match'] === etag) {
        if (!(await media.exists(key))) throw mediaError('NOT_FOUND', 'No such media');
        return reply.headers(headers).code(304).send();
      }
      const stored = await media.get(key);
      if (!stored) throw mediaError('NOT_FOUND', 'No such media');
      return reply
        .headers(headers)
        .type(type)
        .header('content-length', stored.size)
        .send(stored.body);
    },
  );
}
