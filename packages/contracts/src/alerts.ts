import { type Static, Type } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';
import { defineRoute } from './route.js';
import { StaffActor } from './staff.js';

// Alerts (docs/operations.md, "Alerts"): rules stored as data, evaluated on one node every few
// seconds over the figures the metrics already compute, delivered to a webhook and to the
// staff dashboard.

/**
 * What a rule looks at. Counts are over the last minute, summed over every node:
 * `signups_per_minute`, `reports_per_minute`, `server_errors_per_minute` (answers 5xx);
 * `server_error_ratio` (5xx / answers, null under 20 answers); `review_queue_depth` (open cases,
 * one figure per content language); `db_query_mean_ms` (mean statement duration);
 * `db_pool_waiting` (statements waiting for a connection, now); `db_pool_wait_mean_ms` (mean wait
 * for a connection); `translation_engine_error_ratio` (failed engine calls / calls, null under 3).
 */
export const alertFigures = [
  'signups_per_minute',
  'reports_per_minute',
  'server_errors_per_minute',
  'server_error_ratio',
  'review_queue_depth',
  'db_query_mean_ms',
  'db_pool_waiting',
  'db_pool_wait_mean_ms',
  'translation_engine_error_ratio',
] as const;
export type AlertFigure = (typeof alertFigures)[number];
export const AlertFigure = Type.Union(alertFigures.map((name) => Type.Literal(name)));

/**
 * `threshold`: the figure is above `threshold`. `rate_of_change`: it rose by more than
 * `threshold` over the last `windowSeconds`. `baseline`: it is at least `floor` and more than
 * `threshold` times its mean at the same hour (UTC) over the previous `baselineDays` days
 * (with no history yet, at least `floor` is enough).
 */
export const alertConditions = ['threshold', 'rate_of_change', 'baseline'] as const;
export type AlertCondition = (typeof alertConditions)[number];
export const AlertCondition = Type.Union(alertConditions.map((name) => Type.Literal(name)));

export const alertSeverities = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];
export const AlertSeverity = Type.Union(alertSeverities.map((name) => Type.Literal(name)));

export const AlertRule = Type.Object({
  id: Type.String(),
  figure: AlertFigure,
  condition: AlertCondition,
  threshold: Type.Number(),
  windowSeconds: Type.Integer(),
  baselineDays: Type.Integer(),
  floor: Type.Number(),
  severity: AlertSeverity,
  /** The runbook to follow (a path in the repository's docs, or a URL). */
  runbook: Type.String(),
  enabled: Type.Boolean(),
  updatedAt: Timestamp,
  updatedBy: StaffActor,
});
export type AlertRule = Static<typeof AlertRule>;

export const AlertRules = Type.Object({ rules: Type.Array(AlertRule) });
export type AlertRules = Static<typeof AlertRules>;

export const alertStates = ['firing', 'resolved'] as const;
export type AlertState = (typeof alertStates)[number];

export const Alert = Type.Object({
  id: Id,
  ruleId: Type.String(),
  figure: AlertFigure,
  /** What the figure is about: a language for `review_queue_depth`, else null. */
  subject: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union(alertStates.map((name) => Type.Literal(name))),
  severity: AlertSeverity,
  runbook: Type.String(),
  /** The figure when last evaluated while firing. */
  value: Type.Number(),
  /** What it was compared with (the threshold, or the baseline times the factor). */
  limit: Type.Number(),
  startedAt: Timestamp,
  resolvedAt: Type.Union([Timestamp, Type.Null()]),
  acknowledgedAt: Type.Union([Timestamp, Type.Null()]),
  acknowledgedBy: StaffActor,
  /** Until when the webhook is not told of it (the console still shows it). */
  silencedUntil: Type.Union([Timestamp, Type.Null()]),
  /** The last webhook delivery: null when none was made (no URL, or silenced). */
  delivery: Type.Union([
    Type.Object({
      ok: Type.Boolean(),
      attempts: Type.Integer(),
      error: Type.Union([Type.String(), Type.Null()]),
      at: Timestamp,
    }),
    Type.Null(),
  ]),
});
export type Alert = Static<typeof Alert>;

export const Alerts = Type.Object({
  /** Firing ones first, then the most recently resolved (at most 50 in all). */
  alerts: Type.Array(Alert),
  /** When the rules were last evaluated (on whichever node holds the evaluation). */
  evaluatedAt: Type.Union([Timestamp, Type.Null()]),
});
export type Alerts = Static<typeof Alerts>;

export const AlertParams = Type.Object({ id: Id });
export const AlertRuleParams = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9_]{1,60}$' }),
});

export const SilenceAlertBody = Type.Object(
  {
    /** How long the webhook is not told of it; 0 lifts a silence. At most a week. */
    minutes: Type.Integer({ minimum: 0, maximum: 10_080 }),
  },
  { additionalProperties: false },
);
export type SilenceAlertBody = Static<typeof SilenceAlertBody>;

export const UpdateAlertRuleBody = Type.Object(
  {
    condition: Type.Optional(AlertCondition),
    threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
    windowSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 86_400 })),
    baselineDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
    floor: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
    severity: Type.Optional(AlertSeverity),
    runbook: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateAlertRuleBody = Static<typeof UpdateAlertRuleBody>;

export const alertRoutes = {
  staffAlerts: defineRoute({
    operationId: 'staffAlerts',
    method: 'GET',
    path: '/api/staff/alerts',
    summary: 'Alerts firing and recently resolved (roles with metrics.read)',
    tags: ['staff'],
    auth: 'required',
    response: { 200: Alerts },
    errors: ['FORBIDDEN'],
  }),
  staffAlertRules: defineRoute({
    operationId: 'staffAlertRules',
    method: 'GET',
    path: '/api/staff/alerts/rules',
    summary: 'The alert rules (roles with metrics.read)',
    tags: ['staff'],
    auth: 'required',
    response: { 200: AlertRules },
    errors: ['FORBIDDEN'],
  }),
  acknowledgeAlert: defineRoute({
    operationId: 'acknowledgeAlert',
    method: 'POST',
    path: '/api/staff/alerts/:id/acknowledge',
    summary: 'Acknowledge a firing alert (roles with metrics.read; audited)',
    tags: ['staff'],
    auth: 'required',
    params: AlertParams,
    response: { 200: Alert },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'ALERT_NOT_FIRING'],
  }),
  silenceAlert: defineRoute({
    operationId: 'silenceAlert',
    method: 'POST',
    path: '/api/staff/alerts/:id/silence',
    summary: 'Silence an alert for some minutes, or lift its silence (metrics.read; audited)',
    tags: ['staff'],
    auth: 'required',
    params: AlertParams,
    body: SilenceAlertBody,
    response: { 200: Alert },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  }),
  updateAlertRule: defineRoute({
    operationId: 'updateAlertRule',
    method: 'PATCH',
    path: '/api/staff/alerts/rules/:id',
    summary: 'Change an alert rule (administrators: alerts.edit; audited)',
    tags: ['staff'],
    auth: 'required',
    params: AlertRuleParams,
    body: UpdateAlertRuleBody,
    response: { 200: AlertRule },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  }),
} as const;
