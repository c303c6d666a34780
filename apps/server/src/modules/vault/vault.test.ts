import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccountRow,
  buildTestApp,
  IPS,
  signUpByPhone,
  type TestApp,
} from '../../../test/helper.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { findAccountByEmail, findAccountByPhone } from '../accounts/accounts.store.js';
import { DELETION_GRACE_MS } from '../deletion/deletion.service.js';
import { EnvKeyProvider, FileKeyProvider, VaultError } from './key-provider.js';
import { runKeysCommand } from './keys-cli.js';
import { openVault } from './open-vault.js';
import { Vault } from './vault.js';

const PASSWORD = 'correct horse battery staple';
const PHONE = '+8613912345678';
const EMAIL = 'vault.holder@example.org';
const USER_AGENT = 'VaultProbe/7.3 (quietly-unique-agent)';
const DAY = 24 * 60 * 60 * 1000;

let test: TestApp;
let offset = 0;
beforeAll(async () => {
  test = await buildTestApp(
    { ATRIUM_DISABLE_RATE_LIMITS: '1' },
    { clock: () => new Date(Date.now() + offset) },
  );
});
afterAll(async () => {
  await test.close();
});

const keyFile = () => path.join(test.dataDir, 'keys', 'atrium-keys.json');

async function emailSignup(email: string, handle: string, ip: string) {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    headers: { 'user-agent': USER_AGENT, 'x-forwarded-for': ip },
    payload: { email, password: PASSWORD, handle },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { token: string; account: { id: string; hasEmail: boolean } };
}

/**
 * Every value of every column of every table, as text (row text, and bytea columns decoded as
 * bytes too): what a `pg_dump` of the database would hold.
 */
async function dumpEverything(): Promise<string> {
  const { db } = test.database;
  const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db);
  const byteaColumns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type = 'bytea'`.execute(db);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{
      row: string;
    }>`SELECT t::text AS row FROM ${sql.table(table_name)} t`.execute(db);
    parts.push(...rows.rows.map((r) => r.row));
  }
  for (const { table_name, column_name } of byteaColumns.rows) {
    const rows = await sql<{
      value: string | null;
    }>`SELECT encode(${sql.ref(column_name)}, 'escape') AS value
      FROM ${sql.table(table_name)}`.execute(db);
    parts.push(...rows.rows.map((r) => r.value ?? ''));
  }
  return parts.join('\n');
}

describe('the personal-data vault', () => {
  it('keeps no phone number, e-mail address, IP address or user agent in any column, and still finds accounts by them', async () => {
    const phoneUp = await signUpByPhone(test, {
      phone: PHONE,
      handle: 'vault_phone',
      ip: IPS.GERMANY,
    });
    const emailUp = await emailSignup(EMAIL, 'vault_mail', IPS.BRAZIL);
    // a second sign-up with the same address: "taken", the address stays with its holder
    const again = await emailSignup(EMAIL, 'vault_mail2', IPS.BRAZIL);
    expect(again.account.hasEmail).toBe(true);
    // log in by e-mail (the blind index) and by phone (the same account, not a new one)
    const login = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'user-agent': USER_AGENT, 'x-forwarded-for': IPS.GERMANY },
      payload: { login: EMAIL.toUpperCase(), password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().account.id).toBe(emailUp.account.id);
    const phoneAgain = await signUpByPhone(test, { phone: PHONE, handle: 'ignored_x', ip: IPS.US });
    expect(phoneAgain.created).toBe(false);
    expect(phoneAgain.account.id).toBe(phoneUp.account.id);
    // the holder still reads their sessions' user agent
    const sessions = await test.client({ token: emailUp.token }).me.sessions();
    expect(sessions.items.map((s) => s.userAgent)).toContain(USER_AGENT);

    const dump = await dumpEverything();
    const needles = [
      PHONE,
      PHONE.slice(1),
      '13912345678',
      EMAIL,
      'vault.holder',
      USER_AGENT,
      'quietly-unique-agent',
      IPS.GERMANY,
      IPS.BRAZIL,
    ];
    for (const needle of needles) {
      expect(dump, needle).not.toContain(needle);
      expect(dump, `${needle} in hex`).not.toContain(Buffer.from(needle).toString('hex'));
    }
    // the columns are sealed, not empty
    const row = await test.database.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', emailUp.account.id)
      .executeTakeFirstOrThrow();
    expect(row.email).toBeNull();
    expect(row.email_sealed).toMatch(/^v1\./);
    expect((await test.vault.contactOf(test.database.db, row)).email).toBe(EMAIL);
    // nothing personal in the logs either
    const logs = test.logs.join('\n');
    for (const needle of [PHONE, EMAIL, USER_AGENT]) expect(logs).not.toContain(needle);
  });

  it('seals rows written before the vault, online and idempotently, and finds them all along', async () => {
    const { db } = test.database;
    const id = await addAccountRow(db, 'legacy_lu');
    await sql`UPDATE accounts SET phone_e164 = '+14155550123' WHERE id = ${id}`.execute(db);
    const sessionId = uuidv7();
    await sql`INSERT INTO sessions (id, account_id, token_hash, user_agent, expires_at)
      VALUES (${sessionId}, ${id}, ${randomBytes(32)}, 'LegacyBrowser/1.0', now() + interval '1 day')`.execute(
      db,
    );
    const codeId = uuidv7();
    await sql`INSERT INTO phone_verifications (id, phone_e164, code_hash, expires_at)
      VALUES (${codeId}, '+14155550124', ${randomBytes(32)}, now() + interval '10 minutes')`.execute(
      db,
    );
    const email = 'legacy_lu@example.test';
    // before: found by the plaintext
    expect((await findAccountByEmail(db, email, test.vault.index('email', email)))?.id).toBe(id);

    const first = await test.vault.sealLegacyRows(db, 1); // batches of one: several rounds
    expect(first.accounts).toBeGreaterThanOrEqual(1);
    expect(first.sessions).toBeGreaterThanOrEqual(1);
    expect(first.codes).toBeGreaterThanOrEqual(1);
    const second = await test.vault.sealLegacyRows(db);
    expect(second).toEqual({ accounts: 0, sessions: 0, codes: 0, conflicts: 0 });

    const account = await db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect({ phone: account.phone_e164, email: account.email }).toEqual({
      phone: null,
      email: null,
    });
    expect(await test.vault.contactOf(db, account)).toEqual({ phone: '+14155550123', email });
    expect((await findAccountByEmail(db, email, test.vault.index('email', email)))?.id).toBe(id);
    expect(
      (await findAccountByPhone(db, '+14155550123', test.vault.index('phone', '+14155550123')))?.id,
    ).toBe(id);
    const session = await db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(session.user_agent).toBeNull();
    expect(await test.vault.open(db, id, 'user_agent', session.user_agent_sealed)).toBe(
      'LegacyBrowser/1.0',
    );
    const code = await db
      .selectFrom('phone_verifications')
      .selectAll()
      .where('id', '=', codeId)
      .executeTakeFirstOrThrow();
    expect(code.phone_e164).toBeNull();
    expect(await test.vault.openCodePhone(code)).toBe('+14155550124');
    // the periodic task runs the same step
    await test.tasks.sealPersonalData.run();
    // an old row whose address a new account took meanwhile keeps its plaintext (a conflict to
    // settle), and the rest goes on
    const twin = await addAccountRow(db, 'legacy_twin');
    await sql`UPDATE accounts SET email = ${EMAIL} WHERE id = ${twin}`.execute(db);
    expect(await test.vault.sealLegacyRows(db)).toMatchObject({ accounts: 0, conflicts: 1 });
    await sql`DELETE FROM accounts WHERE id = ${twin}`.execute(db);
  });

  it('rotates every data key to a new KEK, resumably', async () => {
    const { db } = test.database;
    const provider = test.vault.provider as FileKeyProvider;
    const oldKek = provider.currentKekId();
    const before = await db.selectFrom('account_keys').select(['account_id', 'kek_id']).execute();
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(new Set(before.map((row) => row.kek_id))).toEqual(new Set([oldKek]));
    const lines: string[] = [];
    // interrupted after its first batch (of one key)
    const stop = new AbortController();
    const io = {
      out: (line: string) => {
        lines.push(line);
        if (line.includes('re-wrapped 1 of')) stop.abort();
      },
      err: (line: string) => lines.push(line),
    };
    expect(
      await runKeysCommand(test.database, ['rotate', '--batch', '1'], io, provider, {
        signal: stop.signal,
      }),
    ).toBe(1);
    const newKek = provider.currentKekId();
    expect(newKek).not.toBe(oldKek);
    const midway = await db.selectFrom('account_keys').select('kek_id').execute();
    expect(midway.filter((row) => row.kek_id === newKek)).toHaveLength(1);
    // run again: it goes on under the same new KEK, it does not start another
    expect(await runKeysCommand(test.database, ['rotate', '--batch', '2'], io, provider)).toBe(0);
    expect(provider.currentKekId()).toBe(newKek);
    expect(lines.join('\n')).toContain('Resuming');
    const after = await db.selectFrom('account_keys').select(['account_id', 'kek_id']).execute();
    expect(after).toHaveLength(before.length);
    expect(after.every((row) => row.kek_id === newKek)).toBe(true);
    // every key still opens: a vault with no cache reads every account's phone or e-mail
    const fresh = new Vault(FileKeyProvider.open(keyFile(), { create: false }));
    await fresh.check(db);
    const accounts = await db
      .selectFrom('accounts')
      .selectAll()
      .where('deleted_at', 'is', null)
      .execute();
    let opened = 0;
    for (const account of accounts) {
      const contact = await fresh.contactOf(db, account);
      // (a sign-up with a taken address has none: it signs in with its handle)
      if (account.phone_sealed || account.email_sealed) {
        expect(contact.phone ?? contact.email).toMatch(/@|^\+/);
        opened++;
      }
    }
    expect(opened).toBeGreaterThanOrEqual(3);
    // the key file stays private
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
  });

  it('destroys the data key at the purge: a copy of the sealed data no longer opens', async () => {
    const { db } = test.database;
    const doomed = await emailSignup('doomed.holder@example.org', 'vault_doomed', IPS.US);
    const copy = await db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', doomed.account.id)
      .executeTakeFirstOrThrow();
    // as a backup would hold them: the sealed address and the wrapped key
    expect((await test.vault.contactOf(db, copy)).email).toBe('doomed.holder@example.org');
    await test.client({ token: doomed.token }).me.delete({ password: PASSWORD });
    offset = DELETION_GRACE_MS + DAY;
    try {
      expect(await test.tasks.purgeDeletedAccounts.run()).toBe(1);
    } finally {
      offset = 0;
    }
    const keys = await db
      .selectFrom('account_keys')
      .select('account_id')
      .where('account_id', '=', doomed.account.id)
      .execute();
    expect(keys).toEqual([]);
    for (const vault of [
      test.vault,
      new Vault(FileKeyProvider.open(keyFile(), { create: false })),
    ]) {
      const error = await vault.contactOf(db, copy).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(VaultError);
      expect((error as VaultError).code).toBe('DATA_KEY_DESTROYED');
    }
  });
});

describe('keys at start', () => {
  it('creates the key file with mode 0600 and refuses one others can read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atrium-keys-'));
    try {
      const file = path.join(dir, 'keys', 'atrium-keys.json');
      FileKeyProvider.open(file, { create: true });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      FileKeyProvider.open(file, { create: false }); // opens again
      chmodSync(file, 0o644);
      expect(() => FileKeyProvider.open(file, { create: false })).toThrow(
        expect.objectContaining({ code: 'KEY_FILE_PERMISSIONS' }),
      );
      expect(() => FileKeyProvider.open(path.join(dir, 'none.json'), { create: false })).toThrow(
        expect.objectContaining({ code: 'KEY_FILE_INVALID' }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a missing or wrong KEK, or another blind-index key, with a code', async () => {
    const { db } = test.database;
    const json = JSON.parse(readFileSync(keyFile(), 'utf8')) as {
      current: string;
      keks: Record<string, string>;
      blindIndexKey: string;
    };
    const env = (extra: Record<string, string>) => ({
      ATRIUM_BLIND_INDEX_KEY: json.blindIndexKey,
      ...extra,
    });
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'started',
        (error: unknown) => (error instanceof VaultError ? error.code : String(error)),
      );
    const keys = (vars: Record<string, string>) => ({ kind: 'env' as const, env: vars });
    // the right keys from the environment adapter: starts
    const all = Object.fromEntries(
      Object.entries(json.keks).map(([id, key]) => [`ATRIUM_KEK_${id}`, key]),
    );
    expect(
      await codeOf(openVault(keys(env({ ...all, ATRIUM_KEK_CURRENT: json.current })), db)),
    ).toBe('started');
    // the KEK the data keys are under is not given
    const other = randomBytes(32).toString('base64');
    expect(
      await codeOf(
        openVault(keys(env({ ATRIUM_KEK_spare: other, ATRIUM_KEK_CURRENT: 'spare' })), db),
      ),
    ).toBe('KEK_MISSING');
    // given under its id, but with other bytes
    expect(
      await codeOf(
        openVault(
          keys(
            env({
              ...all,
              [`ATRIUM_KEK_${json.current}`]: other,
              ATRIUM_KEK_CURRENT: json.current,
            }),
          ),
          db,
        ),
      ),
    ).toBe('KEK_MISMATCH');
    // another blind-index key would silently break every lookup: refused
    expect(
      await codeOf(
        openVault(
          keys({ ...all, ATRIUM_KEK_CURRENT: json.current, ATRIUM_BLIND_INDEX_KEY: other }),
          db,
        ),
      ),
    ).toBe('BLIND_INDEX_KEY_MISMATCH');
    // no current KEK at all
    expect(() => EnvKeyProvider.fromEnv(env({}))).toThrow(
      expect.objectContaining({ code: 'KEK_CONFIG_INVALID' }),
    );
  });
});
