import type { Database } from '../../db/database.js';
import { FileKeyProvider, type KeyProvider } from './key-provider.js';
import { Vault } from './vault.js';
import { vaultCounts } from './vault.store.js';

// `atrium keys status|rotate|seal`: the vault's keys from the command line (docs/security.md,
// "Key management"). Rotation runs online, next to running servers, and can be stopped and run
// again at any point.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const KEYS_USAGE = `Usage:
  atrium keys status            data keys per key-encryption key (KEK), rows not sealed yet
  atrium keys rotate [--batch N]
                                re-wraps every data key under a new KEK, N at a time (1000);
                                with the key file, a new KEK is added and made current first;
                                with ATRIUM_KEYS=env, set ATRIUM_KEK_<new id> and
                                ATRIUM_KEK_CURRENT=<new id> (keep the old KEK set) and run it.
                                Interrupted, it is run again: it goes on where it stopped.
  atrium keys seal              seals rows written before the vault now (the server does it
                                in the background too)`;

export async function runKeysCommand(
  database: Database,
  args: string[],
  io: CliIo,
  provider: KeyProvider,
  options: { signal?: AbortSignal } = {},
): Promise<number> {
  const [command, ...rest] = args;
  const { db } = database;
  if (command === 'status') {
    const counts = await vaultCounts(db);
    io.out(`Key provider: ${provider.describe()}`);
    for (const row of counts.perKek) {
      const mark = row.kek_id === provider.currentKekId() ? ' (current)' : '';
      io.out(`  ${row.kek_id}${mark}: ${row.keys} data keys`);
    }
    const plain = counts.plain;
    io.out(
      `Not sealed yet: ${plain.accounts} accounts, ${plain.sessions} sessions, ${plain.codes} one-time codes.`,
    );
    return 0;
  }
  if (command === 'seal') {
    const vault = new Vault(provider);
    await vault.check(db);
    const sealed = await vault.sealLegacyRows(db);
    io.out(
      `Sealed ${sealed.accounts} accounts, ${sealed.sessions} sessions, ${sealed.codes} one-time codes.`,
    );
    return 0;
  }
  if (command === 'rotate') {
    const batchAt = rest.indexOf('--batch');
    const batch = batchAt >= 0 ? Number(rest[batchAt + 1]) : 1000;
    if (!Number.isInteger(batch) || batch < 1) {
      io.err(`atrium keys rotate: --batch takes a whole number above 0\n\n${KEYS_USAGE}`);
      return 2;
    }
    let vault = new Vault(provider);
    await vault.check(db);
    const before = await vaultCounts(db);
    const current = provider.currentKekId();
    const pending = before.perKek.filter((row) => row.kek_id !== current);
    if (pending.length === 0) {
      if (!(provider instanceof FileKeyProvider)) {
        io.out(
          `Every data key is under ${current} already. To rotate, set ATRIUM_KEK_<new id> and ATRIUM_KEK_CURRENT=<new id>, keep ATRIUM_KEK_${current}, and run this again.`,
        );
        return 0;
      }
      const added = provider.addKek();
      io.out(`New key-encryption key ${added} added to ${provider.file} and made current.`);
      vault = new Vault(provider);
      await vault.check(db); // records the new KEK's check
    } else {
      const left = pending.reduce((sum, row) => sum + row.keys, 0);
      io.out(`Resuming: ${left} data keys are not under ${current} yet.`);
    }
    const total = before.perKek.reduce((sum, row) => sum + row.keys, 0);
    const result = await vault.rotate(db, {
      batch,
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (done) => io.out(`  re-wrapped ${done} of at most ${total} data keys`),
    });
    if (!result.complete) {
      io.out(
        `Stopped after ${result.rewrapped} data keys: run \`atrium keys rotate\` again to finish.`,
      );
      return 1;
    }
    io.out(
      `Done: ${result.rewrapped} data keys and ${result.codes} one-time codes re-wrapped under ${provider.currentKekId()}. ` +
        'Keep the old KEK while backups taken before this rotation must stay readable; then remove it.',
    );
    return 0;
  }
  if (command === 'help' || command === '--help') {
    io.out(KEYS_USAGE);
    return 0;
  }
  io.err(KEYS_USAGE);
  return 2;
}
