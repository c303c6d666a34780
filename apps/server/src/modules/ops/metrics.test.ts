import { randomUUID } from 'node:crypto';
import { routes } from '@atrium/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, IPS, signedIn, type TestApp } from '../../../test/helper.js';
import { echoEngine } from '../../../test/quality/world.js';
import { DB_FIGURES_TTL_MS } from './metrics.service.js';

// GET /metrics: who may scrape it, and that the figures move with what happens. Each check reads
// a figure, does something, and reads it again: the other tests of the file share the process.

const TOKEN = 'a-metrics-token-for-tests';
let test: TestApp;
let clock = Date.now();
let handles = 0;
// A fixed infix and a counter: letters drawn from the clock (the old suffix) spelled words now
// and then — a term of the lexicon inside a handle is refused — and the test failed at random.
// (`admin_1` would be refused too: a numbered look-alike of a reserved name.)
const unique = (prefix: string) => `${prefix}zq${handles++}`;

beforeAll(async () => {
  test = await buildTestApp(
    { ATRIUM_DISABLE_RATE_LIMITS: '1' },
    { translation: echoEngine, clock: () => new Date(clock) },
  );
});
afterAll(async () => {
  await test?.close();
});

/** Scrapes as a local Prometheus would (loopback, nothing forwarded). */
async function scrape(app = test.app): Promise<string> {
  // the database figures are cached for a few seconds: each scrape reads them afresh (and the
  // app's clock never falls behind the database's, which ages the cases)
  clock = Math.max(clock, Date.now()) + DB_FIGURES_TTL_MS + 1;
  const response = await app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  return response.body;
}

/** The sum of a metric's samples whose labels include `labels` (0 when there is none). */
function figure(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) {
      sum += Number(match[3]);
    }
  }
  return sum;
}

describe('who may scrape', () => {
  it('serves this machine without a token, never a forwarded or remote caller', async () => {
    const local = await test.app.inject({ method: 'GET', url: '/metrics' });
    expect(local.statusCode).toBe(200);
    expect(local.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const proxied = await test.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { 'x-forwarded-for': IPS.US },
    });
    expect(proxied.statusCode).toBe(403);
    expect(proxied.json().code).toBe('FORBIDDEN');
    const remote = await test.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
    });
    expect(remote.statusCode).toBe(403);
  });

  it('asks for the bearer token once one is configured, from anywhere', async () => {
    const tokened = await buildTestApp({ METRICS_TOKEN: TOKEN });
    try {
      const bare = await tokened.app.inject({ method: 'GET', url: '/metrics' });
      expect(bare.statusCode).toBe(401);
      expect(bare.headers['www-authenticate']).toBe('Bearer');
      expect(bare.json().code).toBe('UNAUTHENTICATED');
      const wrong = await tokened.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${TOKEN}x` },
      });
      expect(wrong.statusCode).toBe(401);
      const right = await tokened.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': IPS.US },
      });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('atrium_http_requests_total');
    } finally {
      await tokened.close();
    }
  }, 120_000);
});

describe('figures that move', () => {
  it('counts a request under its route template, with its duration', async () => {
    const labels = { method: 'GET', route: routes.getNote.path, status: '4xx' };
    const before = await scrape();
    const missing = await test.app.inject({ method: 'GET', url: `/api/notes/${randomUUID()}` });
    expect(missing.statusCode).toBe(404);
    const after = await scrape();
    expect(figure(after, 'atrium_http_requests_total', labels)).toBe(
      figure(before, 'atrium_http_requests_total', labels) + 1,
    );
    const durations = { method: 'GET', route: routes.getNote.path };
    expect(figure(after, 'atrium_http_request_duration_seconds_count', durations)).toBe(
      figure(before, 'atrium_http_request_duration_seconds_count', durations) + 1,
    );
    // a URL no route matches (no POST route catches everything, as GET's web app does) is
    // counted under one name, not under its own
    const nowhere = await test.app.inject({ method: 'POST', url: `/api/nothing-${randomUUID()}` });
    expect(nowhere.statusCode).toBe(404);
    const unmatched = await scrape();
    expect(unmatched).not.toMatch(/nothing-/);
    expect(figure(unmatched, 'atrium_http_requests_total', { route: 'unmatched' })).toBe(
      figure(after, 'atrium_http_requests_total', { route: 'unmatched' }) + 1,
    );
  });

  it('counts a sign-up by its risk decision, and database statements', async () => {
    const before = await scrape();
    await signedIn(test, unique('signup'));
    const after = await scrape();
    expect(figure(after, 'atrium_signups_total', { decision: 'allow' })).toBe(
      figure(before, 'atrium_signups_total', { decision: 'allow' }) + 1,
    );
    expect(figure(after, 'atrium_db_query_duration_seconds_count')).toBeGreaterThan(
      figure(before, 'atrium_db_query_duration_seconds_count'),
    );
    expect(figure(after, 'atrium_db_pool_wait_seconds_count')).toBeGreaterThan(
      figure(before, 'atrium_db_pool_wait_seconds_count'),
    );
  });

  it('counts session cache hits', async () => {
    const { client } = await signedIn(test, unique('cache'));
    await client.me.get();
    const before = await scrape();
    await client.me.get();
    await client.me.get();
    const after = await scrape();
    const hits = { cache: 'sessions', result: 'hit' };
    expect(figure(after, 'atrium_cache_requests_total', hits)).toBeGreaterThanOrEqual(
      figure(before, 'atrium_cache_requests_total', hits) + 2,
    );
  });

  it('counts automated decisions and reports, and shows the review queue by language and region', async () => {
    const owner = await signedIn(test, unique('owner'));
    const reporter = await signedIn(test, unique('reporter'));
    const queue = { lang: 'en', region: 'US' };
    const before = await scrape();
    const held = await owner.client.notes.create({
      title: 'Party',
      body: 'who can get c0caine tonight',
      lang: 'en',
    });
    expect(held.status).toBe('pending_review');
    const plain = await owner.client.notes.create({ title: 'Tea', body: 'Green tea', lang: 'en' });
    await reporter.client.reports.create({
      targetType: 'note',
      targetId: plain.id,
      reason: 'spam',
    });
    const after = await scrape();
    expect(figure(after, 'atrium_moderation_decisions_total', { source: 'automated' })).toBe(
      figure(before, 'atrium_moderation_decisions_total', { source: 'automated' }) + 1,
    );
    expect(figure(after, 'atrium_reports_total', { reason: 'spam' })).toBe(
      figure(before, 'atrium_reports_total', { reason: 'spam' }) + 1,
    );
    // two cases opened: the held note's and the reported one's, both English from the US
    expect(figure(after, 'atrium_review_queue_depth', queue)).toBe(
      figure(before, 'atrium_review_queue_depth', queue) + 2,
    );
    expect(figure(after, 'atrium_review_queue_oldest_age_seconds', queue)).toBeGreaterThan(0);
  });

  it('counts translation cache hits and misses, and times the engine', async () => {
    const owner = await signedIn(test, unique('author'));
    const note = await owner.client.notes.create({
      title: `Rain ${unique('t')}`,
      body: `A walk in the rain ${unique('b')}`,
      lang: 'en',
    });
    const before = await scrape();
    await owner.client.notes.translation(note.id, 'es');
    const middle = await scrape();
    await owner.client.notes.translation(note.id, 'es');
    const after = await scrape();
    const miss = { result: 'miss' };
    const hit = { result: 'hit' };
    expect(figure(middle, 'atrium_translation_texts_total', miss)).toBe(
      figure(before, 'atrium_translation_texts_total', miss) + 2,
    );
    expect(figure(after, 'atrium_translation_texts_total', hit)).toBe(
      figure(middle, 'atrium_translation_texts_total', hit) + 2,
    );
    const calls = { engine: 'echo', outcome: 'ok' };
    expect(figure(middle, 'atrium_translation_engine_duration_seconds_count', calls)).toBe(
      figure(before, 'atrium_translation_engine_duration_seconds_count', calls) + 1,
    );
  });

  it('reports backlogs, the surge state and the process figures', async () => {
    const text = await scrape();
    for (const queue of ['note_views', 'topic_deltas', 'jobs']) {
      expect(text).toContain(`atrium_backlog_items{queue="${queue}"}`);
    }
    expect(text).toMatch(/^atrium_surge_active 0$/m);
    expect(figure(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    // the pool's connections exist on PostgreSQL only (run with DATABASE_URL to check them)
    if (test.database.kind === 'postgres') {
      expect(figure(text, 'atrium_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    } else {
      expect(text).not.toContain('atrium_db_pool_connections{');
    }
  });
});

describe('the staff dashboard', () => {
  it('is for staff with metrics.read only', async () => {
    const anonymous = await test.app.inject({ method: 'GET', url: routes.staffMetrics.path });
    expect(anonymous.statusCode).toBe(401);
    const asRole = async (role: 'moderator' | 'admin' | 'analyst' | null) => {
      const handle = unique(role ?? 'plain');
      const { token } = await signedIn(test, handle);
      if (role) await test.staff.service.addMember({ kind: 'cli' }, { handle, role });
      const response = await test.app.inject({
        method: 'GET',
        url: routes.staffMetrics.path,
        headers: { authorization: `Bearer ${token}` },
      });
      return response.statusCode;
    };
    expect(await asRole(null)).toBe(403);
    expect(await asRole('moderator')).toBe(403);
    expect(await asRole('analyst')).toBe(200);
    expect(await asRole('admin')).toBe(200);
  });

  it('keeps samples whose rates follow the traffic', async () => {
    const handle = unique('admin');
    const { token } = await signedIn(test, handle);
    await test.staff.service.addMember({ kind: 'cli' }, { handle, role: 'admin' });
    clock = Math.max(clock, Date.now());
    await test.metrics.sample();
    clock += 10_000;
    for (let i = 0; i < 20; i += 1) await test.app.inject({ method: 'GET', url: '/healthz' });
    await signedIn(test, unique('wave'));
    const taken = await test.metrics.sample();
    // 20 health checks and a sign-up's requests over 10 s of the app's clock
    expect(taken.requestsPerSecond).toBeGreaterThanOrEqual(2.1);
    expect(taken.signupsPerMinute).toBe(6);
    expect(taken.p95Ms).not.toBeNull();
    expect(taken.heapUsedMb).toBeGreaterThan(0);
    const response = await test.app.inject({
      method: 'GET',
      url: routes.staffMetrics.path,
      headers: { authorization: `Bearer ${token}` },
    });
    const body = response.json();
    expect(body.intervalSeconds).toBe(10);
    expect(body.samples.at(-1)).toEqual(taken);
    expect(body.surge.mode).toBe('auto');
  });
});
