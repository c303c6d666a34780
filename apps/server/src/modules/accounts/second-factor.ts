import { createHmac, timingSafeEqual } from 'node:crypto';
import type {
  DisableTotpBody,
  RecoveryCodes,
  SecondFactorState,
  SecurityEventKind,
  TotpEnrolment,
} from '@atrium/contracts';
import { generateSecret, generateURI, verify } from 'otplib';
import { type Db, type DbHandle, inTransaction } from '../../db/database.js';
import type { AccountRow } from '../../db/schema.js';
import type { ClientInfo } from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { Vault } from '../vault/vault.js';
import { accountsError } from './accounts.errors.js';
import * as accountStore from './accounts.store.js';
import type { LoginGuard } from './login-guard.js';
import { verifyPassword } from './passwords.js';
import * as store from './second-factor.store.js';
import * as events from './security-events.store.js';
import type { SecurityNotices } from './security-notices.js';
import { notifyHolder } from './security-notices.js';
import { newRecoveryCode, openSecret, recoveryCodeHash, sealSecret } from './totp-crypto.js';

/** What authenticator apps show next to the code. */
export const TOTP_ISSUER = 'Atrium';
/** Recovery codes issued when TOTP is enabled. */
export const RECOVERY_CODE_COUNT = 10;
/** How long the second step of a login may wait after the password. */
export const SECOND_FACTOR_CHALLENGE_MS = 5 * 60 * 1000;
/** Codes of the step before and after the current one are accepted too (clock drift). */
const TOLERANCE_SECONDS = 30;

export interface SecondFactorDeps {
  db: Db;
  secret: string;
  notices: SecurityNotices;
  /** Holders' contact details are sealed (modules/vault). */
  vault: Vault;
  /** For tests: the time (defaults to now). */
  now?: () => number;
}

/** How a second-factor code was accepted: a TOTP code, or a recovery code (now spent). */
export type SecondFactorUsed = 'totp' | 'recovery';

/**
 * TOTP (docs/security.md, "Second factor"): enrolment with the current password and a first
 * code, recovery codes, disabling, and the check of a code at login. The shared secret is
 * sealed with AES-256-GCM (`totp-crypto.ts`); recovery codes are kept as keyed hashes. A code is
 * accepted once: its time step must be later than the last one accepted.
 */
export function createSecondFactor(deps: SecondFactorDeps, loginGuard: LoginGuard) {
  const { db, secret } = deps;
  const now = deps.now ?? Date.now;

  function event(
    tx: DbHandle,
    accountId: string,
    kind: SecurityEventKind,
    client: ClientInfo,
  ): Promise<void> {
    return events.insertSecurityEvent(tx, {
      id: uuidv7(),
      accountId,
      subject: `account:${accountId}`,
      kind,
      ipCountry: client.country,
      ipRegion: client.region,
    });
  }

  /** The current password, through the login guard (a wrong one is a failed login). */
  async function checkPassword(account: AccountRow, password: string, client: ClientInfo) {
    if (account.password_hash === null) throw accountsError('NO_PASSWORD');
    const ok = await loginGuard.guard(account.handle, account, client, () =>
      verifyPassword(account.password_hash, password),
    );
    if (!ok) throw accountsError('WRONG_PASSWORD');
  }

  async function ownAccount(viewer: Pick<Viewer, 'accountId'>): Promise<AccountRow> {
    const account = await accountStore.findAccountById(db, viewer.accountId);
    if (!account) throw accountsError('NOT_FOUND');
    return account;
  }

  /** A TOTP code for the row's secret, later than the last accepted; spends its time step. */
  async function acceptTotp(
    row: { account_id: string; secret_sealed: string; last_time_step: number },
    code: string,
  ): Promise<boolean> {
    const token = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(token)) return false;
    const result = await verify({
      secret: openSecret(secret, row.account_id, row.secret_sealed),
      token,
      epoch: Math.floor(now() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      afterTimeStep: row.last_time_step,
    });
    // TOTP results carry the time step the code was for (HOTP ones do not)
    if (!result.valid || !('timeStep' in result)) return false;
    // a concurrent request with the same code: only one of them moves the step forward
    return store.acceptTimeStep(db, row.account_id, result.timeStep);
  }

  /**
   * Checks a TOTP code or an unused recovery code of an account whose TOTP is enabled; spends
   * what it accepts. Null when neither.
   */
  async function acceptCode(accountId: string, code: string): Promise<SecondFactorUsed | null> {
    const row = await store.findTotp(db, accountId);
    if (!row?.enabled_at) return null;
    if (await acceptTotp(row, code)) return 'totp';
    const hash = recoveryCodeHash(secret, accountId, code);
    if (await store.useRecoveryCode(db, accountId, hash)) return 'recovery';
    return null;
  }

  async function state(viewer: Pick<Viewer, 'accountId'>): Promise<SecondFactorState> {
    const enabled = await store.totpEnabled(db, viewer.accountId);
    return {
      totp: enabled,
      recoveryCodesLeft: enabled ? await store.countUnusedRecoveryCodes(db, viewer.accountId) : 0,
    };
  }

  /** Step 1 of enrolment: a new secret (replacing one not confirmed yet). */
  async function start(
    viewer: Viewer,
    input: { password: string },
    client: ClientInfo,
  ): Promise<TotpEnrolment> {
    const account = await ownAccount(viewer);
    await checkPassword(account, input.password, client);
    const totpSecret = generateSecret();
    const sealed = sealSecret(secret, account.id, totpSecret);
    if (!(await store.upsertPendingTotp(db, account.id, sealed))) {
      throw accountsError('TOTP_ALREADY_ENABLED');
    }
    return {
      secret: totpSecret,
      uri: generateURI({ issuer: TOTP_ISSUER, label: account.handle, secret: totpSecret }),
    };
  }

  /** Step 2: the first code enables TOTP; the recovery codes are returned, once. */
  async function confirm(
    viewer: Viewer,
    input: { code: string },
    client: ClientInfo,
  ): Promise<RecoveryCodes> {
    const account = await ownAccount(viewer);
    const row = await store.findTotp(db, account.id);
    if (!row) throw accountsError('TOTP_NOT_PENDING');
    if (row.enabled_at) throw accountsError('TOTP_ALREADY_ENABLED');
    if (!(await acceptTotp(row, input.code))) throw accountsError('INVALID_CODE');
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await inTransaction(db, async (tx) => {
      if (!(await store.enableTotp(tx, account.id))) throw accountsError('TOTP_ALREADY_ENABLED');
      await store.replaceRecoveryCodes(
        tx,
        account.id,
        codes.map((code) => recoveryCodeHash(secret, account.id, code)),
      );
      await event(tx, account.id, 'totp_enabled', client);
    });
    void notifyHolder(
      deps,
      account,
      `Atrium: two-factor authentication was turned on for @${account.handle}. If this was ` +
        'not you, change your password and review your sessions.',
    );
    return { recoveryCodes: codes };
  }

  /** Disabling takes the password and a code (TOTP or recovery); wrong codes are failed logins. */
  async function disable(viewer: Viewer, input: DisableTotpBody, client: ClientInfo) {
    const account = await ownAccount(viewer);
    await checkPassword(account, input.password, client);
    if (!(await store.totpEnabled(db, account.id))) throw accountsError('TOTP_NOT_ENABLED');
    const used = await checkSecondFactor(account, input.code, client);
    if (!used) throw accountsError('INVALID_CODE');
    await inTransaction(db, async (tx) => {
      await store.deleteTotp(tx, account.id);
      await event(tx, account.id, 'totp_disabled', client);
    });
    void notifyHolder(
      deps,
      account,
      `Atrium: two-factor authentication was turned off for @${account.handle}. If this was ` +
        'not you, change your password and turn it on again.',
    );
  }

  /**
   * A code at login (or to disable): through the login guard, so a wrong code is a failed login
   * of the account with the same back-off, and a `second_factor_failed` event; a recovery code
   * used is a `recovery_code_used` event.
   */
  async function checkSecondFactor(
    account: AccountRow,
    code: string,
    client: ClientInfo,
  ): Promise<SecondFactorUsed | null> {
    const outcome: { used: SecondFactorUsed | null } = { used: null };
    await loginGuard.guard(account.handle, account, client, async () => {
      outcome.used = await acceptCode(account.id, code);
      if (!outcome.used) await event(db, account.id, 'second_factor_failed', client);
      return outcome.used !== null;
    });
    if (outcome.used === 'recovery') await event(db, account.id, 'recovery_code_used', client);
    return outcome.used;
  }

  /** The tag that binds a challenge to its account, expiry and current password. */
  function challengeTag(payload: string, account: AccountRow): Buffer {
    return createHmac('sha256', secret)
      .update(`login-2fa:${payload}:${account.password_hash ?? ''}`)
      .digest();
  }

  /**
   * The token of a login's second step: the account and an expiry, signed under the server
   * secret together with the account's password hash (a password change voids it). Not a
   * session: it only lets its holder send a code for that account.
   */
  function issueChallenge(account: AccountRow): { challenge: string; expiresAt: string } {
    const expires = now() + SECOND_FACTOR_CHALLENGE_MS;
    const payload = Buffer.from(JSON.stringify({ a: account.id, e: expires })).toString(
      'base64url',
    );
    const tag = challengeTag(payload, account).toString('base64url');
    return { challenge: `${payload}.${tag}`, expiresAt: new Date(expires).toISOString() };
  }

  /** The account a challenge was issued to; SECOND_FACTOR_EXPIRED when invalid or old. */
  async function readChallenge(challenge: string): Promise<AccountRow> {
    const expired = () => accountsError('SECOND_FACTOR_EXPIRED');
    const [payload, tag] = challenge.split('.');
    if (!payload || !tag) throw expired();
    let claims: { a?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw expired();
    }
    if (typeof claims?.a !== 'string' || typeof claims.e !== 'number') throw expired();
    if (claims.e <= now() || !/^[0-9a-f-]{36}$/i.test(claims.a)) throw expired();
    const account = await accountStore.findAccountById(db, claims.a);
    if (!account) throw expired();
    const expected = challengeTag(payload, account);
    const given = Buffer.from(tag, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw expired();
    return account;
  }

  return {
    state,
    start,
    confirm,
    disable,
    checkSecondFactor,
    issueChallenge,
    readChallenge,
    enabled: (accountId: string) => store.totpEnabled(db, accountId),
  };
}

export type SecondFactor = ReturnType<typeof createSecondFactor>;
