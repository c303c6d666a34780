import { createHmac, randomBytes } from 'node:crypto';
import { type Db, type DbHandle, inTransaction } from '../../db/database.js';
import { openText, sameBytes, sealText } from '../../lib/aead.js';
import { TtlMap } from '../../lib/ttl-map.js';
import { type KeyProvider, VaultError } from './key-provider.js';
import * as store from './vault.store.js';

// The personal-data vault (docs/security.md, "Personal-data vault"). Envelope encryption: every
// account has a random 256-bit data key, kept in `account_keys` wrapped by a key-encryption key
// (KEK) of the `KeyProvider`; an account's phone number, e-mail address and session user agents
// are sealed under its data key with AES-256-GCM (`lib/aead.ts`), bound to the account and the
// field. Lookups go through blind indexes: HMAC-SHA256 under a key of their own, of the
// normalized value. Unwrapped data keys are cached in memory, bounded, for a few minutes, so a
// login or a sign-up costs one HMAC and one AES operation, not a KEK call.

export type SealedField = 'phone' | 'email' | 'user_agent';

/** How many unwrapped data keys a process keeps, and for how long (a purge drops its own at once). */
const KEY_CACHE_MAX = 10_000;
const KEY_CACHE_TTL_MS = 5 * 60_000;
const CANARY = Buffer.alloc(32, 0xa7);
const INDEX_CHECK = 'atrium blind index check v1';

/** An account's contact details as they were given (none when it has none). */
export interface Contact {
  phone: string | null;
  email: string | null;
}

/** The columns of an account row the vault reads. */
export interface SealedAccount {
  id: string;
  phone_sealed: string | null;
  email_sealed: string | null;
  /** Plaintext of a row not sealed yet (written before migration 0030). */
  phone_e164: string | null;
  email: string | null;
}

function aadOf(accountId: string, field: SealedField): string {
  return `${accountId.toLowerCase()}:${field}`;
}

function wrapAad(accountId: string): string {
  return `atrium data key:${accountId.toLowerCase()}`;
}

export class Vault {
  readonly #keys = new TtlMap<string, Buffer>(KEY_CACHE_TTL_MS, KEY_CACHE_MAX);
  readonly #indexKey: Buffer;

  constructor(readonly provider: KeyProvider) {
    this.#indexKey = provider.blindIndexKey();
  }

  /** The blind index of a normalized phone number (E.164) or e-mail address (lower case). */
  index(kind: 'phone' | 'email', value: string): Buffer {
    return createHmac('sha256', this.#indexKey).update(`${kind}:${value}`).digest();
  }

  /**
   * Checks the keys against the database at start: the blind-index key and every KEK that
   * still wraps something must be the ones the data was sealed with. The first start records
   * the checks. Throws a `VaultError` with a code (`BLIND_INDEX_KEY_MISMATCH`, `KEK_MISSING`,
   * `KEK_MISMATCH`).
   */
  async check(db: Db): Promise<void> {
    const indexCheck = createHmac('sha256', this.#indexKey).update(INDEX_CHECK).digest();
    const current = this.provider.currentKekId();
    await store.insertKeyCheck(db, 'blind-index', indexCheck);
    const known = new Map((await store.keyChecks(db)).map((row) => [row.name, row.check_value]));
    if (!sameBytes(known.get('blind-index'), indexCheck)) {
      throw new VaultError(
        'BLIND_INDEX_KEY_MISMATCH',
        'the blind-index key is not the one this database was written with (lookups by phone and e-mail would fail)',
      );
    }
    for (const [name, value] of known) {
      if (!name.startsWith('kek:')) continue;
      const id = name.slice(4);
      if (!this.provider.has(id)) {
        if (await store.kekInUse(db, id)) {
          throw new VaultError(
            'KEK_MISSING',
            `data keys are wrapped under the KEK "${id}", which ${this.provider.describe()} does not have`,
          );
        }
        continue; // retired, and nothing uses it any more
      }
      const opened = await this.provider.unwrap(id, value, `kek check:${id}`).catch(() => null);
      if (!sameBytes(opened, CANARY)) {
        throw new VaultError(
          'KEK_MISMATCH',
          `the KEK "${id}" of ${this.provider.describe()} is not the key this database was written with`,
        );
      }
    }
    // a KEK used for the first time: its canary, for the next starts
    if (!known.has(`kek:${current}`)) {
      const { wrapped } = await this.provider.wrap(CANARY, `kek check:${current}`);
      await store.insertKeyCheck(db, `kek:${current}`, wrapped);
    }
  }

  /**
   * A new data key for a new account, cached, and its row for the caller to write with the
   * account (the single-statement phone sign-up does).
   */
  async newAccountKey(accountId: string): Promise<{ key: Buffer; row: store.AccountKeyRow }> {
    const key = randomBytes(32);
    const { kekId, wrapped } = await this.provider.wrap(key, wrapAad(accountId));
    this.#keys.set(accountId, key);
    return { key, row: { account_id: accountId, kek_id: kekId, wrapped_key: wrapped } };
  }

  /**
   * A data key stored (in the caller's transaction; the account row may follow, the foreign key
   * is checked at commit) and cached. Answers the key the account has, should another request
   * have given it one first.
   */
  async createAccountKey(db: DbHandle, accountId: string): Promise<Buffer> {
    const { key, row } = await this.newAccountKey(accountId);
    const stored = await store.insertAccountKey(db, row);
    const kept = sameBytes(stored.wrapped_key, row.wrapped_key) ? key : await this.#unwrap(stored);
    this.#keys.set(accountId, kept);
    return kept;
  }

  /** `value` sealed under a data key the caller holds (a new account's, before it is stored). */
  sealWith(
    key: Buffer,
    accountId: string,
    field: SealedField,
    value: string | null,
  ): string | null {
    return value === null ? null : sealText(key, aadOf(accountId, field), value);
  }

  /** The account's data key: cached, or unwrapped; `DATA_KEY_DESTROYED` when it has none. */
  async keyOf(db: DbHandle, accountId: string): Promise<Buffer> {
    const cached = this.#keys.get(accountId);
    if (cached) return cached;
    const row = await store.findAccountKey(db, accountId);
    if (!row) {
      throw new VaultError('DATA_KEY_DESTROYED', `account ${accountId} has no data key`);
    }
    const key = await this.#unwrap(row);
    this.#keys.set(accountId, key);
    return key;
  }

  /** The data key, created for an account from before the vault that has none yet. */
  async #keyForSealing(db: DbHandle, accountId: string): Promise<Buffer> {
    try {
      return await this.keyOf(db, accountId);
    } catch (error) {
      if (!(error instanceof VaultError && error.code === 'DATA_KEY_DESTROYED')) throw error;
      return this.createAccountKey(db, accountId);
    }
  }

  async #unwrap(row: store.AccountKeyRow): Promise<Buffer> {
    return this.provider.unwrap(row.kek_id, row.wrapped_key, wrapAad(row.account_id));
  }

  /** `value` sealed under the account's data key (null stays null). */
  async seal(db: DbHandle, accountId: string, field: SealedField, value: string): Promise<string>;
  async seal(
    db: DbHandle,
    accountId: string,
    field: SealedField,
    value: string | null,
  ): Promise<string | null>;
  async seal(db: DbHandle, accountId: string, field: SealedField, value: string | null) {
    if (value === null) return null;
    return sealText(await this.#keyForSealing(db, accountId), aadOf(accountId, field), value);
  }

  /** The value sealed by `seal`; null stays null. Throws `DATA_KEY_DESTROYED` after a purge. */
  async open(db: DbHandle, accountId: string, field: SealedField, sealed: string | null) {
    if (sealed === null) return null;
    return openText(await this.keyOf(db, accountId), aadOf(accountId, field), sealed);
  }

  /** The phone number and e-mail address of an account row, opened (or still in plaintext). */
  async contactOf(db: DbHandle, row: SealedAccount): Promise<Contact> {
    return {
      phone: row.phone_sealed
        ? await this.open(db, row.id, 'phone', row.phone_sealed)
        : row.phone_e164,
      email: row.email_sealed ? await this.open(db, row.id, 'email', row.email_sealed) : row.email,
    };
  }

  /** The columns of a phone number or e-mail address on an account (index and sealed value). */
  async sealContact(db: DbHandle, accountId: string, contact: Contact) {
    return {
      phone_index: contact.phone === null ? null : this.index('phone', contact.phone),
      phone_sealed: await this.seal(db, accountId, 'phone', contact.phone),
      email_index: contact.email === null ? null : this.index('email', contact.email),
      email_sealed: await this.seal(db, accountId, 'email', contact.email),
    };
  }

  /** A one-time code's number (no account yet): sealed under the KEK, bound to the code's id. */
  async sealCodePhone(id: string, phone: string) {
    const { kekId, wrapped } = await this.provider.wrap(
      Buffer.from(phone),
      `code:${id.toLowerCase()}`,
    );
    return {
      phone_index: this.index('phone', phone),
      phone_sealed: wrapped.toString('base64url'),
      kek_id: kekId,
    };
  }

  async openCodePhone(row: {
    id: string;
    phone_e164: string | null;
    phone_sealed: string | null;
    kek_id: string | null;
  }): Promise<string> {
    if (row.phone_sealed === null || row.kek_id === null) {
      if (row.phone_e164 === null) throw new Error('a code without a number');
      return row.phone_e164;
    }
    const opened = await this.provider.unwrap(
      row.kek_id,
      Buffer.from(row.phone_sealed, 'base64url'),
      `code:${row.id.toLowerCase()}`,
    );
    return opened.toString('utf8');
  }

  /** Crypto-shredding: the account's data key destroyed (in the caller's transaction). */
  async destroyAccountKey(db: DbHandle, accountId: string): Promise<boolean> {
    this.#keys.delete(accountId);
    const deleted = await store.deleteAccountKey(db, accountId);
    this.#keys.delete(accountId);
    return deleted;
  }

  /** Forgets a cached key (after a purge elsewhere, or a rotation). */
  forget(accountId: string): void {
    this.#keys.delete(accountId);
  }

  /**
   * Seals rows written before the vault, one batch of each table per transaction, until none
   * is left: the plaintext is cleared in the statement that writes the sealed value. Rows are
   * locked with SKIP LOCKED, so several nodes can run it at once; a run that stops is finished by
   * the next. Answers how many rows it sealed.
   */
  async sealLegacyRows(
    db: Db,
    batch = 500,
  ): Promise<{ accounts: number; sessions: number; codes: number; conflicts: number }> {
    const done = { accounts: 0, sessions: 0, codes: 0, conflicts: 0 };
    for (;;) {
      const { seen, sealed } = await inTransaction(db, async (tx) => {
        const rows = await store.plaintextAccounts(tx, batch);
        let sealedHere = 0;
        for (const row of rows) {
          const phone = row.phone_e164;
          const email = row.email;
          const phoneIndex = phone === null ? null : this.index('phone', phone);
          const emailIndex = email === null ? null : this.index('email', email);
          // taken meanwhile by a new account (the window before this row was sealed): the row
          // keeps its plaintext, counted as a conflict for an operator to settle
          if (
            (phoneIndex &&
              (await store.indexHeldByAnother(tx, 'phone_index', phoneIndex, row.id))) ||
            (emailIndex && (await store.indexHeldByAnother(tx, 'email_index', emailIndex, row.id)))
          ) {
            done.conflicts++;
            continue;
          }
          await store.sealAccountRow(tx, row.id, {
            phone_index: phoneIndex,
            phone_sealed: await this.seal(tx, row.id, 'phone', phone),
            email_index: emailIndex,
            email_sealed: await this.seal(tx, row.id, 'email', email),
          });
          sealedHere++;
        }
        return { seen: rows.length, sealed: sealedHere };
      });
      done.accounts += sealed;
      if (seen < batch || sealed === 0) break;
    }
    for (;;) {
      const count = await inTransaction(db, async (tx) => {
        const rows = await store.plaintextSessions(tx, batch);
        for (const row of rows) {
          await store.sealSessionRow(
            tx,
            row.id,
            await this.seal(tx, row.account_id, 'user_agent', row.user_agent!),
          );
        }
        return rows.length;
      });
      done.sessions += count;
      if (count < batch) break;
    }
    for (;;) {
      const count = await inTransaction(db, async (tx) => {
        const rows = await store.plaintextCodes(tx, batch);
        for (const row of rows) {
          await store.sealCodeRow(tx, row.id, await this.sealCodePhone(row.id, row.phone_e164!));
        }
        return rows.length;
      });
      done.codes += count;
      if (count < batch) break;
    }
    return done;
  }

  /**
   * Re-wraps every data key (and one-time code) not under the current KEK, `batch` at a time,
   * each batch its own short transaction: writes go on meanwhile, and a run that stops (or is
   * interrupted with `signal`) leaves every key readable, under the old KEK or the new, and the
   * next run goes on from there. `onProgress` hears the count done after each batch.
   */
  async rotate(
    db: Db,
    options: { batch?: number; signal?: AbortSignal; onProgress?: (done: number) => void } = {},
  ): Promise<{ rewrapped: number; codes: number; complete: boolean }> {
    const batch = options.batch ?? 1000;
    const current = this.provider.currentKekId();
    let rewrapped = 0;
    let codes = 0;
    for (;;) {
      if (options.signal?.aborted) return { rewrapped, codes, complete: false };
      const rows = await store.keysNotUnder(db, current, batch);
      for (const row of rows) {
        const key = await this.#unwrap(row);
        const next = await this.provider.wrap(key, wrapAad(row.account_id));
        await store.rewrapAccountKey(db, row, { kek_id: next.kekId, wrapped_key: next.wrapped });
      }
      rewrapped += rows.length;
      options.onProgress?.(rewrapped);
      if (rows.length < batch) break;
    }
    for (;;) {
      if (options.signal?.aborted) return { rewrapped, codes, complete: false };
      const rows = await store.codesNotUnder(db, current, batch);
      for (const row of rows) {
        const phone = await this.openCodePhone({ ...row, phone_e164: null });
        const sealed = await this.sealCodePhone(row.id, phone);
        await store.resealCode(db, row.id, row.kek_id!, {
          kek_id: sealed.kek_id,
          phone_sealed: sealed.phone_sealed,
        });
      }
      codes += rows.length;
      if (rows.length < batch) break;
    }
    return { rewrapped, codes, complete: true };
  }
}
