import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { routes } from '@atrium/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { commonError, DomainError } from '../../http/errors.js';
import { buildRequestContext } from '../../http/request-context.js';
import { defineHandler, type RouteRegistry } from '../../http/route.js';
import { mediaError } from './media.errors.js';
import { MEDIA_URL_PREFIX, type MediaAudience, type MediaService } from './media.service.js';
import { type ByteRange, mediaKeyType } from './media-store.js';
import { sniffVideoFormat } from './video-pipeline.js';

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
  /** The image limit (`MEDIA_MAX_BYTES`). */
  maxBytes: number;
  /** The video limit (`MEDIA_VIDEO_MAX_BYTES`): the upload is streamed up to the larger. */
  maxVideoBytes?: number;
}

/**
 * Streams the multipart field `file` to `target` (never held in memory: a video may be 200 MiB),
 * refused past `limit` while still streaming: `TOO_LARGE` for an image, `VIDEO_TOO_LARGE` when
 * its first bytes are a video's. Returns its size.
 */
async function saveUpload(
  request: FastifyRequest,
  target: string,
  limit: number,
  imageMaxBytes: number,
): Promise<number> {
  let head: Buffer = Buffer.alloc(0);
  try {
    const part = await request.file();
    if (part?.fieldname !== 'file') {
      part?.file.resume();
      throw commonError('VALIDATION_FAILED', 'Send the image as the multipart field "file"', {
        fields: [{ field: '/body/file', message: 'is required' }],
      });
    }
    let size = 0;
    part.file.on('data', (chunk: Buffer) => {
      if (head.length < 64) head = Buffer.concat([head, chunk.subarray(0, 64 - head.length)]);
      size += chunk.length;
    });
    await pipeline(part.file, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    if (part.file.truncated)
      throw Object.assign(new Error('too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
    return size;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const { code, statusCode } = error as { code?: string; statusCode?: number };
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      if (sniffVideoFormat(head)) {
        throw mediaError('VIDEO_TOO_LARGE', `Videos may be at most ${limit} bytes`);
      }
      throw mediaError('TOO_LARGE', `Images may be at most ${imageMaxBytes} bytes`);
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

/**
 * One `bytes=` range of a file of `size` bytes: `a-b`, `a-` or `-n` (the last n bytes). Null
 * when the header is something else (several ranges, another unit): the whole file is sent.
 * `unsatisfiable` when it starts past the end (416).
 */
export function parseRange(header: string, size: number): ByteRange | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (match[2] !== '' && Number(match[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

export function registerMediaRoutes(registry: RouteRegistry, deps: MediaRouteDeps): void {
  const { media, maxBytes } = deps;
  const limit = Math.max(maxBytes, deps.maxVideoBytes ?? 0);

  defineHandler(
    registry,
    routes.uploadMedia,
    async ({ viewer, request }) => {
      const work = await mkdtemp(path.join(tmpdir(), 'atrium-upload-'));
      try {
        const file = path.join(work, 'upload');
        const size = await saveUpload(request, file, limit, maxBytes);
        return await media.uploadFile(viewer.accountId, file, size);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
    {
      rateLimit: { max: 60, timeWindow: 10 * MINUTE },
      multipart: { fileSize: limit },
    },
  );

  // The uploader's own media: the composer polls it while a video processes.
  defineHandler(registry, routes.getMedia, async ({ viewer, params }) =>
    media.getOwn(viewer.accountId, params.id),
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
      if (type.startsWith('video/')) {
        // Browsers play and seek a video with Range requests (a single range; anything else
        // gets the whole file, which HTTP allows).
        reply.header('accept-ranges', 'bytes');
        const asked = request.headers.range;
        if (asked) {
          const whole = await media.get(key, { start: 0, end: 0 });
          if (!whole) throw mediaError('NOT_FOUND', 'No such media');
          whole.body.destroy();
          const range = parseRange(asked, whole.size);
          if (range === 'unsatisfiable') {
            return reply
              .headers(headers)
              .code(416)
              .header('content-range', `bytes */${whole.size}`)
              .send();
          }
          if (range) {
            const part = await media.get(key, range);
            if (!part) throw mediaError('NOT_FOUND', 'No such media');
            return reply
              .headers(headers)
              .code(206)
              .type(type)
              .header('content-range', `bytes ${range.start}-${range.end}/${part.size}`)
              .header('content-length', range.end - range.start + 1)
              .send(part.body);
          }
        }
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
