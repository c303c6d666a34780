import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helper.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

describe('health and readiness', () => {
  it('GET /healthz answers ok', async () => {
    expect(await test.client().ops.health()).toEqual({ status: 'ok' });
  });

  it('GET /readyz checks the database and turns 503 while draining', async () => {
    const ready = await test.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', node: 'ok' } });
    test.ops.draining = true;
    const draining = await test.app.inject({ method: 'GET', url: '/readyz' });
    expect(draining.statusCode).toBe(503);
    expect(draining.json()).toEqual({
      status: 'not ready',
      checks: { database: 'ok', node: 'draining' },
    });
  });
});

describe('OpenAPI', () => {
  it('describes every contract route at /api/openapi.json', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/phone/start',
        '/api/auth/phone/verify',
        '/api/auth/signup',
        '/api/auth/login',
        '/api/auth/logout',
        '/api/me',
        '/api/users/{handle}',
        '/api/users/{handle}/follow',
        '/api/dev/outbox',
      ]),
    );
    const start = document.paths['/api/auth/phone/start'].post;
    expect(start.operationId).toBe('phoneStart');
    expect(start.requestBody.content['application/json'].schema.required).toContain('phone');
    expect(Object.keys(start.responses)).toEqual(expect.arrayContaining(['202', '4XX']));
  });
});

describe('HTTP conventions', () => {
  it('answers unknown routes with a problem+json 404 and a request id', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({ status: 404, code: 'NOT_FOUND', title: expect.any(String) });
    expect(problem.type).toBe('urn:atrium:error:NOT_FOUND');
    expect(problem.requestId).toBe(response.headers['x-request-id']);
  });

  it('refuses a non-JSON body with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'login=a&password=b',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses malformed JSON with 400 VALIDATION_FAILED', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"login": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });

  it('refuses a body over 1 MiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ login: 'x'.repeat(1_100_000), password: 'y' }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('sends security headers on every response', async () => {
    for (const url of ['/healthz', '/api/nope']) {
      const response = await test.app.inject({ method: 'GET', url });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      // HSTS only in production, where TLS terminates in front of Atrium
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });
});

describe('production mode', () => {
  it('has no dev outbox, sends HSTS and marks cookies Secure', async () => {
    const production = await buildTestApp({
      NODE_ENV: 'production',
      ATRIUM_SECRET: 'x'.repeat(40),
    });
    try {
      const outbox = await production.app.inject({ method: 'GET', url: '/api/dev/outbox?to=x' });
      expect(outbox.statusCode).toBe(404);
      const signup = await production.app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: {
          email: 'ana@example.org',
          password: 'correct horse battery staple',
          handle: 'ana_b',
        },
      });
      expect(signup.statusCode).toBe(201);
      expect(signup.headers['strict-transport-security']).toContain('max-age=31536000');
      expect(String(signup.headers['set-cookie'])).toMatch(/atrium_session=[^;]+;.*Secure/);
      // no SMS gateway configured: phone sign-in is unavailable, not silently lost
      const phone = await production.app.inject({
        method: 'POST',
        url: '/api/auth/phone/start',
        payload: { phone: '+8613800138000' },
      });
      expect(phone.statusCode).toBe(503);
      expect(phone.json().code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await production.close();
    }
  });
});
