/**
 * What the personal-data vault adds to a sign-up and a login (docs/security.md, "Personal-data
 * vault"): the cost of each operation, in process, with the local key provider. A sign-up
 * wraps one data key, computes one or two blind indexes and seals one or two values plus the
 * user agent; a login computes one blind index and seals one user agent (the data key cached).
 *
 *   node --import tsx bench/vault.ts [--rounds 20000]
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { EnvKeyProvider } from '../apps/server/src/modules/vault/key-provider.js';
import { Vault } from '../apps/server/src/modules/vault/vault.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20000' } } });
const rounds = Number(values.rounds);
const key = () => randomBytes(32).toString('base64');
const vault = new Vault(
  EnvKeyProvider.fromEnv({
    ATRIUM_KEK_bench: key(),
    ATRIUM_KEK_CURRENT: 'bench',
    ATRIUM_BLIND_INDEX_KEY: key(),
  }),
);
const id = '0190a0b0-0000-7000-8000-000000000001';
const dataKey = randomBytes(32);
const agent =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

async function time(name: string, op: (i: number) => unknown) {
  for (let i = 0; i < 1000; i++) await op(i); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await op(i);
  const ns = Number(process.hrtime.bigint() - started) / rounds;
  console.log(`${name.padEnd(44)} ${(ns / 1000).toFixed(2).padStart(8)} µs`);
}

console.log(
  `rounds ${rounds}, load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
await time('blind index (HMAC-SHA256)', (i) => vault.index('email', `user${i}@example.org`));
await time('seal a user agent (AES-256-GCM)', () =>
  vault.sealWith(dataKey, id, 'user_agent', agent),
);
await time('new data key, wrapped under the KEK', (i) =>
  vault.newAccountKey(`${id.slice(0, -6)}${String(i % 999999).padStart(6, '0')}`),
);
const { row, key: cachedKey } = await vault.newAccountKey(id);
const sealedUnderCached = vault.sealWith(cachedKey, id, 'email', 'someone@example.org')!;
await time('unwrap a data key (cache miss)', () =>
  vault.provider.unwrap(row.kek_id, row.wrapped_key, `atrium data key:${id}`),
);
// open with a cached key: the database is never asked (the key is in the cache)
await time('open a sealed value (cached key)', () =>
  vault.open(null as never, id, 'email', sealedUnderCached),
);
