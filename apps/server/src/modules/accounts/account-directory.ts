import type { Db, DbHandle } from '../../db/database.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { accountsError, mapUniqueViolation } from './accounts.errors.js';
import * as store from './accounts.store.js';
import { normalizeDisplayName } from './identity.js';
import { hashPassword } from './passwords.js';

/**
 * The accounts module's side of staff's `AccountDirectory`: lookups straight from the store, so
 * the CLI needs no sessions, SMS or moderation to find an account. It does not import the port
 * (staff sits above accounts); the composition root checks that it fits.
 */
export function createAccountDirectory(db: Db) {
  return {
    findById: (id: string) => store.findAccountById(db, id),
    findByHandle: (handle: string) => store.findAccountByHandle(db, handle),
    createOperatorAccount,
  };
}

/**
 * A password account for the platform's own use (the first administrator), in the caller's
 * transaction and without a session: the first free handle of `handles`, which may be reserved
 * names — they are reserved so that nobody else can pass for the platform. The e-mail address
 * is `<handle>@localhost.invalid`, only there because an account needs a phone or an e-mail;
 * log in with the handle.
 */
async function createOperatorAccount(
  tx: DbHandle,
  input: { handles: string[]; password: string; displayName: string },
) {
  const passwordHash = await hashPassword(input.password);
  for (const candidate of input.handles) {
    const handle = candidate.toLowerCase();
    const email = `${handle}@localhost.invalid`;
    if (await store.handleExists(tx, handle)) continue;
    if (await store.findAccountByEmail(tx, email)) continue;
    return store
      .insertAccount(tx, {
        id: uuidv7(),
        handle,
        display_name: normalizeDisplayName(input.displayName),
        locale: null,
        phone_e164: null,
        email,
        password_hash: passwordHash,
        avatar_url: null,
        signup_country: null,
        signup_region: null,
        ip_country: null,
        ip_region: null,
      })
      .catch(mapUniqueViolation);
  }
  throw accountsError('HANDLE_TAKEN', 'No free handle for the operator account');
}
