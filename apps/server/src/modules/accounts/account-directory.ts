import type { Db, DbHandle } from '../../db/database.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { Vault } from '../vault/vault.js';
import { mapUniqueViolation } from './accounts.errors.js';
import * as store from './accounts.store.js';
import { normalizeDisplayName } from './identity.js';
import { checkPasswordStrength, hashPassword } from './passwords.js';
import { sealedContact } from './sealed-contact.js';
import { totpEnabled } from './second-factor.store.js';

/**
 * The accounts module's side of staff's `AccountDirectory`: lookups straight from the store, so
 * the CLI needs no sessions, SMS or moderation to find an account. It does not import the port
 * (staff sits above accounts); the composition root checks that it fits.
 */
export function createAccountDirectory(db: Db, vault: Vault) {
  return {
    findById: (id: string) => store.findAccountById(db, id),
    findByHandle: (handle: string) => store.findAccountByHandle(db, handle),
    /** Staff need a password of at least 12 characters; phone-only accounts have none. */
    mayHoldStaffRole: async (id: string) => {
      const account = await store.findAccountById(db, id);
      return !!account && (account.password_hash === null || account.password_staff_ready);
    },
    hasSecondFactor: (id: string) => totpEnabled(db, id),
    personalData: async (id: string) => {
      const account = await store.findAccountById(db, id);
      return account ? vault.contactOf(db, account) : undefined;
    },
    createOperatorAccount: (
      tx: DbHandle,
      input: { handle: string; password: string; displayName: string },
    ) => createOperatorAccount(tx, vault, input),
  };
}

/**
 * A password account for the platform's own use (the first administrator), in the caller's
 * transaction and without a session, or null when `handle` is taken. The handle and display
 * name may be reserved ones — they are reserved so that nobody else can pass for the platform.
 * There is no fallback to a numbered look-alike (`admin2`): that would teach users that such
 * names are the platform's. The e-mail address is `<handle>@localhost.invalid`, only there
 * because an account needs a phone or an e-mail; log in with the handle.
 */
async function createOperatorAccount(
  tx: DbHandle,
  vault: Vault,
  input: { handle: string; password: string; displayName: string },
) {
  const handle = input.handle.toLowerCase();
  const email = `${handle}@localhost.invalid`;
  if (await store.handleExists(tx, handle)) return null;
  if (await store.findAccountByEmail(tx, email, vault.index('email', email))) return null;
  checkPasswordStrength(input.password, {
    staff: true,
    personal: [handle, input.displayName],
  });
  const passwordHash = await hashPassword(input.password);
  const id = uuidv7();
  return store
    .insertAccount(tx, {
      id,
      handle,
      display_name: normalizeDisplayName(input.displayName, { mayPassForStaff: true }),
      locale: null,
      ...(await sealedContact(vault, tx, id, { phone: null, email })),
      password_hash: passwordHash,
      password_staff_ready: true,
      avatar_url: null,
      signup_country: null,
      signup_region: null,
      ip_country: null,
      ip_region: null,
    })
    .catch(mapUniqueViolation);
}
