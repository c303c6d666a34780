import { hostname } from 'node:os';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricsSample, StaffMetrics, SurgeState } from '@atrium/contracts';
import type { Database } from '../../db/database.js';
import type { Viewer } from '../../http/viewer.js';
import {
  backlogItems,
  backlogOldestAge,
  dbPoolConnections,
  LATENCY_BOUNDS,
  registry,
  reviewQueueDepth,
  reviewQueueOldestAge,
  startDefaultMetrics,
  surgeActive,
  surgeRate,
  totals,
} from '../../lib/metrics.js';
import { type MetricsReader, mayReadDashboard } from './metrics.policy.js';
import { opsError } from './ops.errors.js';
import * as store from './ops.store.js';

/** How often the dashboard's samples are taken, and how many are kept (one hour). */
export const SAMPLE_EVERY_MS = 10_000;
export const SAMPLES_KEPT = 360;
/** Database figures are read at most this often, however often Prometheus scrapes. */
export const DB_FIGURES_TTL_MS = 5_000;

export interface MetricsServiceDeps {
  database: Database;
  surge: { state(): SurgeState };
  staffMember: (accountId: string) => Promise<MetricsReader | null>;
  now?: () => number;
}

interface DbFigures {
  queueDepth: number;
  oldestCase: Date | null;
  /** Open cases per content language (regions summed). */
  byLang: Map<string, number>;
}

/** How far back `recentCounts` looks: alert figures are counts over the last minute. */
export const RECENT_WINDOW_MS = 60_000;

/** This node's counts over the last minute (alerts sum them over every node). */
export interface RecentCounts {
  seconds: number;
  requests: number;
  serverErrors: number;
  queries: number;
  queryMs: number;
  poolWaits: number;
  poolWaitMs: number;
  signups: number;
  reports: number;
  engineCalls: number;
  engineErrors: number;
  /** Statements waiting for a connection right now (0 on the embedded database). */
  poolWaiting: number;
}

type Totals = Omit<typeof totals, 'latency'> & { latency: number[] };

const snapshotTotals = (): Totals => ({ ...totals, latency: [...totals.latency] });

/** The bound of the bucket holding the 95th percentile of the interval's requests (in ms). */
function p95Of(before: number[], after: number[]): number | null {
  const counts = after.map((count, index) => count - (before[index] ?? 0));
  const all = counts.reduce((sum, count) => sum + count, 0);
  if (all === 0) return null;
  let seen = 0;
  for (const [index, count] of counts.entries()) {
    seen += count;
    if (seen >= all * 0.95) {
      const bound = LATENCY_BOUNDS[index];
      // beyond the last bound: said as the last bound (a floor, not a figure)
      return (bound ?? LATENCY_BOUNDS[LATENCY_BOUNDS.length - 1]!) * 1000;
    }
  }
  return null;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const MB = 1024 * 1024;

/**
 * The Prometheus exposition (`GET /metrics`) and the staff dashboard's samples. Counters are
 * kept by the modules (lib/metrics.ts); the figures that need the database — review queues,
 * backlogs — are read here when scraped or sampled, at most every `DB_FIGURES_TTL_MS`.
 */
export function createMetricsService(deps: MetricsServiceDeps) {
  const now = deps.now ?? Date.now;
  const db = deps.database.db;
  const node = `${hostname()}/${process.pid}`;
  startDefaultMetrics();

  let figures: { at: number; read: Promise<DbFigures> } | null = null;

  async function readFigures(): Promise<DbFigures> {
    const [queues, waiting] = await Promise.all([store.reviewQueue(db), store.backlogs(db)]);
    const at = now();
    const age = (oldest: Date | null) =>
      oldest ? Math.max(0, (at - new Date(oldest).getTime()) / 1000) : 0;
    // groups that emptied since the last scrape must not keep their last figure
    reviewQueueDepth.reset();
    reviewQueueOldestAge.reset();
    let queueDepth = 0;
    let oldestCase: Date | null = null;
    const byLang = new Map<string, number>();
    for (const group of queues) {
      byLang.set(group.lang, (byLang.get(group.lang) ?? 0) + group.depth);
      reviewQueueDepth.labels(group.lang, group.region).set(group.depth);
      reviewQueueOldestAge.labels(group.lang, group.region).set(age(group.oldest));
      queueDepth += group.depth;
      const opened = new Date(group.oldest);
      if (!oldestCase || opened < oldestCase) oldestCase = opened;
    }
    for (const backlog of waiting) {
      backlogItems.labels(backlog.queue).set(backlog.items);
      backlogOldestAge.labels(backlog.queue).set(age(backlog.oldest));
    }
    return { queueDepth, oldestCase, byLang };
  }

  /**
   * The database figures, read again once they are older than the TTL (one read at a time), or
   * at once when `fresh`: a dashboard sample (one per SAMPLE_EVERY_MS, longer than the TTL) must
   * not carry a scrape's older figures.
   */
  function dbFigures(fresh = false): Promise<DbFigures> {
    const at = now();
    if (!figures || fresh || at - figures.at >= DB_FIGURES_TTL_MS) {
      const read = readFigures();
      figures = { at, read };
      // a failed read is not kept: the next scrape tries again
      read.catch(() => {
        if (figures?.read === read) figures = null;
      });
    }
    return figures.read;
  }

  function setInstantFigures(): void {
    const surge = deps.surge.state();
    surgeActive.set(surge.active ? 1 : 0);
    surgeRate.set(surge.rate);
    const pool = deps.database.poolState?.();
    if (pool) {
      dbPoolConnections.labels('total').set(pool.total);
      dbPoolConnections.labels('idle').set(pool.idle);
      dbPoolConnections.labels('waiting').set(pool.waiting);
    }
  }

  /** The Prometheus text exposition. */
  async function exposition(): Promise<{ contentType: string; body: string }> {
    await dbFigures();
    setInstantFigures();
    return { contentType: registry.contentType, body: await registry.metrics() };
  }

  // The dashboard's ring of samples, and the event-loop delay over each interval.
  const samples: MetricsSample[] = [];
  let delay: IntervalHistogram | null = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  let previous = { at: now(), totals: snapshotTotals() };

  /** Takes one sample: rates since the previous one (the timer calls it; tests may too). */
  async function sample(): Promise<MetricsSample> {
    const { queueDepth, oldestCase } = await dbFigures(true);
    const at = now();
    const current = snapshotTotals();
    const before = previous.totals;
    const seconds = Math.max((at - previous.at) / 1000, 0.001);
    const perSecond = (key: Exclude<keyof Totals, 'latency'>) =>
      round((current[key] - before[key]) / seconds);
    const perMinute = (key: Exclude<keyof Totals, 'latency'>) =>
      round(((current[key] - before[key]) * 60) / seconds);
    const queries = current.queries - before.queries;
    const memory = process.memoryUsage();
    const taken: MetricsSample = {
      at: new Date(at).toISOString(),
      requestsPerSecond: perSecond('requests'),
      errorsPerSecond: perSecond('serverErrors'),
      p95Ms: p95Of(before.latency, current.latency),
      eventLoopP99Ms: delay ? round(delay.percentile(99) / 1e6) : 0,
      heapUsedMb: round(memory.heapUsed / MB, 1),
      rssMb: round(memory.rss / MB, 1),
      dbQueriesPerSecond: perSecond('queries'),
      dbQueryMeanMs: queries > 0 ? round((current.queryMs - before.queryMs) / queries) : null,
      signupsPerMinute: perMinute('signups'),
      reportsPerMinute: perMinute('reports'),
      automatedDecisionsPerMinute: perMinute('automatedDecisions'),
      reviewQueueDepth: queueDepth,
      oldestCaseSeconds: oldestCase ? round((at - oldestCase.getTime()) / 1000, 0) : null,
      surgeActive: deps.surge.state().active,
    };
    delay?.reset();
    previous = { at, totals: current };
    samples.push(taken);
    if (samples.length > SAMPLES_KEPT) samples.splice(0, samples.length - SAMPLES_KEPT);
    return taken;
  }

  /** The staff dashboard's data: this node's samples and the surge state. */
  async function dashboard(viewer: Viewer): Promise<StaffMetrics> {
    const denial = mayReadDashboard(await deps.staffMember(viewer.accountId));
    if (denial) throw opsError(denial.code, denial.reason);
    return {
      node,
      intervalSeconds: SAMPLE_EVERY_MS / 1000,
      samples: [...samples],
      surge: deps.surge.state(),
    };
  }

  // Snapshots of the running totals for `recentCounts`: one per call, a little over a minute.
  const recent: { at: number; totals: Totals }[] = [{ at: now(), totals: snapshotTotals() }];

  /**
   * This node's counts over the last minute: the running totals now less those of a minute ago
   * (or at the first call, for a node younger than that; the rates then read low, never high).
   */
  function recentCounts(): RecentCounts {
    const at = now();
    const current = snapshotTotals();
    recent.push({ at, totals: current });
    while (recent.length > 1 && recent[1]!.at <= at - RECENT_WINDOW_MS) recent.shift();
    const base = recent[0]!.totals;
    const diff = (key: Exclude<keyof Totals, 'latency'>) => current[key] - base[key];
    return {
      seconds: RECENT_WINDOW_MS / 1000,
      requests: diff('requests'),
      serverErrors: diff('serverErrors'),
      queries: diff('queries'),
      queryMs: round(diff('queryMs')),
      poolWaits: diff('poolWaits'),
      poolWaitMs: round(diff('poolWaitMs')),
      signups: diff('signups'),
      reports: diff('reports'),
      engineCalls: diff('engineCalls'),
      engineErrors: diff('engineErrors'),
      poolWaiting: deps.database.poolState?.().waiting ?? 0,
    };
  }

  /** Open cases per content language, read afresh (the alerts' review-backlog figure). */
  async function queuesByLang(): Promise<Map<string, number>> {
    return (await dbFigures(true)).byLang;
  }

  let timer: NodeJS.Timeout | null = null;
  /** Samples every `SAMPLE_EVERY_MS` until `stop()` (a running server; tests call `sample`). */
  function start(onError: (error: unknown) => void): void {
    if (timer) return;
    timer = setInterval(() => void sample().catch(onError), SAMPLE_EVERY_MS);
    timer.unref();
  }
  function stop(): void {
    if (timer) clearInterval(timer);
    timer = null;
    delay?.disable();
    delay = null;
  }

  return { exposition, sample, dashboard, recentCounts, queuesByLang, start, stop };
}

export type MetricsService = ReturnType<typeof createMetricsService>;
