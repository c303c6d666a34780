import { randomInt, timingSafeEqual } from 'node:crypto';
import type { StepUpAsk, StepUpChannel, StepUpState } from '@atrium/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import type { Viewer } from '../../http/viewer.js';
import type { SealedAccount, Vault } from '../vault/vault.js';
import { accountsError } from './accounts.errors.js';
import { restrictPostingUntil } from './accounts.store.js';
import type { MailSender } from './mail.js';
import { codeHash } from './phone-codes.js';
import type { SessionCache } from './sessions.service.js';
import type { SmsSender } from './sms.js';
import * as store from './step-up.store.js';

const MINUTE = 60_000;
/** How long a step-up code is good for. */
export const STEP_UP_CODE_TTL_MS = 30 * MINUTE;
/** Wrong codes before a new one must be sent. */
export const STEP_UP_MAX_ATTEMPTS = 5;
/** At most one new code a minute. */
export const STEP_UP_RESEND_MS = MINUTE;
/**
 * The posting restriction of a pending step-up: in effect until confirmed (a year, so that
 * waiting does not lift it; staff can lift it sooner from a case like any restriction).
 */
export const STEP_UP_RESTRICTION_MS = 365 * 24 * 60 * MINUTE;

export interface StepUpDeps {
  db: Db;
  secret: string;
  sms: SmsSender;
  /** E-mail delivery; null where there is none (production today): no e-mail step-up then. */
  mail: MailSender | null;
  sessionCache: SessionCache;
  log: FastifyBaseLogger;
  /** Contact details are sealed (modules/vault). */
  vault: Vault;
}

/** What a sign-up that asks for a step-up does after its transaction commits. */
export interface StepUpStarted {
  ask: StepUpAsk;
  deliver(): Promise<void>;
}

const hashOf = (secret: string, accountId: string, code: string) =>
  codeHash(secret, `step-up:${accountId}`, code);
const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Step-up after a passed challenge (docs/risk.md, "Step-up"): the account is created at trust
 * level 0 with posting restricted, a code goes to its e-mail address or, a second time, to its
 * phone, and confirming it lifts that restriction (and only that one).
 */
export function createStepUps(deps: StepUpDeps) {
  const { db, secret } = deps;

  /** The channel a sign-up's step-up goes through, or null when none can (no e-mail gateway). */
  function channelFor(kind: 'email' | 'phone'): StepUpChannel | null {
    if (kind === 'phone') return 'sms';
    return deps.mail ? 'email' : null;
  }

  function deliverer(channel: StepUpChannel, to: string | null, code: string) {
    return async () => {
      // an e-mail sign-up with an address that belongs to someone else has no address: its
      // answer looks the same, and no code reaches anyone (the address is not theirs)
      if (!to) return;
      const body = `Atrium: your confirmation code is ${code}. It expires in 30 minutes.`;
      try {
        if (channel === 'sms') await deps.sms.send({ to, body, code });
        else await deps.mail?.send({ to, body, code });
      } catch (error) {
        // the holder can ask for another; the sign-up itself succeeded
        deps.log.warn({ err: error, channel }, 'step-up code not delivered');
      }
    };
  }

  /** In the sign-up's transaction: the row and the restriction. Deliver after the commit. */
  async function begin(
    tx: Tx,
    account: SealedAccount,
    channel: StepUpChannel,
  ): Promise<StepUpStarted> {
    const code = newCode();
    const now = Date.now();
    const expiresAt = new Date(now + STEP_UP_CODE_TTL_MS);
    const restrictedUntil = new Date(now + STEP_UP_RESTRICTION_MS);
    await store.insertStepUp(tx, {
      accountId: account.id,
      channel,
      codeHash: hashOf(secret, account.id, code),
      expiresAt,
      restrictedUntil,
    });
    await restrictPostingUntil(tx, account.id, restrictedUntil);
    const contact = await deps.vault.contactOf(tx, account);
    const to = channel === 'sms' ? contact.phone : contact.email;
    return {
      ask: { channel, expiresAt: expiresAt.toISOString() },
      deliver: deliverer(channel, to, code),
    };
  }

  async function state(viewer: Viewer): Promise<StepUpState> {
    const row = await store.findStepUp(db, viewer.accountId);
    if (!row || row.completed_at)
      return { pending: false, channel: row?.channel ?? null, expiresAt: null };
    return { pending: true, channel: row.channel, expiresAt: row.expires_at.toISOString() };
  }

  /** Checks the code; a wrong one costs one of five attempts (committed on its own). */
  async function confirm(viewer: Viewer, code: string): Promise<StepUpState> {
    const outcome = await inTransaction(db, async (tx) => {
      const row = await store.lockStepUp(tx, viewer.accountId);
      if (!row || row.completed_at) return 'STEP_UP_NOT_PENDING' as const;
      if (row.attempts >= STEP_UP_MAX_ATTEMPTS) return 'TOO_MANY_ATTEMPTS' as const;
      if (row.expires_at.getTime() <= Date.now()) return 'CODE_EXPIRED' as const;
      if (!timingSafeEqual(row.code_hash, hashOf(secret, viewer.accountId, code.trim()))) {
        await store.countFailedStepUp(tx, viewer.accountId);
        return row.attempts + 1 >= STEP_UP_MAX_ATTEMPTS
          ? ('TOO_MANY_ATTEMPTS' as const)
          : ('INVALID_CODE' as const);
      }
      await store.completeStepUp(tx, viewer.accountId);
      await store.liftStepUpRestriction(tx, viewer.accountId, row.restricted_until);
      return { channel: row.channel };
    });
    if (typeof outcome === 'string') throw accountsError(outcome);
    // cached sessions carry the posting restriction
    deps.sessionCache.forgetAccount(viewer.accountId);
    return { pending: false, channel: outcome.channel, expiresAt: null };
  }

  /** A new code (the old one stops working), at most one a minute. */
  async function resend(viewer: Viewer): Promise<StepUpState> {
    const started = await inTransaction(db, async (tx) => {
      const row = await store.lockStepUp(tx, viewer.accountId);
      if (!row || row.completed_at) throw accountsError('STEP_UP_NOT_PENDING');
      const wait = row.last_sent_at.getTime() + STEP_UP_RESEND_MS - Date.now();
      if (wait > 0) {
        const retryAfter = Math.ceil(wait / 1000);
        throw accountsError('RATE_LIMITED', `Try again in ${retryAfter} s`, { retryAfter });
      }
      const code = newCode();
      const expiresAt = new Date(Date.now() + STEP_UP_CODE_TTL_MS);
      await store.renewStepUp(
        tx,
        viewer.accountId,
        hashOf(secret, viewer.accountId, code),
        expiresAt,
      );
      const sealed = await store.contactOf(tx, viewer.accountId);
      const contact = sealed ? await deps.vault.contactOf(tx, sealed) : null;
      const to = row.channel === 'sms' ? (contact?.phone ?? null) : (contact?.email ?? null);
      return { channel: row.channel, expiresAt, deliver: deliverer(row.channel, to, code) };
    });
    await started.deliver();
    return { pending: true, channel: started.channel, expiresAt: started.expiresAt.toISOString() };
  }

  return { channelFor, begin, state, confirm, resend };
}

export type StepUps = ReturnType<typeof createStepUps>;
