import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { allCacheStats } from './cache-stats.js';

// The process's Prometheus metrics (docs/operations.md, "Metrics"). One registry per process:
// Prometheus scrapes processes, and counters are the process's since it started. Modules count
// through the small functions below; what needs the database (queue depths, backlogs) is read
// at scrape time by the ops module.

export const registry = new Registry();

let defaultsStarted = false;

/** Node's own figures (event-loop lag, heap, RSS, GC, handles), once per process. */
export function startDefaultMetrics(): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
}

const SECONDS_FAST = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Running totals the staff dashboard samples every few seconds (the differences between two
 * samples are its rates); plain numbers, so sampling needs no walk over every label set.
 * `latency[i]` counts requests of at most `LATENCY_BOUNDS[i]` seconds (the last: slower).
 */
export const LATENCY_BOUNDS = SECONDS_FAST;
export const totals = {
  requests: 0,
  serverErrors: 0,
  latency: new Array<number>(SECONDS_FAST.length + 1).fill(0),
  queries: 0,
  queryMs: 0,
  signups: 0,
  reports: 0,
  automatedDecisions: 0,
  poolWaits: 0,
  poolWaitMs: 0,
  engineCalls: 0,
  engineErrors: 0,
};

const httpRequests = new Counter({
  name: 'atrium_http_requests_total',
  help: 'HTTP requests answered, by route template, method and status class',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});
const httpErrors = new Counter({
  name: 'atrium_http_request_errors_total',
  help: 'HTTP requests answered with a server error (5xx), by route template and method',
  labelNames: ['method', 'route'] as const,
  registers: [registry],
});
const httpDuration = new Histogram({
  name: 'atrium_http_request_duration_seconds',
  help: 'Time from the request arriving to the answer being sent, by route template and method',
  labelNames: ['method', 'route'] as const,
  buckets: SECONDS_FAST,
  registers: [registry],
});

interface RouteChildren {
  count: Counter.Internal;
  duration: Histogram.Internal<'method' | 'route'>;
  errors: Counter.Internal;
}
// label children looked up once per route and status class, not per request
const routeChildren = new Map<string, RouteChildren>();
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];

/** One answered request; `route` is the route's template (`/api/notes/:id`), never the URL. */
export function observeRequest(
  method: string,
  route: string,
  statusCode: number,
  seconds: number,
): void {
  const status = STATUS_CLASSES[Math.floor(statusCode / 100) - 1] ?? 'other';
  const key = `${method} ${route} ${status}`;
  let children = routeChildren.get(key);
  if (!children) {
    children = {
      count: httpRequests.labels(method, route, status),
      duration: httpDuration.labels(method, route),
      errors: httpErrors.labels(method, route),
    };
    routeChildren.set(key, children);
  }
  children.count.inc();
  children.duration.observe(seconds);
  totals.requests += 1;
  let bucket = 0;
  while (bucket < SECONDS_FAST.length && seconds > SECONDS_FAST[bucket]!) bucket += 1;
  totals.latency[bucket]! += 1;
  if (statusCode >= 500) {
    children.errors.inc();
    totals.serverErrors += 1;
  }
}

const dbQueryDuration = new Histogram({
  name: 'atrium_db_query_duration_seconds',
  help: 'Database statement durations on their connection (the wait for one is apart), by outcome',
  labelNames: ['outcome'] as const,
  buckets: SECONDS_FAST,
  registers: [registry],
});
const dbQueryOk = dbQueryDuration.labels('ok');
const dbQueryError = dbQueryDuration.labels('error');
const dbPoolWait = new Histogram({
  name: 'atrium_db_pool_wait_seconds',
  help: 'Time a statement or transaction waited for a database connection',
  buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  registers: [registry],
});

/** A statement finished (Kysely's query log). */
export function observeQuery(milliseconds: number, failed: boolean): void {
  (failed ? dbQueryError : dbQueryOk).observe(milliseconds / 1000);
  totals.queries += 1;
  totals.queryMs += milliseconds;
}

/** A connection was handed out after this wait. */
export function observePoolWait(milliseconds: number): void {
  dbPoolWait.observe(milliseconds / 1000);
  totals.poolWaits += 1;
  totals.poolWaitMs += milliseconds;
}

/** The pool's connections right now (set at scrape time; absent on the embedded database). */
export const dbPoolConnections = new Gauge({
  name: 'atrium_db_pool_connections',
  help: 'Database pool connections: total, idle, and statements waiting for one',
  labelNames: ['state'] as const,
  registers: [registry],
});

new Counter({
  name: 'atrium_cache_requests_total',
  help: 'Reads of in-process caches, by cache and result (hit or miss)',
  labelNames: ['cache', 'result'] as const,
  registers: [registry],
  collect() {
    // the caches count in plain numbers (cache-stats.ts); copied here when scraped
    this.reset();
    for (const stats of allCacheStats()) {
      this.labels(stats.name, 'hit').inc(stats.hits);
      this.labels(stats.name, 'miss').inc(stats.misses);
    }
  },
});

const signups = new Counter({
  name: 'atrium_signups_total',
  help: 'Accounts created, by the risk decision at the door (allow, challenge passed, review)',
  labelNames: ['decision'] as const,
  registers: [registry],
});
const doorDecisions = new Counter({
  name: 'atrium_door_decisions_total',
  help: 'Risk decisions recorded at the door, by surface and decision (refusals included)',
  labelNames: ['surface', 'decision'] as const,
  registers: [registry],
});
const reports = new Counter({
  name: 'atrium_reports_total',
  help: 'Reports filed (appeals included, reason "appeal"), by reason',
  labelNames: ['reason'] as const,
  registers: [registry],
});
const decisions = new Counter({
  name: 'atrium_moderation_decisions_total',
  help: 'Moderation decisions recorded, by source (automated or staff) and action',
  labelNames: ['source', 'action'] as const,
  registers: [registry],
});

export function countSignup(decision: string): void {
  signups.labels(decision).inc();
  totals.signups += 1;
}
export function countDoorDecision(surface: string, decision: string): void {
  doorDecisions.labels(surface, decision).inc();
}
export function countReport(reason: string): void {
  reports.labels(reason).inc();
  totals.reports += 1;
}
export function countDecision(source: string, action: string): void {
  decisions.labels(source, action).inc();
  if (source === 'automated') totals.automatedDecisions += 1;
}

const translationTexts = new Counter({
  name: 'atrium_translation_texts_total',
  help: 'Texts asked for translation, by result: hit (from the shared cache) or miss (engine)',
  labelNames: ['result'] as const,
  registers: [registry],
});
const translationHits = translationTexts.labels('hit');
const translationMisses = translationTexts.labels('miss');
const engineDuration = new Histogram({
  name: 'atrium_translation_engine_duration_seconds',
  help: 'Translation engine calls (one batch of texts), by engine and outcome',
  labelNames: ['engine', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export function countTranslationTexts(hits: number, misses: number): void {
  if (hits > 0) translationHits.inc(hits);
  if (misses > 0) translationMisses.inc(misses);
}
export function observeEngineCall(engine: string, ok: boolean, milliseconds: number): void {
  engineDuration.labels(engine, ok ? 'ok' : 'error').observe(milliseconds / 1000);
  totals.engineCalls += 1;
  if (!ok) totals.engineErrors += 1;
}

const taskRuns = new Counter({
  name: 'atrium_task_runs_total',
  help: 'Periodic background task runs, by task and outcome',
  labelNames: ['task', 'outcome'] as const,
  registers: [registry],
});
const taskDuration = new Histogram({
  name: 'atrium_task_duration_seconds',
  help: 'Periodic background task run durations',
  labelNames: ['task'] as const,
  buckets: [0.01, 0.05, 0.25, 1, 5, 30, 120, 600],
  registers: [registry],
});
const taskLastSuccess = new Gauge({
  name: 'atrium_task_last_success_timestamp_seconds',
  help: 'When each periodic task last ran without an error (Unix time)',
  labelNames: ['task'] as const,
  registers: [registry],
});

export function observeTaskRun(task: string, ok: boolean, milliseconds: number): void {
  taskRuns.labels(task, ok ? 'ok' : 'error').inc();
  taskDuration.labels(task).observe(milliseconds / 1000);
  if (ok) taskLastSuccess.labels(task).set(Date.now() / 1000);
}

/** Work waiting to be done (set at scrape time by the ops module). */
export const backlogItems = new Gauge({
  name: 'atrium_backlog_items',
  help: 'Items waiting in a queue of background work',
  labelNames: ['queue'] as const,
  registers: [registry],
});
export const backlogOldestAge = new Gauge({
  name: 'atrium_backlog_oldest_age_seconds',
  help: 'Age of the oldest item waiting in a queue of background work (0 when empty)',
  labelNames: ['queue'] as const,
  registers: [registry],
});
export const reviewQueueDepth = new Gauge({
  name: 'atrium_review_queue_depth',
  help: 'Open moderation cases, by content language and region ("none" when unknown)',
  labelNames: ['lang', 'region'] as const,
  registers: [registry],
});
export const reviewQueueOldestAge = new Gauge({
  name: 'atrium_review_queue_oldest_age_seconds',
  help: 'Age of the oldest open moderation case, by content language and region',
  labelNames: ['lang', 'region'] as const,
  registers: [registry],
});
export const surgeActive = new Gauge({
  name: 'atrium_surge_active',
  help: '1 while surge mode holds the door strict, else 0',
  registers: [registry],
});
export const surgeRate = new Gauge({
  name: 'atrium_surge_signup_rate_per_minute',
  help: 'Sign-up attempts per minute over 5 minutes, as surge mode last evaluated it',
  registers: [registry],
});
