import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { restrictPostingUntil } from '../accounts/accounts.store.js';
import type { RiskCases } from './door-guard.js';
import { type Costume, hasTellingScript } from './fake-foreigner.js';
import {
  contentPoints,
  countLinks,
  createFirstActionMemory,
  FIRST_ACTIONS_REVIEW_SCORE,
  type FirstAction,
  firstActionScore,
  firstActionSignals,
} from './first-actions.js';
import { riskError } from './risk.errors.js';
import { insertDoorEvent } from './risk.store.js';
import * as store from './trust.store.js';
import { computeTrustLevel, nextThreshold, type TrustLevel } from './trust-levels.js';
import {
  limitsFor,
  type TrustLimitName,
  type TrustLimitOverrides,
  type TrustLimits,
} from './trust-limits.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** How long a first-actions review restricts posting: until staff decide (as the door's). */
const REVIEW_RESTRICTION_MS = 7 * DAY;

export interface TrustGuardDeps {
  db: Db;
  log: FastifyBaseLogger;
  /** Limits and first-actions scoring apply (`ATRIUM_TRUST`); levels are computed either way. */
  enabled: boolean;
  /** The active policy's `trust.limits` section. */
  overrides?: () => Promise<TrustLimitOverrides | undefined>;
  /** Surge mode is on (the surge module wires it; false until then). */
  surge?: () => boolean;
  cases: RiskCases;
  /** Posting was restricted here: cached sessions of the account must be read again. */
  onRestricted?: (accountId: string) => void;
}

export interface TrustState {
  level: TrustLevel;
  limits: TrustLimits;
  next: ReturnType<typeof nextThreshold>;
}

/** What a write brings to the check. */
export interface NoteWrite {
  title: string | null;
  body: string;
  images: number;
  mentions: number;
}

/**
 * Trust levels at work: the level and limits of an account, the limit checks before its writes
 * (429 TRUST_LIMIT) and the first-actions scoring of level-0 accounts.
 */
export function createTrustGuard(deps: TrustGuardDeps) {
  const { db } = deps;
  const memory = createFirstActionMemory();
  let failures = 0;
  // sign-up costumes never change: kept per process, oldest dropped first past the bound
  const costumes = new Map<string, Costume | null>();
  const COSTUMES_KEPT = 50_000;

  /**
   * The account's sign-up costume, read only for a text with enough letters of a non-Latin
   * script to be judged (`hasTellingScript`): most notes cost no query.
   */
  async function costumeFor(accountId: string, text: string | undefined) {
    if (!text || !hasTellingScript(text)) return null;
    if (costumes.has(accountId)) return costumes.get(accountId) ?? null;
    const costume = await store.signupCostume(db, accountId);
    costumes.set(accountId, costume);
    if (costumes.size > COSTUMES_KEPT) {
      const oldest = costumes.keys().next().value;
      if (oldest !== undefined) costumes.delete(oldest);
    }
    return costume;
  }

  async function stateOf(accountId: string, now = Date.now()) {
    const row = await store.findTrustRow(db, accountId);
    if (!row) throw riskError('NOT_FOUND', 'No such account');
    const level = computeTrustLevel(row, now);
    if (level !== row.level) await store.saveTrustLevel(db, accountId, level);
    const limits = limitsFor(level, {
      surge: deps.surge?.() ?? false,
      overrides: await deps.overrides?.(),
    });
    return { level, limits, row };
  }

  /** The account's level, its limits and what the next level asks for (GET /api/me/trust). */
  async function trustOf(accountId: string): Promise<TrustState> {
    const { level, limits } = await stateOf(accountId);
    return { level, limits, next: nextThreshold(level) };
  }

  function refuse(limit: TrustLimitName, max: number, level: TrustLevel, resetsAt: Date | null) {
    return riskError('TRUST_LIMIT', `${limit} is ${max} at trust level ${level}`, {
      limit,
      max,
      level,
      resetsAt: resetsAt?.toISOString() ?? null,
    });
  }

  /** Refuses when `used` (this write included) goes over the limit of a window. */
  function within(
    name: TrustLimitName,
    limits: TrustLimits,
    level: TrustLevel,
    used: number,
    window: { oldest: Date | null; ms: number } | null,
  ) {
    const max = limits[name];
    if (max === null || used <= max) return;
    const resetsAt =
      window === null ? null : new Date((window.oldest?.getTime() ?? Date.now()) + window.ms);
    throw refuse(name, max, level, resetsAt);
  }

  /** First-actions scoring of a level-0 write; never fails the write (counted, logged). */
  async function score(
    accountId: string,
    action: FirstAction,
    input: { text?: string; firstNote?: boolean },
  ) {
    try {
      const costume = await costumeFor(accountId, input.text);
      const facts = memory.facts(accountId, action, { ...input, costume });
      const signals = firstActionSignals(facts);
      if (signals.length === 0) return;
      memory.record(accountId, contentPoints(signals));
      const total = firstActionScore(facts, signals);
      const review = total >= FIRST_ACTIONS_REVIEW_SCORE;
      await insertDoorEvent(db, {
        id: uuidv7(),
        kind: 'first_action',
        accountId,
        surface: action,
        decision: review ? 'review' : 'allow',
        score: total,
        reasons: signals,
        ipCountry: null,
        asn: null,
        ipKey: null,
        networkKey: null,
        deviceKey: null,
        phoneRangeKey: null,
        data: {
          perMinute: facts.perMinute,
          repeats: facts.repeats,
          otherAuthors: facts.otherAuthors,
          earlierContent: facts.earlierContent,
          ...(facts.writesLikeEvidence && costume ? { costume } : {}),
        },
      });
      if (review) {
        await restrictPostingUntil(db, accountId, new Date(Date.now() + REVIEW_RESTRICTION_MS));
        await deps.cases.openAccountCase(db, {
          id: accountId,
          region: null,
          priority: Math.round(Math.min(total, 99) / 3),
        });
        deps.onRestricted?.(accountId);
      }
    } catch (error) {
      failures += 1;
      deps.log.warn({ err: error, action }, 'first-actions scoring failed');
    }
  }

  /** Before a note is written: notes per hour, links per note and per day, mentions, images. */
  async function checkNote(accountId: string, note: NoteWrite): Promise<void> {
    if (!deps.enabled) return;
    const now = Date.now();
    const { level, limits, row } = await stateOf(accountId, now);
    const text = note.title ? `${note.title}\n${note.body}` : note.body;
    const links = countLinks(text);
    within('linksPerNote', limits, level, links, null);
    within('mentionsPerNote', limits, level, note.mentions, null);
    if (limits.notesPerHour !== null) {
      const hour = await store.notesSince(db, accountId, new Date(now - HOUR));
      within('notesPerHour', limits, level, hour.count + 1, { oldest: hour.oldest, ms: HOUR });
    }
    if (limits.linksPerDay !== null && links > 0) {
      const texts = await store.noteTextsSince(db, accountId, new Date(now - DAY));
      const withLinks = texts
        .map((row) => ({
          at: row.created_at,
          links: countLinks(`${row.title ?? ''}\n${row.body}`),
        }))
        .filter((row) => row.links > 0);
      const used = withLinks.reduce((sum, row) => sum + row.links, 0) + links;
      const oldest = withLinks.reduce<Date | null>(
        (first, row) => (first === null || row.at < first ? row.at : first),
        null,
      );
      within('linksPerDay', limits, level, used, { oldest, ms: DAY });
    }
    if (limits.imagesPerDay !== null && note.images > 0) {
      const day = await store.imagesSince(db, accountId, new Date(now - DAY));
      within('imagesPerDay', limits, level, day.count + note.images, {
        oldest: day.oldest,
        ms: DAY,
      });
    }
    if (level === 0) await score(accountId, 'post', { text, firstNote: row.notesCount === 0 });
  }

  /** Before a comment: comments on strangers' notes per hour. */
  async function checkComment(accountId: string, noteId: string, body: string): Promise<void> {
    if (!deps.enabled) return;
    const now = Date.now();
    const { level, limits } = await stateOf(accountId, now);
    if (limits.strangerCommentsPerHour !== null) {
      const author = await store.noteAuthor(db, noteId);
      const stranger =
        author !== null && author !== accountId && !(await store.follows(db, accountId, author));
      if (stranger) {
        const hour = await store.strangerCommentsSince(db, accountId, new Date(now - HOUR));
        within('strangerCommentsPerHour', limits, level, hour.count + 1, {
          oldest: hour.oldest,
          ms: HOUR,
        });
      }
    }
    if (level === 0) await score(accountId, 'comment', { text: body });
  }

  /** Before a follow: follows per hour. */
  async function checkFollow(accountId: string): Promise<void> {
    if (!deps.enabled) return;
    const now = Date.now();
    const { level, limits } = await stateOf(accountId, now);
    if (limits.followsPerHour !== null) {
      const hour = await store.followsSince(db, accountId, new Date(now - HOUR));
      within('followsPerHour', limits, level, hour.count + 1, { oldest: hour.oldest, ms: HOUR });
    }
    if (level === 0) await score(accountId, 'follow', {});
  }

  /** Before a report: reports per day. */
  async function checkReport(accountId: string): Promise<void> {
    if (!deps.enabled) return;
    const now = Date.now();
    const { level, limits } = await stateOf(accountId, now);
    if (limits.reportsPerDay !== null) {
      const day = await store.reportsSince(db, accountId, new Date(now - DAY));
      within('reportsPerDay', limits, level, day.count + 1, { oldest: day.oldest, ms: DAY });
    }
    if (level === 0) await score(accountId, 'report', {});
  }

  /** A like has no limit of its own; a level-0 account's likes are scored. */
  async function checkLike(accountId: string): Promise<void> {
    if (!deps.enabled) return;
    const { level } = await stateOf(accountId);
    if (level === 0) await score(accountId, 'like', {});
  }

  return {
    trustOf,
    checkNote,
    checkComment,
    checkFollow,
    checkReport,
    checkLike,
    failures: () => failures,
  };
}

export type TrustGuard = ReturnType<typeof createTrustGuard>;

/** The guard's checks as the writing modules see them (a no-op without trust levels). */
export type TrustChecks = Pick<
  TrustGuard,
  'checkNote' | 'checkComment' | 'checkFollow' | 'checkReport' | 'checkLike'
>;

export const openTrust: TrustChecks = {
  checkNote: async () => {},
  checkComment: async () => {},
  checkFollow: async () => {},
  checkReport: async () => {},
  checkLike: async () => {},
};
