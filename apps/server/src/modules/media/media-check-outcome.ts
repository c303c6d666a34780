import { ACTIONS, type Action } from '@atrium/safety';
import type {
  MediaCheckOutcome,
  MediaCheckState,
  MediaEvidenceItem,
  MediaRow,
  RegionActions,
  VisibleAction,
} from '../../db/schema.js';
import type { VisibleState } from '../screening/content-check.js';
import type { MediaFinding } from './media-check.js';

// How the findings of the media checks become one outcome per image, and the outcomes of a
// note's images one effect on the note (docs/media.md). Pure: the runner and moderation use it.

/** A checker that could not look at the image. */
export interface MediaCheckFailure {
  checker: string;
  reason: 'threw' | 'timeout' | 'unreadable' | 'attempts';
}

/** The category recorded for a check that could not be made (human review). */
export const CHECK_FAILED_CATEGORY = 'media.check_failed';

const rank = (action: Action) => ACTIONS.indexOf(action);
const stricter = (a: Action, b: Action): Action => (rank(a) >= rank(b) ? a : b);

/** The outcome of an image with nothing found: what uploads before the checks count as. */
export const PASSED_OUTCOME: MediaCheckOutcome = {
  action: 'allow',
  regionActions: null,
  categories: [],
  labels: [],
  failures: [],
};

/**
 * Per-country actions of one finding or outcome, with region groups (`EU`) expanded to their
 * countries; keys that are neither countries nor known groups are kept as they are.
 */
function countriesOf(
  regionActions: Record<string, Action> | null | undefined,
  regionGroups: Record<string, readonly string[]>,
): Map<string, Action> {
  const result = new Map<string, Action>();
  for (const [key, action] of Object.entries(regionActions ?? {})) {
    for (const country of regionGroups[key] ?? [key]) {
      result.set(country, stricter(result.get(country) ?? 'allow', action));
    }
  }
  return result;
}

/** What several findings or outcomes amount to: the strictest action everywhere and per country. */
function strictest(
  items: ReadonlyArray<{ action: Action; regionActions?: Record<string, Action> | null }>,
  regionGroups: Record<string, readonly string[]>,
): { action: Action; regionActions: Record<string, Action> | null } {
  const action = items.reduce<Action>((worst, item) => stricter(worst, item.action), 'allow');
  const regional = new Map<string, Action>();
  for (const item of items) {
    for (const [country, regionAction] of countriesOf(item.regionActions, regionGroups)) {
      regional.set(country, stricter(regional.get(country) ?? 'allow', regionAction));
    }
  }
  const regionActions: Record<string, Action> = {};
  for (const country of [...regional.keys()].sort()) {
    const value = regional.get(country)!;
    if (rank(value) > rank(action)) regionActions[country] = value;
  }
  return { action, regionActions: Object.keys(regionActions).length > 0 ? regionActions : null };
}

/** Whether a finding asks for anything anywhere. */
export function restricts(finding: { action: Action; regionActions?: Record<string, Action> }) {
  return (
    finding.action !== 'allow' ||
    Object.values(finding.regionActions ?? {}).some((action) => action !== 'allow')
  );
}

/**
 * One image's outcome from its findings: the strictest action wins, per-country actions kept; a
 * checker that could not look sends the image to review (never published unchecked).
 */
export function combineFindings(
  findings: readonly MediaFinding[],
  failures: readonly MediaCheckFailure[],
  regionGroups: Record<string, readonly string[]> = {},
): { state: Exclude<MediaCheckState, 'pending'>; outcome: MediaCheckOutcome } {
  const restricting = findings.filter(restricts);
  const combined = strictest(
    [...restricting, ...failures.map(() => ({ action: 'review' as Action }))],
    regionGroups,
  );
  const byStrictness = [...restricting].sort((a, b) => rank(b.action) - rank(a.action));
  const outcome: MediaCheckOutcome = {
    ...combined,
    categories: [
      ...new Set([
        ...(failures.length > 0 ? [CHECK_FAILED_CATEGORY] : []),
        ...byStrictness.map((finding) => finding.category),
      ]),
    ],
    labels: [
      ...new Set(
        restricting
          .filter((finding) => finding.action === 'label')
          .map((finding) =>
            typeof finding.detail.label === 'string' ? finding.detail.label : finding.category,
          ),
      ),
    ],
    failures: failures.map(({ checker, reason }) => ({ checker, reason })),
  };
  const state = failures.length > 0 ? 'failed' : restricting.length > 0 ? 'flagged' : 'passed';
  return { state, outcome };
}

/** What the outcomes of a note's images do to it. */
export type NoteMediaEffect =
  | { kind: 'pass' }
  | { kind: 'restrict'; state: VisibleState }
  | { kind: 'review'; category: string }
  | { kind: 'block'; category: string };

/** What a region may see of published content: review and block there mean withheld there. */
function visibleAction(action: Action): VisibleAction {
  return action === 'review' || action === 'block' ? 'withhold' : action;
}

/** The effect of a note's images' outcomes together (one image blocked blocks the note). */
export function noteEffect(
  outcomes: readonly MediaCheckOutcome[],
  regionGroups: Record<string, readonly string[]> = {},
): NoteMediaEffect {
  const combined = strictest(outcomes, regionGroups);
  const category =
    outcomes
      .filter((outcome) => outcome.action === combined.action)
      .flatMap((outcome) => outcome.categories)[0] ?? 'other';
  if (combined.action === 'block') return { kind: 'block', category };
  if (combined.action === 'review') return { kind: 'review', category };
  const global = visibleAction(combined.action);
  const regionActions: RegionActions = {};
  for (const [country, action] of Object.entries(combined.regionActions ?? {})) {
    const visible = visibleAction(action);
    if (visible !== global) regionActions[country] = visible;
  }
  const labels = [...new Set(outcomes.flatMap((outcome) => outcome.labels))];
  if (global === 'allow' && Object.keys(regionActions).length === 0 && labels.length === 0)
    return { kind: 'pass' };
  return {
    kind: 'restrict',
    state: {
      moderation_action: global,
      region_actions: Object.keys(regionActions).length > 0 ? regionActions : null,
      labels,
    },
  };
}

/** The combined check state of a note's images. */
export function noteCheckState(rows: readonly Pick<MediaRow, 'check_state'>[]): MediaCheckState {
  const states = rows.map((row) => row.check_state);
  if (states.includes('pending')) return 'pending';
  if (states.includes('failed')) return 'failed';
  if (states.includes('flagged')) return 'flagged';
  return 'passed';
}

/** What moderators see of an image's checks: its restricting findings and its failures. */
export function evidenceOf(row: MediaRow): MediaEvidenceItem[] {
  const base = { mediaId: row.id, key: row.variants.detail };
  return [
    ...(row.check_outcome?.failures ?? []).map(
      (failure): MediaEvidenceItem => ({
        ...base,
        checker: failure.checker,
        category: CHECK_FAILED_CATEGORY,
        action: 'review',
        score: 0,
        detail: { reason: failure.reason },
      }),
    ),
    ...row.check_findings.filter(restricts).map(
      (finding): MediaEvidenceItem => ({
        ...base,
        checker: finding.checker,
        category: finding.category,
        ...(finding.ruleId ? { ruleId: finding.ruleId } : {}),
        action: finding.action,
        ...(finding.regionActions ? { regionActions: finding.regionActions } : {}),
        score: finding.score,
        ...(finding.box ? { box: finding.box } : {}),
        ...(finding.atSecond !== undefined ? { atSecond: finding.atSecond } : {}),
        detail: finding.detail,
      }),
    ),
  ];
}
