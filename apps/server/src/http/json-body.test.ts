import { loadDefaultPolicy } from '@atrium/safety';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../test/fixtures/staff.js';
import { buildTestApp, IPS, signedIn, type TestApp } from '../../test/helper.js';
import { MAX_NESTING } from './text-guard.js';

let test: TestApp;
let admin: string;
let user: string;
beforeAll(async () => {
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
  admin = (await signedInStaff(test, 'deep_lead', 'admin')).token;
  user = (await signedIn(test, 'plain_user')).token;
});
afterAll(async () => {
  await test?.close();
});

/** `levels` arrays, or objects under the key `a`, around `inner`: written as text, no recursion. */
function nestedJson(levels: number, kind: 'array' | 'object', inner = '1'): string {
  return kind === 'array'
    ? `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`
    : `${'{"a":'.repeat(levels)}${inner}${'}'.repeat(levels)}`;
}

// The policy routes take a free-form document (the schema lets any depth through, so the body
// reached the handlers and the text guard); the others typed fields. `DEEP` is replaced by the
// nested value, so that the whole body nests as deep as the case says.
const routesTried = [
  {
    name: 'PUT /api/staff/policy',
    method: 'PUT',
    url: '/api/staff/policy',
    token: () => admin,
    body: '{"version":"deep-1","document":DEEP}',
  },
  {
    name: 'POST /api/staff/policy/preview',
    method: 'POST',
    url: '/api/staff/policy/preview',
    token: () => admin,
    body: '{"document":DEEP,"days":1}',
  },
  {
    name: 'POST /api/notes',
    method: 'POST',
    url: '/api/notes',
    token: () => user,
    body: '{"body":DEEP}',
  },
  {
    name: 'PATCH /api/me',
    method: 'PATCH',
    url: '/api/me',
    token: () => user,
    body: '{"bio":DEEP}',
  },
  {
    name: 'POST /api/auth/login (anonymous)',
    method: 'POST',
    url: '/api/auth/login',
    token: () => null,
    body: '{"login":DEEP,"password":"x"}',
  },
] as const;

describe('deeply nested JSON bodies', () => {
  const cases = routesTried.flatMap((route) =>
    [10, 1_000, 100_000].flatMap((levels) =>
      (['array', 'object'] as const).map((kind) => [route.name, levels, kind, route] as const),
    ),
  );

  it.each(cases)('%s: %i levels of %s never answer 5xx', async (_name, levels, kind, route) => {
    const payload = route.body.replace('DEEP', nestedJson(levels - 1, kind));
    const token = route.token();
    const response = await test.app.inject({
      method: route.method,
      url: route.url,
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': IPS.US,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      payload,
    });
    expect(response.statusCode).toBeLessThan(500);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    if (levels > MAX_NESTING) {
      // refused when parsed: before authentication, validation and the handler
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().fields[0].message).toMatch(/nested more than 64 levels/);
    }
  });

  it(`accepts a policy document nested to the limit as far as depth goes (${MAX_NESTING})`, async () => {
    // the real policy, with a rule's note holding a value as deep as allowed: the policy
    // validator (not the depth bound) decides
    const policy = loadDefaultPolicy() as unknown as Record<string, unknown>;
    const body = JSON.stringify({ document: { ...policy, extra: 0 }, days: 1 }).replace(
      '"extra":0',
      `"extra":${nestedJson(MAX_NESTING - 2, 'array')}`,
    );
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/staff/policy/preview',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      payload: body,
    });
    expect(response.statusCode).not.toBe(500);
    expect(response.json().fields?.[0]?.message ?? '').not.toMatch(/nested more than/);
  });
});
