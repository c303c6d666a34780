import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commonError } from '../../http/errors.js';

/** Where `vite build` writes the web app (apps/web/dist). */
export const defaultWebDist = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// Paths the SPA never owns: they answer problem+json 404 when no route matched them.
const RESERVED = /^\/(api|media)(\/|$)/;

function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

/**
 * The build's precompressed copy of `file` the request accepts (brotli first, then gzip), as
 * written by the web app's build; null when there is none or the client takes neither.
 */
async function precompressed(
  request: FastifyRequest,
  file: string,
): Promise<{ file: string; encoding: 'br' | 'gzip' } | null> {
  const accepted = String(request.headers['accept-encoding'] ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, quality]) => !quality || !/^q=0(\.0*)?$/.test(quality.trim()))
    .map(([coding]) => coding!.toLowerCase());
  for (const [encoding, suffix] of [
    ['br', '.br'],
    ['gzip', '.gz'],
  ] as const) {
    if (!accepted.includes(encoding)) continue;
    const info = await stat(file + suffix).catch(() => null);
    if (info?.isFile()) return { file: file + suffix, encoding };
  }
  return null;
}

async function fileIn(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.join(root, path.normalize(decoded));
  // Never serve outside the build directory (`..`, absolute segments).
  if (!file.startsWith(root) || file === root) return null;
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? file : null;
}

/**
 * Serves the built web app: hashed files under `/assets/` for a year (immutable), other files
 * for an hour, and `index.html` — revalidated on every load — for any other GET that accepts
 * HTML (client-side routes). `/api/*` and `/media/*` are never the SPA's: unknown ones stay
 * problem+json 404s, as does anything that does not ask for HTML.
 */
export function registerWebRoutes(app: FastifyInstance, options: { distDir?: string } = {}): void {
  const root = path.resolve(options.distDir ?? defaultWebDist) + path.sep;

  async function sendIndex(request: FastifyRequest, reply: FastifyReply) {
    const file = path.join(root, 'index.html');
    const html = await readFile(file).catch(() => null);
    if (!html) {
      throw commonError(
        'NOT_FOUND',
        'The web app is not built: run `npm run build:web` (npm start builds it when missing)',
      );
    }
    reply
      .header('cache-control', 'no-cache')
      .header('vary', 'accept-encoding')
      .type('text/html; charset=utf-8');
    // the page carries its stylesheet inline (the first paint waits for nothing else): sent
    // compressed like the assets, by the build's own copy
    const compressed = await precompressed(request, file);
    if (!compressed) return reply.send(html);
    return reply
      .header('content-encoding', compressed.encoding)
      .send(await readFile(compressed.file));
  }

  app.route({
    method: 'GET',
    url: '/*',
    schema: { hide: true },
    // the build's own brotli and gzip copies are sent instead (see precompressed)
    compress: false,
    handler: async (request, reply) => {
      const urlPath = request.url.split('?')[0] ?? '/';
      if (RESERVED.test(urlPath)) {
        throw commonError('NOT_FOUND', `No route for GET ${urlPath}`);
      }
      if (urlPath !== '/' && urlPath !== '/index.html') {
        const file = await fileIn(root, urlPath);
        if (file) {
          const immutable = urlPath.startsWith('/assets/');
          const compressed = await precompressed(request, file);
          reply
            .header(
              'cache-control',
              immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
            )
            .header('vary', 'accept-encoding')
            .type(CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
          if (compressed) reply.header('content-encoding', compressed.encoding);
          return reply.send(createReadStream(compressed?.file ?? file));
        }
      }
      if (!acceptsHtml(request)) throw commonError('NOT_FOUND', `No route for GET ${urlPath}`);
      return sendIndex(request, reply);
    },
  });
}
