import { createHmac } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { DbHandle } from '../../db/database.js';
import { createGroupWriter } from '../../lib/group-writer.js';
import { countDoorDecision } from '../../lib/metrics.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { AsnInfo } from './asn-table.js';
import {
  decide,
  failOpenVerdict,
  NORMAL_CONTEXT,
  type RiskContext,
  type Verdict,
} from './decision.js';
import {
  type Attempt,
  type AttemptFacts,
  createDoorCounters,
  gatherSignals,
} from './door-signals.js';
import {
  type DoorEventRow,
  doorEventOfNewAccount,
  insertDoorEvent,
  insertDoorEvents,
} from './risk.store.js';
import { asksStepUp } from './step-up-rule.js';

/** Added to the priority of review cases opened during a surge (docs/risk.md). */
export const SURGE_PRIORITY = 100;

/** Opens a review case for an account the door let in restricted (moderation fills it). */
export interface RiskCases {
  openAccountCase(
    handle: DbHandle,
    account: { id: string; region: string | null; priority: number },
  ): Promise<void>;
}

export interface DoorGuardDeps {
  secret: string;
  log: FastifyBaseLogger;
  /** The ASN table; awaited at most `asnWaitMs` (it loads once, in the background, at start). */
  asn: Promise<{ lookup(ip: string): AsnInfo | null }>;
  cases: RiskCases;
  /** The surge factor in force and the attempt's trust level (normal when not wired). */
  context?: (attempt: ScoredAttempt) => RiskContext;
  /** Whether surge mode is on: review cases opened meanwhile go first in the queue. */
  surgeActive?: () => boolean;
  asnWaitMs?: number;
  /** Keys kept per velocity dimension (see velocity.ts). */
  maxKeys?: number;
}

/** An attempt with the trust level of the account it proved to be (login, after the secret). */
export type ScoredAttempt = Attempt & { trustLevel?: number | null };

interface Evidence {
  facts: AttemptFacts;
  failed: boolean;
}

export type DoorGuardVerdict = Verdict & { evidence: Evidence | null; stepUp?: boolean };

/** What recording reads of a verdict. */
interface RecordedVerdict {
  decision: Verdict['decision'];
  score: number;
  reasons: { code: string; points: number }[];
  difficulty: number;
  evidence: unknown;
}

/**
 * The door's scoring, behind the accounts module's `DoorGuard` port: gathers the signals of an
 * attempt, decides, and records the decision as a risk event with keyed hashes only.
 */
export function createDoorGuard(deps: DoorGuardDeps) {
  const counters = createDoorCounters(deps.maxKeys);
  // Events recorded outside a transaction (code requests, refusals) are written in groups: under
  // load, one statement for many requests, each answered only once its event is committed.
  const writers = new WeakMap<DbHandle, { write(row: DoorEventRow): Promise<void> }>();
  const insertEvent = (handle: DbHandle, row: DoorEventRow) => {
    if (handle.isTransaction) return insertDoorEvent(handle, row);
    let writer = writers.get(handle);
    if (!writer) {
      writer = createGroupWriter((rows: DoorEventRow[]) => insertDoorEvents(handle, rows));
      writers.set(handle, writer);
    }
    return writer.write(row);
  };
  let failures = 0;
  const keyOf = (kind: string, value: string | null) =>
    value === null
      ? null
      : createHmac('sha256', deps.secret)
          .update(`risk:${kind}:${value}`)
          .digest('base64url')
          .slice(0, 22);

  async function tableWithin(ms: number) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ASN data not ready in time')), ms);
    });
    try {
      return await Promise.race([deps.asn, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function assess(attempt: Attempt): Promise<DoorGuardVerdict> {
    try {
      const table = await tableWithin(deps.asnWaitMs ?? 2_000);
      const { signals, facts } = gatherSignals(attempt, counters, (ip) => table.lookup(ip));
      const verdict = decide(signals, deps.context?.(attempt) ?? NORMAL_CONTEXT);
      return { ...verdict, stepUp: asksStepUp(verdict), evidence: { facts, failed: false } };
    } catch (error) {
      // fail open to a challenge, never to a 5xx; counted and logged without the client's data
      failures += 1;
      deps.log.warn({ err: error, surface: attempt.surface }, 'risk scoring failed: challenging');
      return { ...failOpenVerdict(), evidence: null };
    }
  }

  /**
   * Decides again from the same signals under the attempt's context — at login, once the
   * password or code proved the account, with its trust level. Gathers nothing and counts
   * nothing: the attempt was scored (and counted) once. A discount only ever lowers the score.
   */
  function rescore(
    attempt: ScoredAttempt,
    verdict: { reasons: { code: string; points: number }[]; evidence: unknown },
  ): DoorGuardVerdict {
    const reasons = verdict.reasons as Verdict['reasons'];
    const again = decide(reasons, deps.context?.(attempt) ?? NORMAL_CONTEXT);
    return { ...again, evidence: verdict.evidence as Evidence | null };
  }

  /** The event row `record` writes, without its account. */
  function eventRow(
    attempt: Attempt,
    verdict: RecordedVerdict,
    extra: Record<string, unknown>,
  ): Omit<DoorEventRow, 'accountId'> {
    const facts = (verdict.evidence as Evidence | null)?.facts ?? null;
    // every recorded decision passes here once (`record` or `signupEvent`)
    countDoorDecision(attempt.surface, verdict.decision);
    return {
      id: uuidv7(),
      surface: attempt.surface,
      decision: verdict.decision,
      score: verdict.score,
      reasons: verdict.reasons as DoorGuardVerdict['reasons'],
      ipCountry: facts?.ipCountry ?? attempt.client.country,
      asn: facts?.asn ?? null,
      ipKey: keyOf('address', facts?.address ?? null),
      networkKey: keyOf('network', facts?.network ?? null),
      deviceKey: keyOf('device', facts?.device ?? null),
      phoneRangeKey: keyOf('phone-range', facts?.phoneRange ?? null),
      data: {
        ...(verdict.difficulty ? { difficulty: verdict.difficulty } : {}),
        // countries only: the account's first notes are judged against it (first-actions.ts)
        ...(facts?.costume ? { costume: facts.costume } : {}),
        ...extra,
      },
    };
  }

  /**
   * The event of a new account as part of the statement that creates it (one round trip for
   * the whole sign-up); null for a review, which opens a case too (`record` does both).
   */
  function signupEvent(
    attempt: Attempt,
    verdict: RecordedVerdict,
    extra: Record<string, unknown> = {},
  ) {
    if (verdict.decision === 'review') return null;
    return { insert: doorEventOfNewAccount(eventRow(attempt, verdict, extra)) };
  }

  async function record(
    handle: DbHandle,
    attempt: Attempt,
    verdict: RecordedVerdict,
    accountId: string | null,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await insertEvent(handle, { ...eventRow(attempt, verdict, extra), accountId });
    if (verdict.decision === 'review' && accountId) {
      await deps.cases.openAccountCase(handle, {
        id: accountId,
        region: attempt.client.country,
        // 20–33 for scores 60–99: above spam reports (15), below scam (40); during a surge
        // +100, ahead of every report, so the wave's automated cases are worked first
        priority: Math.round(verdict.score / 3) + (deps.surgeActive?.() ? SURGE_PRIORITY : 0),
      });
    }
  }

  return { assess, rescore, record, signupEvent, failures: () => failures };
}

export type DoorGuardService = ReturnType<typeof createDoorGuard>;
