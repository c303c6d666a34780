import type { ChangePasswordBody } from '@atrium/contracts';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/database.js';
import type { ClientInfo } from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { Vault } from '../vault/vault.js';
import { accountsError } from './accounts.errors.js';
import * as store from './accounts.store.js';
import type { LoginGuard } from './login-guard.js';
import {
  checkPasswordStrength,
  hashPassword,
  meetsStaffLength,
  verifyPassword,
} from './passwords.js';
import * as events from './security-events.store.js';
import type { SecurityNotices } from './security-notices.js';
import { notifyHolder } from './security-notices.js';
import type { SessionCache } from './sessions.service.js';
import * as sessionStore from './sessions.store.js';

export interface PasswordChangeDeps {
  db: Db;
  notices: SecurityNotices;
  /** Holders' contact details are sealed (modules/vault). */
  vault: Vault;
  sessionCache: SessionCache;
}

/**
 * Changing one's password (`POST /api/me/password`): the current password first, checked through
 * the login guard — a wrong one is a failed login of the account, with the same back-off, so a
 * stolen session cannot guess it faster than the login form could — then the new one, held to
 * the sign-up rules (staff to the staff minimum). Every other session of the account ends (a
 * thief signed in elsewhere is out), the change is in the security log, and the holder is told
 * on their phone when they have one.
 */
export function createPasswordChange(deps: PasswordChangeDeps, loginGuard: LoginGuard) {
  const { db } = deps;

  async function changePassword(
    viewer: Viewer,
    input: ChangePasswordBody,
    client: ClientInfo,
  ): Promise<{ endedSessions: number }> {
    const account = await store.findAccountById(db, viewer.accountId);
    if (!account) throw accountsError('NOT_FOUND');
    // accounts made by phone have no password: they sign in with a code
    if (account.password_hash === null) throw accountsError('NO_PASSWORD');
    const ok = await loginGuard.guard(account.handle, account, client, () =>
      verifyPassword(account.password_hash, input.currentPassword),
    );
    if (!ok) throw accountsError('WRONG_PASSWORD');
    if (input.newPassword === input.currentPassword) {
      throw accountsError('WEAK_PASSWORD', 'Choose a password other than the current one');
    }
    checkPasswordStrength(input.newPassword, {
      personal: [
        account.handle,
        (await deps.vault.contactOf(db, account)).email,
        account.display_name,
      ],
      staff: await store.hasStaffBadge(db, account.id),
    });
    const passwordHash = await hashPassword(input.newPassword);
    const ended = await inTransaction(db, async (tx) => {
      await store.updateAccount(tx, account.id, {
        password_hash: passwordHash,
        password_staff_ready: meetsStaffLength(input.newPassword),
        failed_logins_cleared_at: new Date(),
      });
      const others = await sessionStore.revokeOtherSessions(tx, account.id, viewer.sessionId);
      await events.insertSecurityEvent(tx, {
        id: uuidv7(),
        accountId: account.id,
        subject: `account:${account.id}`,
        kind: 'password_changed',
        ipCountry: client.country,
        ipRegion: client.region,
      });
      return others;
    });
    for (const id of ended) deps.sessionCache.forgetSession(id);
    void notifyHolder(
      deps,
      account,
      `Atrium: the password of @${account.handle} was changed and its other sessions were ` +
        'ended. If this was not you, sign in with a code sent to this phone and change it again.',
    );
    return { endedSessions: ended.length };
  }

  return { changePassword };
}
