import type { AlertFigure } from '@atrium/contracts';

// The figures rules look at, from the counts every node writes (its last minute) and the review
// queues read from the database. Pure: the service reads, this adds up.

/** What each node writes every tick (the metrics' running totals over its last minute). */
export interface NodeCounts {
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
  poolWaiting: number;
}

const KEYS: (keyof NodeCounts)[] = [
  'requests',
  'serverErrors',
  'queries',
  'queryMs',
  'poolWaits',
  'poolWaitMs',
  'signups',
  'reports',
  'engineCalls',
  'engineErrors',
  'poolWaiting',
];

/** Below these counts a ratio says nothing (one failed call of one is not an outage). */
export const MIN_ANSWERS_FOR_RATIO = 20;
export const MIN_ENGINE_CALLS_FOR_RATIO = 3;

/** Each figure's value per subject ('' for the whole platform, a language for queues). */
export type FigureValues = Map<AlertFigure, Map<string, number | null>>;

const round = (value: number) => Number(value.toFixed(4));

export function figureValues(
  nodes: Partial<Record<string, number>>[],
  queuesByLang: Map<string, number>,
): FigureValues {
  const sum = Object.fromEntries(KEYS.map((key) => [key, 0])) as Record<keyof NodeCounts, number>;
  let minutes = 0;
  for (const node of nodes) {
    for (const key of KEYS) sum[key] += Number(node[key] ?? 0) || 0;
    minutes = Math.max(minutes, (Number(node.seconds) || 60) / 60);
  }
  minutes ||= 1;
  const whole = (value: number | null) => new Map([['', value === null ? null : round(value)]]);
  const values: FigureValues = new Map();
  values.set('signups_per_minute', whole(sum.signups / minutes));
  values.set('reports_per_minute', whole(sum.reports / minutes));
  values.set('server_errors_per_minute', whole(sum.serverErrors / minutes));
  values.set(
    'server_error_ratio',
    whole(sum.requests >= MIN_ANSWERS_FOR_RATIO ? sum.serverErrors / sum.requests : null),
  );
  values.set('db_query_mean_ms', whole(sum.queries > 0 ? sum.queryMs / sum.queries : null));
  values.set('db_pool_waiting', whole(sum.poolWaiting));
  values.set(
    'db_pool_wait_mean_ms',
    whole(sum.poolWaits > 0 ? sum.poolWaitMs / sum.poolWaits : null),
  );
  values.set(
    'translation_engine_error_ratio',
    whole(
      sum.engineCalls >= MIN_ENGINE_CALLS_FOR_RATIO ? sum.engineErrors / sum.engineCalls : null,
    ),
  );
  values.set('review_queue_depth', new Map(queuesByLang));
  return values;
}

export interface RuleCondition {
  condition: 'threshold' | 'rate_of_change' | 'baseline';
  threshold: number;
  floor: number;
}

/**
 * Whether a rule fires for a value, and the limit it was compared with; null when it cannot say
 * (no value, or no history for a rate of change). `past` is the value `windowSeconds` ago,
 * `base` the same hour's mean over the previous days.
 */
export function decide(
  rule: RuleCondition,
  value: number | null,
  history: { past: number | null; base: number | null },
): { firing: boolean; limit: number } | null {
  if (value === null) return null;
  if (rule.condition === 'threshold') {
    return { firing: value > rule.threshold, limit: rule.threshold };
  }
  if (rule.condition === 'rate_of_change') {
    if (history.past === null) return null;
    const limit = round(history.past + rule.threshold);
    return { firing: value > limit, limit };
  }
  // baseline: without history the floor alone (a floor of 0 then never fires)
  if (history.base === null) {
    if (rule.floor <= 0) return null;
    return { firing: value >= rule.floor, limit: rule.floor };
  }
  const limit = round(Math.max(rule.floor, history.base * rule.threshold));
  return { firing: value > 0 && value >= limit, limit };
}
