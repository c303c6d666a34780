import { type Static, Type } from '@sinclair/typebox';
import { Timestamp } from './common.js';
import { SurgeState } from './risk-console.js';
import { defineRoute } from './route.js';

// Operations: the Prometheus endpoint and the staff dashboard (docs/operations.md, "Metrics").

const NumberOrNull = Type.Union([Type.Number(), Type.Null()]);

/** One sample of a node's main figures; rates are over the interval since the previous one. */
export const MetricsSample = Type.Object({
  at: Timestamp,
  requestsPerSecond: Type.Number(),
  /** Answers with a server error (5xx) per second. */
  errorsPerSecond: Type.Number(),
  /** 95th percentile of request durations in the interval (bucket bound); null: no request. */
  p95Ms: NumberOrNull,
  /** Event-loop delay, 99th percentile over the interval. */
  eventLoopP99Ms: Type.Number(),
  heapUsedMb: Type.Number(),
  rssMb: Type.Number(),
  dbQueriesPerSecond: Type.Number(),
  /** Mean statement duration in the interval; null: no statement. */
  dbQueryMeanMs: NumberOrNull,
  signupsPerMinute: Type.Number(),
  reportsPerMinute: Type.Number(),
  automatedDecisionsPerMinute: Type.Number(),
  /** Open moderation cases (every language and region). */
  reviewQueueDepth: Type.Integer(),
  /** Age of the oldest open case; null: none open. */
  oldestCaseSeconds: NumberOrNull,
  surgeActive: Type.Boolean(),
});
export type MetricsSample = Static<typeof MetricsSample>;

export const StaffMetrics = Type.Object({
  /** The node that answered (host name and process id): samples are per node for now. */
  node: Type.String(),
  intervalSeconds: Type.Integer(),
  /** Oldest first, at most an hour of them. */
  samples: Type.Array(MetricsSample),
  surge: SurgeState,
});
export type StaffMetrics = Static<typeof StaffMetrics>;

export const opsRoutes = {
  metrics: defineRoute({
    operationId: 'metrics',
    method: 'GET',
    path: '/metrics',
    summary:
      'Prometheus metrics (text format): a bearer METRICS_TOKEN, or this machine only without one',
    tags: ['ops'],
    auth: 'none',
    response: { 200: Type.String({ description: 'Prometheus text exposition format 0.0.4' }) },
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
  }),
  staffMetrics: defineRoute({
    operationId: 'staffMetrics',
    method: 'GET',
    path: '/api/staff/metrics',
    summary: "This node's main figures over the last hour, every 10 s (staff with metrics.read)",
    tags: ['staff'],
    auth: 'required',
    response: { 200: StaffMetrics },
    errors: ['FORBIDDEN'],
  }),
} as const;
