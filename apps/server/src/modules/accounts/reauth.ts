import type { DeleteMeBody } from '@atrium/contracts';
import type { Db } from '../../db/database.js';
import type { AccountRow, PhoneVerificationRow } from '../../db/schema.js';
import type { ClientInfo } from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import { sameBytes } from '../../lib/aead.js';
import type { Vault } from '../vault/vault.js';
import { accountsError } from './accounts.errors.js';
import * as store from './accounts.store.js';
import type { LoginGuard } from './login-guard.js';
import { verifyPassword } from './passwords.js';
import { CODE_MAX_ATTEMPTS, codeHash } from './phone-codes.js';

/**
 * Asking the holder again before an irreversible step (deleting the account): the current
 * password, checked through the login guard like a password change (a wrong one is a failed
 * login, with the same back-off); for an account with no password, a fresh code sent to its
 * own number (`POST /api/auth/phone/start`), which is spent by the check. A code sent to any
 * other number does not count.
 */
export function createReauth(
  deps: { db: Db; secret: string; vault: Vault },
  loginGuard: LoginGuard,
) {
  const { db, secret } = deps;

  /** Whether a code was sent to the account's own number (compared by blind index). */
  async function sameNumber(row: PhoneVerificationRow, account: AccountRow): Promise<boolean> {
    const phone = await deps.vault.openCodePhone(row);
    const index = deps.vault.index('phone', phone);
    return account.phone_index
      ? sameBytes(account.phone_index, index)
      : account.phone_e164 === phone;
  }

  async function reauthenticate(
    viewer: Viewer,
    input: DeleteMeBody,
    client: ClientInfo,
  ): Promise<void> {
    const account = await store.findAccountById(db, viewer.accountId);
    if (!account) throw accountsError('NOT_FOUND');
    if (account.password_hash !== null) {
      const password = input.password;
      if (!password) throw accountsError('REAUTH_REQUIRED');
      const ok = await loginGuard.guard(account.handle, account, client, () =>
        verifyPassword(account.password_hash, password),
      );
      if (!ok) throw accountsError('WRONG_PASSWORD');
      return;
    }
    const { verificationId, code } = input;
    if (!verificationId || !code || (!account.phone_index && !account.phone_e164)) {
      throw accountsError('REAUTH_REQUIRED');
    }
    const now = new Date();
    const checked = await store.checkVerificationCode(
      db,
      verificationId,
      codeHash(secret, verificationId.toLowerCase(), code.trim()),
      now,
      CODE_MAX_ATTEMPTS,
    );
    // a code for another number is as good as no code (and says nothing about that number)
    if (!checked || !(await sameNumber(checked.row, account))) {
      throw accountsError('INVALID_CODE');
    }
    const row = checked.row;
    if (row.consumed_at || row.expires_at.getTime() <= now.getTime()) {
      throw accountsError('CODE_EXPIRED');
    }
    if (row.attempts >= CODE_MAX_ATTEMPTS) throw accountsError('TOO_MANY_ATTEMPTS');
    if (!checked.matched) {
      throw accountsError(
        row.attempts + 1 >= CODE_MAX_ATTEMPTS ? 'TOO_MANY_ATTEMPTS' : 'INVALID_CODE',
      );
    }
    if (!(await store.consumeVerification(db, verificationId))) throw accountsError('CODE_EXPIRED');
  }

  return { reauthenticate };
}
