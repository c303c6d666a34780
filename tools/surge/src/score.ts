import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { genuineCohorts } from './cohorts.js';

// Scores a replay's outcomes against a labels file (SURGE.md): abusive actors that were flagged,
// denied, restricted or suspended are caught (true positives); genuine actors that were challenged
// beyond the invisible proof of work, denied, restricted, suspended or flagged met friction
// (false positives).

export interface Outcome {
  actor: string;
  signup: 'allowed' | 'challenged' | 'denied' | 'failed';
  challenges: string[];
  restricted: boolean;
  suspended: boolean;
  flagged: boolean;
}

export interface CohortScore {
  cohort: string;
  genuine: boolean;
  actors: number;
  /** Abusive cohorts: caught (flagged, denied, restricted or suspended). */
  caught: number;
  /** Genuine cohorts: challenged beyond proof of work. */
  challenged: number;
  denied: number;
  restricted: number;
  flagged: number;
  /** Share caught (abusive) or share with any friction (genuine). */
  rate: number;
}

export interface Score {
  cohorts: CohortScore[];
  /** Over every abusive actor: caught / abusive. */
  recall: number;
  /** caught abusive / (caught abusive + genuine with friction). */
  precision: number;
  /** Genuine actors challenged beyond proof of work, denied. */
  genuineChallenged: number;
  genuineDenied: number;
  /** Outcome lines whose actor has no label (ignored). */
  unlabelled: number;
}

const caught = (outcome: Outcome) =>
  outcome.flagged || outcome.signup === 'denied' || outcome.restricted || outcome.suspended;
const strongChallenge = (outcome: Outcome) => outcome.challenges.some((kind) => kind !== 'pow');
const friction = (outcome: Outcome) => caught(outcome) || strongChallenge(outcome);

/** Scores outcomes (any iterable, so a file streams) against labels. */
export async function scoreOutcomes(
  outcomes: AsyncIterable<Outcome> | Iterable<Outcome>,
  labels: Record<string, string>,
  genuine: readonly string[] = genuineCohorts,
): Promise<Score> {
  const byCohort = new Map<string, CohortScore>();
  let unlabelled = 0;
  for await (const outcome of outcomes) {
    const cohort = labels[outcome.actor];
    if (cohort === undefined) {
      unlabelled += 1;
      continue;
    }
    let entry = byCohort.get(cohort);
    if (!entry) {
      entry = {
        cohort,
        genuine: genuine.includes(cohort),
        actors: 0,
        caught: 0,
        challenged: 0,
        denied: 0,
        restricted: 0,
        flagged: 0,
        rate: 0,
      };
      byCohort.set(cohort, entry);
    }
    entry.actors += 1;
    if (entry.genuine ? friction(outcome) : caught(outcome)) entry.caught += 1;
    if (strongChallenge(outcome)) entry.challenged += 1;
    if (outcome.signup === 'denied') entry.denied += 1;
    if (outcome.restricted || outcome.suspended) entry.restricted += 1;
    if (outcome.flagged) entry.flagged += 1;
  }
  const cohorts = [...byCohort.values()].sort(
    (a, b) => Number(b.genuine) - Number(a.genuine) || a.cohort.localeCompare(b.cohort),
  );
  for (const entry of cohorts) entry.rate = entry.actors ? entry.caught / entry.actors : 0;
  const sum = (list: CohortScore[], pick: (entry: CohortScore) => number) =>
    list.reduce((total, entry) => total + pick(entry), 0);
  const abusive = cohorts.filter((entry) => !entry.genuine);
  const genuineEntries = cohorts.filter((entry) => entry.genuine);
  const truePositives = sum(abusive, (entry) => entry.caught);
  const falsePositives = sum(genuineEntries, (entry) => entry.caught);
  const genuineActors = sum(genuineEntries, (entry) => entry.actors);
  const abusiveActors = sum(abusive, (entry) => entry.actors);
  return {
    cohorts,
    recall: abusiveActors ? truePositives / abusiveActors : 0,
    precision:
      truePositives + falsePositives ? truePositives / (truePositives + falsePositives) : 0,
    genuineChallenged: genuineActors ? sum(genuineEntries, (e) => e.challenged) / genuineActors : 0,
    genuineDenied: genuineActors ? sum(genuineEntries, (e) => e.denied) / genuineActors : 0,
    unlabelled,
  };
}

/** Reads `outcomes.jsonl` line by line. */
export async function* readOutcomes(file: string): AsyncIterable<Outcome> {
  const lines = createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as Outcome;
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

/** The throughput part of `summary.json` that scoring reads (extras optional). */
export interface ReplaySummary {
  signupsPerSecond?: number;
  phoneSignupsPerSecond?: number;
  phoneSignupsCompleted?: number;
  wallSeconds?: number;
  status?: Record<string, number>;
  latency?: Record<string, { p50: number; p99: number }>;
  latencyAll?: { p50: number; p99: number };
}

export interface TargetCheck {
  name: string;
  value: number;
  /** The bound, in the unit of value (shares as fractions). */
  target: number;
  /** `min`: value must reach target; `max`: value must not exceed it. */
  kind: 'min' | 'max';
  met: boolean;
}

/** The targets (docs/surge.md, "Scoring"): detection always, throughput with a summary. */
export const TARGETS = {
  recall: 0.95,
  precision: 0.95,
  genuineChallenged: 0.02,
  genuineDenied: 0.001,
  phoneSignupsPerSecond: 1000,
  p99Ms: 100,
  fiveHundreds: 0,
} as const;

export function fiveHundredsOf(summary: ReplaySummary): number {
  return Object.entries(summary.status ?? {})
    .filter(([code]) => code.startsWith('5'))
    .reduce((total, [, count]) => total + count, 0);
}

/** Each target with the run's value and whether it is met. */
export function checkTargets(score: Score, summary?: ReplaySummary): TargetCheck[] {
  const check = (name: string, value: number, target: number, kind: 'min' | 'max') => ({
    name,
    value,
    target,
    kind,
    met: kind === 'min' ? value >= target : value <= target,
  });
  const checks: TargetCheck[] = [
    check('abusive caught (recall)', score.recall, TARGETS.recall, 'min'),
    check('precision', score.precision, TARGETS.precision, 'min'),
    check(
      'genuine challenged beyond proof of work',
      score.genuineChallenged,
      TARGETS.genuineChallenged,
      'max',
    ),
    check('genuine denied', score.genuineDenied, TARGETS.genuineDenied, 'max'),
  ];
  if (summary) {
    checks.push(
      check(
        'phone sign-ups per second',
        summary.phoneSignupsPerSecond ?? summary.signupsPerSecond ?? 0,
        TARGETS.phoneSignupsPerSecond,
        'min',
      ),
    );
    if (summary.latencyAll)
      checks.push(check('p99 per request (ms)', summary.latencyAll.p99, TARGETS.p99Ms, 'max'));
    checks.push(check('5xx answers', fiveHundredsOf(summary), TARGETS.fiveHundreds, 'max'));
  }
  return checks;
}

const shown = (check: TargetCheck) =>
  check.name.includes('per second') || check.name.includes('ms') || check.name.includes('5xx')
    ? String(check.value)
    : percent(check.value);

/** The score as a table, with the throughput figures of `summary.json` when given. */
export function formatScore(score: Score, summary?: ReplaySummary): string {
  const rows = [
    [
      'cohort',
      'kind',
      'actors',
      'caught/friction',
      'rate',
      'challenged',
      'denied',
      'restricted',
      'flagged',
    ],
    ...score.cohorts.map((entry) => [
      entry.cohort,
      entry.genuine ? 'genuine' : 'abusive',
      String(entry.actors),
      String(entry.caught),
      percent(entry.rate),
      String(entry.challenged),
      String(entry.denied),
      String(entry.restricted),
      String(entry.flagged),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '),
  );
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  lines.push(
    '',
    `abusive caught (recall): ${percent(score.recall)}   precision: ${percent(score.precision)}`,
    `genuine challenged beyond proof of work: ${percent(score.genuineChallenged)}   denied: ${percent(score.genuineDenied)}`,
  );
  if (score.unlabelled) lines.push(`outcomes without a label (ignored): ${score.unlabelled}`);
  if (summary) {
    lines.push(
      `sign-ups per second: ${summary.signupsPerSecond ?? 0}   wall: ${summary.wallSeconds ?? 0} s   5xx: ${fiveHundredsOf(summary)}`,
    );
    if (summary.phoneSignupsPerSecond !== undefined)
      lines.push(
        `phone sign-ups: ${summary.phoneSignupsCompleted ?? 0} completed, ${summary.phoneSignupsPerSecond} per second`,
      );
    if (summary.latencyAll)
      lines.push(
        `  ${'all requests'.padEnd(14)} p50 ${summary.latencyAll.p50} ms   p99 ${summary.latencyAll.p99} ms`,
      );
    for (const [type, latency] of Object.entries(summary.latency ?? {})) {
      lines.push(`  ${type.padEnd(14)} p50 ${latency.p50} ms   p99 ${latency.p99} ms`);
    }
  }
  lines.push('', 'targets:');
  for (const check of checkTargets(score, summary)) {
    const bound = check.kind === 'min' ? '≥' : '≤';
    const target = shown({ ...check, value: check.target });
    lines.push(
      `  ${check.met ? 'met    ' : 'NOT MET'}  ${check.name}: ${shown(check)} (${bound} ${target})`,
    );
  }
  return lines.join('\n');
}
