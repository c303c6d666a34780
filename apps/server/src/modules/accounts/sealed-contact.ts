import type { DbHandle } from '../../db/database.js';
import type { Contact, Vault } from '../vault/vault.js';

/**
 * A new account's phone and e-mail columns (blind indexes and sealed values): its data key is
 * created in the caller's transaction `tx` first (the key's foreign key is checked at commit, after the account row).
 */
export async function sealedContact(vault: Vault, tx: DbHandle, id: string, contact: Contact) {
  await vault.createAccountKey(tx, id);
  return vault.sealContact(tx, id, contact);
}
