import { type RouteName, type RouteSpec, routes } from '@atrium/contracts';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../fixtures/images.js';
import { buildTestApp, IPS, type TestApp } from '../helper.js';
import { buildUrl, callRoute } from './request.js';
import { buildWorld, echoEngine, multipartBody, type World } from './world.js';

// Security headers on every answer — successes and errors of every route, the router's own
// refusals, media and the web app — with the production configuration (HSTS), and uploads that
// try to get a script served: SVG and HTML dressed as images.

const SECRET = 'a-production-secret-of-at-least-32-characters';

let production: TestApp;
let development: TestApp;
let world: World;

beforeAll(async () => {
  production = await buildTestApp(
    // no image checks: the world's notes with images are published at once, as under test (in
    // production they would wait for a worker's checks; docs/media.md)
    { NODE_ENV: 'production', ATRIUM_SECRET: SECRET, MEDIA_CHECKS: 'none' },
    { translation: echoEngine },
  );
  development = await buildTestApp({}, { translation: echoEngine });
  world = await buildWorld(production);
});

afterAll(async () => {
  await production?.close();
  await development?.close();
});

type Headers = Record<string, unknown>;

/** What every answer carries, whatever it is. */
function expectBaseline(headers: Headers, where: string) {
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  const csp = String(headers['content-security-policy'] ?? '');
  expect(csp, where).toMatch(/frame-ancestors 'none'|sandbox/);
  expect(csp, where).toMatch(/default-src '(self|none)'/);
  expect(headers['x-request-id'], where).toBeTruthy();
}

function expectProductionHeaders(headers: Headers, where: string, api = true) {
  expectBaseline(headers, where);
  // answers for one viewer are never cached
  if (api) expect(headers['cache-control'], where).toBe('no-store');
  expect(headers['strict-transport-security'], where).toBe('max-age=31536000; includeSubDomains');
  expect(String(headers['content-security-policy']), where).toContain('upgrade-insecure-requests');
}

/** A route's path with ids of the world, so that some answers are successes. */
function sampleParams(): Record<string, string> {
  return { id: world.note.id, handle: world.accounts.owner.handle, tag: world.topic };
}

describe('security headers in production', () => {
  const samples = (Object.entries(routes) as [RouteName, RouteSpec][]).filter(
    ([, route]) => !route.devOnly,
  );

  it.each(samples)('%s: anonymous, signed in and with a broken body', async (_name, route) => {
    const calls = [
      callRoute(production.app, route, { params: sampleParams(), ip: IPS.GERMANY }),
      callRoute(production.app, route, {
        params: sampleParams(),
        token: world.accounts.owner.token,
        ip: IPS.GERMANY,
      }),
      ...(route.method !== 'GET'
        ? [
            callRoute(production.app, route, {
              params: sampleParams(),
              token: world.accounts.owner.token,
              raw: { payload: '{"broken', headers: { 'content-type': 'application/json' } },
              ip: IPS.GERMANY,
            }),
          ]
        : []),
    ];
    for (const response of await Promise.all(calls)) {
      expectProductionHeaders(
        response.headers,
        `${route.operationId} ${response.statusCode}`,
        route.path.startsWith('/api/'),
      );
    }
  });

  it('covers both successes and errors across the sample', async () => {
    const ok = await callRoute(production.app, routes.getNote as RouteSpec, {
      params: { id: world.note.id },
    });
    expect(ok.statusCode).toBe(200);
    expectProductionHeaders(ok.headers, 'getNote 200');
    const missing = await callRoute(production.app, routes.getNote as RouteSpec, {
      params: { id: '01a1fe23-0118-7000-aebb-b828a830ddd7' },
    });
    expect(missing.statusCode).toBe(404);
    expectProductionHeaders(missing.headers, 'getNote 404');
  });

  it.each([
    ['an unknown API route', { method: 'GET', url: '/api/nothing-here' }],
    ['a URL that cannot be decoded', { method: 'GET', url: '/api/notes/%FF%FE' }],
    [
      'a path parameter past the router limit',
      { method: 'GET', url: `/api/users/${'a'.repeat(1200)}` },
    ],
    [
      'a wrong content type',
      {
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'text/plain' },
        payload: 'x',
      },
    ],
    [
      'an oversized body',
      {
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ login: 'x'.repeat(1_100_000) }),
      },
    ],
    ['a method the route does not have', { method: 'PATCH', url: '/api/me/blocks' }],
    ['the OpenAPI document', { method: 'GET', url: '/api/openapi.json' }],
    ['the web app', { method: 'GET', url: '/', headers: { accept: 'text/html' } }],
  ] as const)('on %s', async (_name, request) => {
    const response = await production.app.inject({
      ...request,
      headers: { 'x-forwarded-for': IPS.GERMANY, ...('headers' in request ? request.headers : {}) },
    } as InjectOptions);
    expectProductionHeaders(
      response.headers,
      `${request.method} ${request.url.slice(0, 40)}`,
      request.url.startsWith('/api/'),
    );
    if (response.statusCode >= 400) {
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toMatch(/^[A-Z_]+$/);
    }
  });

  it('on a rate-limited answer', async () => {
    let last = await callRoute(production.app, routes.login as RouteSpec, {
      body: { login: 'x', password: 'y' },
      ip: '203.0.113.9',
    });
    for (let attempt = 0; attempt < 10 && last.statusCode !== 429; attempt += 1) {
      last = await callRoute(production.app, routes.login as RouteSpec, {
        body: { login: 'x', password: 'y' },
        ip: '203.0.113.9',
      });
    }
    expect(last.statusCode).toBe(429);
    expectProductionHeaders(last.headers, 'login 429');
  });

  it('sets session cookies Secure, HttpOnly and SameSite=Lax', async () => {
    const response = await callRoute(production.app, routes.signup as RouteSpec, {
      body: {
        email: 'cookie_check@example.org',
        password: 'correct horse battery staple',
        handle: 'cookie_check',
      },
      ip: IPS.BRAZIL,
    });
    expect(response.statusCode).toBe(201);
    const cookies = ([] as string[]).concat(response.headers['set-cookie'] as string | string[]);
    const session = cookies.find((cookie) => cookie.startsWith('atrium_session='));
    const csrf = cookies.find((cookie) => cookie.startsWith('atrium_csrf='));
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(csrf).toMatch(/; Secure/);
    expect(csrf).not.toMatch(/HttpOnly/);
  });

  it('has no development-only route', async () => {
    const devOnly = Object.values(routes).filter((route) => (route as RouteSpec).devOnly);
    expect(devOnly.length).toBeGreaterThan(0);
    for (const route of devOnly) {
      expect(production.app.hasRoute({ method: route.method, url: route.path })).toBe(false);
      const response = await production.app.inject({
        method: route.method,
        url: buildUrl(route as RouteSpec, {}, { to: '+12025550100' }),
      });
      expect(response.statusCode).toBe(404);
    }
    expect(development.app.hasRoute({ method: 'GET', url: routes.devOutbox.path })).toBe(true);
  });
});

describe('an unexpected failure', () => {
  it('answers 500 INTERNAL_ERROR with a request id, the headers, and nothing of the cause', async () => {
    const broken = await buildTestApp({ NODE_ENV: 'production', ATRIUM_SECRET: SECRET });
    try {
      // the database goes away under the running app
      await broken.database.close();
      const response = await broken.app.inject({
        method: 'GET',
        url: `/api/notes/${'01a1fe23-0118-7000-aebb-b828a830ddd7'}`,
      });
      expect(response.statusCode).toBe(500);
      expectProductionHeaders(response.headers, 'a 500');
      const problem = response.json();
      expect(problem).toEqual({
        type: 'urn:atrium:error:INTERNAL_ERROR',
        title: expect.any(String),
        status: 500,
        code: 'INTERNAL_ERROR',
        requestId: response.headers['x-request-id'],
      });
      expect(response.body).not.toMatch(/pglite|postgres|closed|stack|at .*\.ts/i);
    } finally {
      await broken.close().catch(() => {});
    }
  });
});

describe('outside production', () => {
  it('sends no HSTS and no upgrade-insecure-requests (plain HTTP on a LAN must keep working)', async () => {
    const response = await development.app.inject({ method: 'GET', url: '/healthz' });
    expectBaseline(response.headers, 'development');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(String(response.headers['content-security-policy'])).not.toContain(
      'upgrade-insecure-requests',
    );
  });
});

describe('uploads never become a script', () => {
  const svg = Buffer.from(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>',
  );
  const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');

  const upload = (file: { filename: string; type: string; bytes: Buffer }) =>
    production.app.inject({
      method: 'POST',
      url: routes.uploadMedia.path,
      ...(({ payload, headers }) => ({
        payload,
        headers: {
          ...headers,
          authorization: `Bearer ${world.accounts.other.token}`,
          'x-forwarded-for': IPS.GERMANY,
        },
      }))(multipartBody(file)),
    });

  it.each([
    ['SVG as itself', { filename: 'logo.svg', type: 'image/svg+xml', bytes: svg }],
    ['SVG named and typed as PNG', { filename: 'photo.png', type: 'image/png', bytes: svg }],
    ['HTML named and typed as JPEG', { filename: 'photo.jpg', type: 'image/jpeg', bytes: html }],
    [
      'HTML behind a GIF signature',
      { filename: 'x.gif', type: 'image/gif', bytes: Buffer.concat([Buffer.from('GIF89a'), html]) },
    ],
    [
      'HTML behind a PNG signature',
      {
        filename: 'x.png',
        type: 'image/png',
        bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), html]),
      },
    ],
  ])('refuses %s', async (_name, file) => {
    const response = await upload(file);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA');
    expectProductionHeaders(response.headers, 'upload refused');
  });

  it('re-encodes an image carrying HTML after its end, and serves only a safe image', async () => {
    const png = await makeImage('png', 20, 20);
    const response = await upload({
      filename: 'page.html',
      type: 'text/html',
      bytes: Buffer.concat([png, html]),
    });
    expect(response.statusCode).toBe(201);
    const media = response.json();
    expect(media.mime).toBe('image/webp');
    for (const url of [media.url, media.cardUrl]) {
      expect(url).toMatch(/\.webp$/);
      // an upload no note uses yet is its uploader's alone
      const served = await production.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${world.accounts.other.token}` },
      });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/webp');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(served.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(served.rawPayload.includes(Buffer.from('<script'))).toBe(false);
    }
  });

  it('never serves a stored key as anything but an image type', async () => {
    const hash = 'a'.repeat(64);
    for (const key of [
      `${hash}.svg`,
      `${hash}.html`,
      `${hash}.webp.html`,
      `${hash}`,
      '../secret.key',
    ]) {
      const response = await production.app.inject({
        method: 'GET',
        url: `/media/${encodeURIComponent(key)}`,
      });
      expect(response.statusCode, key).toBe(404);
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    }
  });
});
