import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerErrorHandler } from '../../http/error-handler.js';
import { registerWebRoutes } from './web.routes.js';

const HTML = { accept: 'text/html,application/xhtml+xml' };

function fakeBuild(): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'atrium-web-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Atrium</title>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
  return dist;
}

let app: FastifyInstance;

async function build(distDir: string) {
  app = Fastify();
  registerErrorHandler(app);
  app.get('/api/known', async () => ({ ok: true }));
  registerWebRoutes(app, { distDir });
  await app.ready();
  return app;
}

afterEach(async () => {
  await app?.close();
});

describe('web app serving', () => {
  it("sends the build's brotli or gzip copy by Accept-Encoding, else the file itself", async () => {
    const dist = fakeBuild();
    const source = `console.log(${JSON.stringify('x'.repeat(4000))})`;
    const file = path.join(dist, 'assets', 'big-def456.js');
    writeFileSync(file, source);
    writeFileSync(`${file}.br`, brotliCompressSync(source));
    writeFileSync(`${file}.gz`, gzipSync(source));
    await build(dist);
    const url = '/assets/big-def456.js';
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(source.length / 10);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(source);
    const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(source);
    const plain = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(source);
    // a file without copies is sent as it is whatever the client takes
    const small = await app.inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body).toBe('console.log(1)');
  });

  it('serves hashed assets as immutable and other files for an hour', async () => {
    await build(fakeBuild());
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers client routes that accept HTML with index.html, revalidated every time', async () => {
    await build(fakeBuild());
    for (const url of ['/', '/note/123', '/u/lin_mei?tab=collects', '/index.html']) {
      const page = await app.inject({ url, headers: HTML });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.body).toContain('<title>Atrium</title>');
    }
  });

  it("sends index.html (on every client route) by the build's compressed copy too", async () => {
    const dist = fakeBuild();
    const html = `<!doctype html><title>Atrium</title><style>${'.a{color:red}'.repeat(400)}</style>`;
    const file = path.join(dist, 'index.html');
    writeFileSync(file, html);
    writeFileSync(`${file}.br`, brotliCompressSync(html));
    writeFileSync(`${file}.gz`, gzipSync(html));
    await build(dist);
    for (const url of ['/', '/note/123']) {
      const br = await app.inject({ url, headers: { ...HTML, 'accept-encoding': 'gzip, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(br.headers['cache-control']).toBe('no-cache');
      expect(br.headers.vary).toBe('accept-encoding');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(html);
    }
    const gzip = await app.inject({ url: '/', headers: { ...HTML, 'accept-encoding': 'gzip' } });
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(html);
    const plain = await app.inject({ url: '/', headers: HTML });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(html);
  });

  it('keeps unknown API and media paths, and non-HTML requests, as problem+json 404s', async () => {
    await build(fakeBuild());
    for (const [url, headers] of [
      ['/api/unknown', HTML],
      ['/api', HTML],
      ['/media/missing.webp', HTML],
      ['/note/123', { accept: 'application/json' }],
      ['/assets/missing.js', {}],
    ] as const) {
      const response = await app.inject({ url, headers });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('NOT_FOUND');
    }
    expect((await app.inject({ url: '/api/known' })).json()).toEqual({ ok: true });
    const post = await app.inject({ method: 'POST', url: '/note/1', headers: HTML });
    expect(post.statusCode).toBe(404);
  });

  it('never serves files outside the build directory', async () => {
    const dist = fakeBuild();
    writeFileSync(path.join(dist, '..', 'outside.txt'), 'TOP-SECRET-CONTENT');
    await build(dist);
    for (const url of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('TOP-SECRET');
    }
  });

  it('explains a missing build instead of failing', async () => {
    await build(path.join(tmpdir(), 'atrium-no-such-build'));
    const response = await app.inject({ url: '/', headers: HTML });
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toContain('npm run build:web');
  });
});
