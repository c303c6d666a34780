import { type RouteSpec, routes } from '@atrium/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helper.js';

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(async () => {
  await test.close();
});

const FAKE_UUID = '01a1fe23-0118-7000-aebb-b828a830ddd7';
const signedInOnly: RouteSpec[] = Object.values(routes).filter(
  (route) => route.auth === 'required',
);

describe('the contract', () => {
  it.each(Object.values(routes).map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s is served',
    (_name, route) => {
      expect(test.app.hasRoute({ method: route.method, url: route.path })).toBe(true);
    },
  );
});

describe('routes that need a session', () => {
  it('exist', () => {
    expect(signedInOnly.length).toBeGreaterThan(5);
  });

  it.each(signedInOnly.map((route) => [route.operationId, route] as const))(
    '%s answers 401 UNAUTHENTICATED to an anonymous caller',
    async (_name, route) => {
      const url = route.path.replace(':handle', 'someone').replace(':id', FAKE_UUID);
      const response = await test.app.inject({
        method: route.method,
        url,
        ...(route.body ? { payload: {} } : {}),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('UNAUTHENTICATED');
    },
  );
});
