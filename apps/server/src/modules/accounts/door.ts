import type { ChallengeSolution, RiskDecision, RiskSurface } from '@atrium/contracts';
import type { RawBuilder } from 'kysely';
import type { DbHandle } from '../../db/database.js';
import type { ClientInfo } from '../../http/request-context.js';
import type { ProofOfWork } from '../../lib/proof-of-work.js';
import { accountsError } from './accounts.errors.js';

/**
 * The door: risk scoring of sign-ups, code requests and logins. Declared here, where it is
 * called, and filled by the risk module in the composition root (`modules/risk/door-guard.ts`),
 * so accounts does not depend on risk.
 */
export interface DoorAttempt {
  surface: RiskSurface;
  client: ClientInfo;
  /** E.164, once parsed. */
  phone?: string | null;
  email?: string | null;
  handle?: string | null;
  displayName?: string | null;
  locale?: string | null;
  /** When the code being verified was last sent (code-entry time). */
  codeSentAt?: Date | null;
  /**
   * The request carries a solved challenge: it was counted when the challenge was asked for,
   * so velocity does not count it again.
   */
  retry: boolean;
  /**
   * The trust level of the account the attempt proved to be (after the password or code), for
   * `rescore`; never known before: the first answer must not tell whether an account exists.
   */
  trustLevel?: number | null;
}

export interface DoorVerdict {
  decision: RiskDecision;
  score: number;
  reasons: { code: string; points: number }[];
  difficulty: number;
  visible: boolean;
  /**
   * A new account made on this verdict must confirm a second factor after the proof of work
   * (docs/risk.md, "Step-up"): set by the risk module for the riskiest challenges.
   */
  stepUp?: boolean;
  /** What the risk module keeps for recording (keyed hashes, country, ASN): opaque here. */
  evidence: unknown;
}

export interface DoorGuard {
  /** Never throws: a failure of scoring answers a challenge (and is counted). */
  assess(attempt: DoorAttempt): Promise<DoorVerdict>;
  /**
   * Decides again from the verdict's signals under the attempt's context (its `trustLevel`),
   * without gathering or counting anything: a trust discount only ever lowers the score.
   */
  rescore(attempt: DoorAttempt, verdict: DoorVerdict): DoorVerdict;
  /**
   * Records the verdict as a risk event of `accountId` (null before an account exists), in the
   * caller's transaction; for `review` with an account, also opens its case.
   */
  record(
    handle: DbHandle,
    attempt: DoorAttempt,
    verdict: DoorVerdict,
    accountId: string | null,
    extra?: Record<string, unknown>,
  ): Promise<void>;
  /**
   * What `record` writes for a new account, as a part of the one statement that creates it:
   * `insert` reads the account id from that statement's `account` CTE (null: nothing to write).
   * Null (or no such method) when recording needs more than one event (a review opens a case):
   * the caller then creates the account in a transaction and calls `record`.
   */
  signupEvent?(
    attempt: DoorAttempt,
    verdict: DoorVerdict,
    extra?: Record<string, unknown>,
  ): { insert: RawBuilder<unknown> | null } | null;
}

/** The door when risk control is off (`ATRIUM_RISK=off`): everything is allowed, nothing kept. */
export const openDoor: DoorGuard = {
  assess: async () => ({
    decision: 'allow',
    score: 0,
    reasons: [],
    difficulty: 0,
    visible: false,
    evidence: null,
  }),
  rescore: (_attempt, verdict) => verdict,
  record: async () => {},
  signupEvent: () => ({ insert: null }),
};

/**
 * At login, once the password or code proved the account: its trust level takes 10 points off
 * per level above 1 (docs/risk.md, "Decision"). Only after the secret, so the answer before it
 * never depends on which account a login names (no oracle for e-mail addresses), and a
 * challenge before a password guess stays whoever the target is. It can soften a `review`
 * (restriction and case) for an established account; it never asks for anything new.
 */
export function rescoreForAccount(
  door: DoorGuard,
  attempt: DoorAttempt,
  verdict: DoorVerdict,
  account: { trust_level: number },
): DoorVerdict {
  if (account.trust_level < 2) return verdict;
  return door.rescore({ ...attempt, trustLevel: account.trust_level }, verdict);
}

/** How long an account created (or logged into) under review may not post: until staff decide. */
export const REVIEW_RESTRICTION_MS = 7 * 24 * 60 * 60 * 1000;

/** The account columns a `review` verdict sets: posting restricted until staff decide. */
export function reviewRestriction(verdict: DoorVerdict): { posting_restricted_until?: Date } {
  return verdict.decision === 'review'
    ? { posting_restricted_until: new Date(Date.now() + REVIEW_RESTRICTION_MS) }
    : {};
}

/**
 * Applies a verdict before the operation: deny refuses (403 RISK_DENIED), challenge asks for a
 * proof of work at the verdict's difficulty (428 with the challenge) unless `proof` solves one.
 * Refusals are recorded before they are thrown; what passes is recorded by the caller with the
 * account it creates or signs into.
 */
export async function passDoor(
  door: DoorGuard,
  pow: ProofOfWork,
  handle: DbHandle,
  attempt: DoorAttempt,
  verdict: DoorVerdict,
  proof: ChallengeSolution | undefined,
  purpose = attempt.surface.replace('_', '-'),
): Promise<void> {
  if (verdict.decision === 'deny') {
    await door.record(handle, attempt, verdict, null);
    throw accountsError('RISK_DENIED');
  }
  if (verdict.decision !== 'challenge') return;
  const check = proof ? await pow.verify(purpose, proof, verdict.difficulty) : null;
  if (check?.ok) return;
  await door.record(handle, attempt, verdict, null, { proof: check ? check.reason : 'none' });
  const challenge = pow.issue(purpose, verdict.difficulty);
  throw accountsError(
    'CHALLENGE_REQUIRED',
    proof ? `The challenge was not solved (${check?.reason}): solve this one` : undefined,
    {
      challenge: {
        challenge: challenge.challenge,
        difficulty: challenge.difficulty,
        expiresAt: challenge.expiresAt.toISOString(),
        visible: verdict.visible,
      },
    },
  );
}
