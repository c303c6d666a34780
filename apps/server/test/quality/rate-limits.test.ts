import { type RouteName, type RouteSpec, routes } from '@atrium/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helper.js';
import { buildUrl } from './request.js';

// Rate limits, from the outside: every limited route announces its limit in X-RateLimit-Limit;
// a burst past it gets 429 RATE_LIMITED with Retry-After, the same client's next window is told
// by Retry-After and X-RateLimit-Reset, and other clients keep their own budget. IPv6 clients
// share a bucket per /64.

const MINUTE = 60;

/** operationId → [requests, window in seconds]. A route missing here must have no limit. */
const limits: Partial<Record<RouteName, readonly [number, number]>> = {
  phoneStart: [10, 10 * MINUTE],
  authChallenge: [60, 10 * MINUTE],
  phoneVerify: [30, 10 * MINUTE],
  signup: [10, 10 * MINUTE],
  login: [10, MINUTE],
  loginSecondFactor: [10, MINUTE],
  rotateSession: [30, 10 * MINUTE],
  updateMe: [60, 10 * MINUTE],
  changePassword: [10, 10 * MINUTE],
  deleteMe: [10, 10 * MINUTE],
  startTotp: [10, 10 * MINUTE],
  confirmTotp: [10, 10 * MINUTE],
  disableTotp: [10, 10 * MINUTE],
  completeOnboarding: [30, 10 * MINUTE],
  followSuggestions: [120, 10 * MINUTE],
  confirmStepUp: [30, 10 * MINUTE],
  resendStepUp: [10, 10 * MINUTE],
  requestExport: [10, 60 * MINUTE],
  follow: [120, 10 * MINUTE],
  unfollow: [120, 10 * MINUTE],
  block: [120, 10 * MINUTE],
  uploadMedia: [60, 10 * MINUTE],
  createNote: [30, 10 * MINUTE],
  updateNote: [60, 10 * MINUTE],
  likeNote: [300, 10 * MINUTE],
  unlikeNote: [300, 10 * MINUTE],
  createBoard: [60, 10 * MINUTE],
  updateBoard: [60, 10 * MINUTE],
  deleteBoard: [60, 10 * MINUTE],
  addBoardNote: [300, 10 * MINUTE],
  removeBoardNote: [300, 10 * MINUTE],
  setNoteBoards: [300, 10 * MINUTE],
  collectNote: [300, 10 * MINUTE],
  uncollectNote: [300, 10 * MINUTE],
  likeComment: [300, 10 * MINUTE],
  unlikeComment: [300, 10 * MINUTE],
  createComment: [60, 10 * MINUTE],
  createReport: [20, 10 * MINUTE],
  createAppeal: [10, 60 * MINUTE],
  search: [120, MINUTE],
  noteTranslation: [300, 10 * MINUTE],
  commentTranslation: [300, 10 * MINUTE],
  noteReading: [300, 10 * MINUTE],
  commentReading: [300, 10 * MINUTE],
  addStaff: [60, MINUTE],
  updateStaff: [60, MINUTE],
  removeStaff: [60, MINUTE],
  verifyAudit: [6, MINUTE],
  revealPersonalData: [20, MINUTE],
  liftSanction: [60, MINUTE],
  publishPolicy: [10, MINUTE],
  previewPolicy: [10, MINUTE],
  surgeSettle: [6, MINUTE],
  reportFalsePositive: [10, MINUTE],
};

const FAKE_ID = '01a1fe23-0118-7000-aebb-b828a830ddd7';

/** The cheapest request a route counts: anonymous, with an empty body (401 or 400 at once). */
function cheapRequest(route: RouteSpec, ip: string) {
  const params = { id: FAKE_ID, noteId: FAKE_ID, handle: 'someone', tag: 'topic' };
  return test.app.inject({
    method: route.method,
    url: buildUrl(route, params, route.operationId === 'search' ? { q: '!!' } : {}),
    headers: {
      'x-forwarded-for': ip,
      ...(route.method !== 'GET' && !route.multipart ? { 'content-type': 'application/json' } : {}),
    },
    ...(route.method !== 'GET' && !route.multipart ? { payload: '{}' } : {}),
  });
}

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(async () => {
  await test?.close();
});

/** Distinct documentation addresses per route, so no two bursts share a bucket. */
let next = 0;
const freshIp = () => {
  next += 1;
  return `198.51.${Math.floor(next / 250)}.${(next % 250) + 1}`;
};

describe('rate limits', () => {
  it.each(Object.entries(routes).map(([name, route]) => [name, route as RouteSpec] as const))(
    '%s announces exactly the limit in the table (or none)',
    async (name, route) => {
      const response = await cheapRequest(route, freshIp());
      const expected = limits[name as RouteName];
      const header = response.headers['x-ratelimit-limit'];
      if (expected) expect(Number(header)).toBe(expected[0]);
      else expect(header).toBeUndefined();
    },
  );

  it.each(Object.entries(limits).map(([name, limit]) => [name, limit!] as const))(
    '%s holds under a burst, for that client only',
    async (name, [max, windowSeconds]) => {
      const route = routes[name as RouteName] as RouteSpec;
      const ip = freshIp();
      const burst = [];
      for (let index = 0; index < max; index += 1) burst.push(cheapRequest(route, ip));
      const answers = await Promise.all(burst);
      expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(0);
      expect(Number(answers.at(-1)!.headers['x-ratelimit-remaining'])).toBe(0);

      const refused = await cheapRequest(route, ip);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = refused.json();
      expect(problem.code).toBe('RATE_LIMITED');
      // Retry-After: whole seconds until this client's window ends, never past the window
      const retryAfter = Number(refused.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
      expect(problem.retryAfter).toBe(retryAfter);
      const reset = Number(refused.headers['x-ratelimit-reset']);
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(windowSeconds);

      // another client is untouched
      const other = await cheapRequest(route, freshIp());
      expect(other.statusCode).not.toBe(429);
      expect(Number(other.headers['x-ratelimit-remaining'])).toBe(max - 1);
    },
    60_000,
  );
});

describe('IPv6 clients', () => {
  it('share one bucket per /64; another /64 has its own', async () => {
    const route = routes.login as RouteSpec;
    const [max] = limits.login!;
    for (let index = 0; index < max; index += 1) {
      // every request from a different address of the same /64
      const answer = await cheapRequest(route, `2001:db8:7:1::${(index + 1).toString(16)}`);
      expect(answer.statusCode).not.toBe(429);
    }
    const sameNetwork = await cheapRequest(route, '2001:db8:7:1:ffff:ffff:ffff:fffe');
    expect(sameNetwork.statusCode).toBe(429);
    expect(sameNetwork.json().code).toBe('RATE_LIMITED');
    // written another way, the same /64 is still the same client
    const spelledOut = await cheapRequest(route, '2001:0db8:0007:0001:0000:0000:0000:0abc');
    expect(spelledOut.statusCode).toBe(429);
    const nextNetwork = await cheapRequest(route, '2001:db8:7:2::1');
    expect(nextNetwork.statusCode).not.toBe(429);
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 client it is', async () => {
    const route = routes.login as RouteSpec;
    const [max] = limits.login!;
    for (let index = 0; index < max; index += 1) {
      expect((await cheapRequest(route, '198.51.200.7')).statusCode).not.toBe(429);
    }
    expect((await cheapRequest(route, '::ffff:198.51.200.7')).statusCode).toBe(429);
  });
});
