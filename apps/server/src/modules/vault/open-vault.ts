import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { EnvKeyProvider, FileKeyProvider, type KeyProvider } from './key-provider.js';
import { Vault } from './vault.js';

/** The configured key provider; the key file is created when missing and `create` is set. */
export function keyProviderOf(keys: Config['keys'], options = { create: true }): KeyProvider {
  return keys.kind === 'env'
    ? EnvKeyProvider.fromEnv(keys.env)
    : FileKeyProvider.open(keys.file, options);
}

/**
 * The vault of a process, its keys checked against the database (throws a `VaultError` with a
 * code when a KEK is missing or is not the one the data was sealed with).
 */
export async function openVault(keys: Config['keys'], db: Db): Promise<Vault> {
  const vault = new Vault(keyProviderOf(keys));
  await vault.check(db);
  return vault;
}
