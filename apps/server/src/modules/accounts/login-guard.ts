import { createHmac } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { AccountRow } from '../../db/schema.js';
import type { ClientInfo } from '../../http/request-context.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { Vault } from '../vault/vault.js';
import { accountsError } from './accounts.errors.js';
import * as events from './security-events.store.js';
import type { SecurityNotices } from './security-notices.js';
import { notifyHolder } from './security-notices.js';

/** Failed logins of one account that cost nothing; past them, each waits longer. */
export const LOGIN_FREE_FAILURES = 5;
/** Failures older than this no longer count. */
export const LOGIN_WINDOW_MS = 60 * 60 * 1000;
/** The wait after the fifth failure, doubled at each further one, up to LOGIN_MAX_WAIT_MS. */
export const LOGIN_FIRST_WAIT_MS = 30 * 1000;
export const LOGIN_MAX_WAIT_MS = 15 * 60 * 1000;

/** How long after the last failure the next attempt may be checked, after `failures`. */
export function loginWaitMs(failures: number): number {
  if (failures < LOGIN_FREE_FAILURES) return 0;
  return Math.min(LOGIN_FIRST_WAIT_MS * 2 ** (failures - LOGIN_FREE_FAILURES), LOGIN_MAX_WAIT_MS);
}

export interface LoginGuardDeps {
  db: Db;
  secret: string;
  notices: SecurityNotices;
  /** Holders' contact details are sealed (modules/vault). */
  vault: Vault;
}

/**
 * Password guessing against one account, from any number of addresses: after
 * LOGIN_FREE_FAILURES failures in LOGIN_WINDOW_MS, attempts are refused with 429 RATE_LIMITED
 * (and a `retryAfter`) without checking the password, for a wait that doubles with each further
 * failure up to 15 minutes. A successful login ends it. Failures are security events, and the
 * holder is told once when the back-off starts.
 *
 * Unknown logins are counted the same way (by a keyed hash of what was typed), so the back-off
 * does not tell which logins exist. Attempts on one subject are checked one at a time in this
 * process, so a parallel burst cannot slip past the count; with several nodes, a burst may get
 * one check per node past it.
 */
export function createLoginGuard(deps: LoginGuardDeps) {
  const queues = new Map<string, Promise<unknown>>();

  function subjectOf(login: string, account: AccountRow | undefined): string {
    if (account) return `account:${account.id}`;
    const key = createHmac('sha256', deps.secret).update(`login:${login.toLowerCase()}`);
    return `login:${key.digest('base64url')}`;
  }

  /** Runs `attempt` alone for its subject (a per-process queue). */
  function serialized<T>(subject: string, attempt: () => Promise<T>): Promise<T> {
    const previous = queues.get(subject) ?? Promise.resolve();
    const run = previous.then(attempt, attempt);
    const settled = run.catch(() => {});
    queues.set(subject, settled);
    void settled.then(() => {
      if (queues.get(subject) === settled) queues.delete(subject);
    });
    return run;
  }

  /**
   * Checks one login attempt: refuses it while the back-off lasts, else runs `check` (the
   * password verification) and records a failure.
   */
  function guard(
    login: string,
    account: AccountRow | undefined,
    client: ClientInfo,
    check: () => Promise<boolean>,
  ): Promise<boolean> {
    const subject = subjectOf(login, account);
    return serialized(subject, async () => {
      const now = Date.now();
      const cleared = account?.failed_logins_cleared_at?.getTime() ?? 0;
      const since = new Date(Math.max(now - LOGIN_WINDOW_MS, cleared));
      const failures = await events.failedLoginsSince(deps.db, subject, since);
      const wait = loginWaitMs(failures.count) - (now - (failures.last?.getTime() ?? now));
      if (wait > 0) {
        throw accountsError('RATE_LIMITED', 'Too many failed logins: wait before trying again', {
          retryAfter: Math.ceil(wait / 1000),
        });
      }
      if (await check()) return true;
      const event = {
        accountId: account?.id ?? null,
        subject,
        ipCountry: client.country,
        ipRegion: client.region,
      };
      await events.insertSecurityEvent(deps.db, { id: uuidv7(), kind: 'login_failed', ...event });
      if (account && failures.count + 1 === LOGIN_FREE_FAILURES) {
        await events.insertSecurityEvent(deps.db, {
          id: uuidv7(),
          kind: 'login_throttled',
          ...event,
        });
        // not awaited: the answer does not wait for (or depend on) the notice
        void notifyHolder(
          deps,
          account,
          `Atrium: ${LOGIN_FREE_FAILURES} failed logins to @${account.handle} in the last hour. ` +
            'Further attempts are slowed down. If this was not you, your password is still ' +
            'safe; choose a long, unique one.',
        );
      }
      return false;
    });
  }

  return { guard };
}

export type LoginGuard = ReturnType<typeof createLoginGuard>;
