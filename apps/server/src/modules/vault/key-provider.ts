import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { openPacked, sealPacked } from '../../lib/aead.js';

// The `KeyProvider` port: where the vault's key-encryption keys (KEKs) and its blind-index key
// come from. The vault only ever asks a provider to wrap and unwrap small secrets (data keys of
// 32 bytes, a phone number of a one-time code) under a KEK named by an id, so a remote key
// service fits the same port: HashiCorp Vault Transit (`transit/encrypt/<id>` and
// `transit/decrypt/<id>`, the id being the Transit key's name and version) or a cloud KMS
// (`Encrypt`/`Decrypt` with the key's ARN or resource name as the id, the associated data as the
// encryption context). Two adapters ship: a local key file (the default) and environment
// variables (what a secret manager injects). See docs/security.md, "Key management".

export type VaultErrorCode =
  | 'KEK_MISSING'
  | 'KEK_MISMATCH'
  | 'KEK_CONFIG_INVALID'
  | 'KEY_FILE_INVALID'
  | 'KEY_FILE_PERMISSIONS'
  | 'BLIND_INDEX_KEY_MISMATCH'
  | 'DATA_KEY_DESTROYED';

/** A key problem found at start (or a shredded account's data asked for): a stable code. */
export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'VaultError';
  }
}

export interface KeyProvider {
  /** `file` or `env` (or the name of a remote adapter), for the start banner. */
  readonly kind: string;
  /** Where the keys are, without any key: for the banner and error messages. */
  describe(): string;
  /** The KEK new data keys are wrapped under. */
  currentKekId(): string;
  /** Whether the KEK `id` is available (a retired one may not be). */
  has(id: string): boolean;
  /** `plain` sealed under the current KEK, bound to `aad`. */
  wrap(plain: Buffer, aad: string): Promise<{ kekId: string; wrapped: Buffer }>;
  /** Throws `KEK_MISSING` for an unknown id, or an error when the bytes do not open. */
  unwrap(kekId: string, wrapped: Buffer, aad: string): Promise<Buffer>;
  /** The 32-byte key of the blind indexes. It never changes: lookups depend on it. */
  blindIndexKey(): Buffer;
}

/** A provider whose KEKs are bytes in this process (the key file and the environment). */
class LocalKeyring implements KeyProvider {
  constructor(
    readonly kind: string,
    private readonly where: string,
    protected keks: Map<string, Buffer>,
    protected current: string,
    private readonly indexKey: Buffer,
  ) {}

  describe(): string {
    return `${this.where} (KEK ${this.current})`;
  }

  currentKekId(): string {
    return this.current;
  }

  has(id: string): boolean {
    return this.keks.has(id);
  }

  async wrap(plain: Buffer, aad: string) {
    return { kekId: this.current, wrapped: sealPacked(this.kek(this.current), aad, plain) };
  }

  async unwrap(kekId: string, wrapped: Buffer, aad: string): Promise<Buffer> {
    return openPacked(this.kek(kekId), aad, wrapped);
  }

  blindIndexKey(): Buffer {
    return this.indexKey;
  }

  private kek(id: string): Buffer {
    const key = this.keks.get(id);
    if (!key)
      throw new VaultError('KEK_MISSING', `the key-encryption key "${id}" is not in ${this.where}`);
    return key;
  }
}

const KEK_ID = /^[A-Za-z0-9_-]{1,64}$/;

function decodeKey(value: unknown, what: string, code: VaultErrorCode): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32) throw new VaultError(code, `${what} must be 32 bytes in base64`);
  return bytes;
}

/** A new KEK id: the date and a few random hex digits (`k20261207-3fa9c1`). */
export function newKekId(now = new Date()): string {
  return `k${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
}

interface KeyFileJson {
  format: 'atrium-keys';
  version: 1;
  current: string;
  keks: Record<string, string>;
  blindIndexKey: string;
}

/**
 * The local key file (`ATRIUM_KEY_FILE`, default `DATA_DIR/keys/atrium-keys.json`): created on
 * first start with mode 0600 in a 0700 directory; a file that group or others may read is
 * refused (`KEY_FILE_PERMISSIONS`). Keep it out of database backups, and back it up apart.
 */
export class FileKeyProvider extends LocalKeyring {
  private constructor(
    readonly file: string,
    keks: Map<string, Buffer>,
    current: string,
    indexKey: Buffer,
  ) {
    super('file', file, keks, current, indexKey);
  }

  static open(file: string, options: { create: boolean }): FileKeyProvider {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !options.create) {
        throw new VaultError(
          'KEY_FILE_INVALID',
          `cannot read the key file ${file}: ${(error as Error).message}`,
        );
      }
      const created: KeyFileJson = {
        format: 'atrium-keys',
        version: 1,
        current: newKekId(),
        keks: {},
        blindIndexKey: randomBytes(32).toString('base64'),
      };
      created.keks[created.current] = randomBytes(32).toString('base64');
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      // written aside, then linked into place: the file appears whole or not at all, and a
      // second process of the same start (a cluster worker) that lost the race uses the first's
      const temporary = `${file}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
      writeFileSync(temporary, `${JSON.stringify(created, null, 2)}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
      try {
        linkSync(temporary, file);
      } catch (linkError) {
        if ((linkError as NodeJS.ErrnoException).code !== 'EEXIST') throw linkError;
      } finally {
        unlinkSync(temporary);
      }
      text = readFileSync(file, 'utf8');
    }
    const mode = statSync(file).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new VaultError(
        'KEY_FILE_PERMISSIONS',
        `the key file ${file} has mode ${mode.toString(8)}: group and others must have no access (chmod 600)`,
      );
    }
    let json: KeyFileJson;
    try {
      json = JSON.parse(text) as KeyFileJson;
    } catch {
      throw new VaultError('KEY_FILE_INVALID', `the key file ${file} is not JSON`);
    }
    if (json?.format !== 'atrium-keys' || typeof json.keks !== 'object' || !json.keks) {
      throw new VaultError('KEY_FILE_INVALID', `${file} is not an Atrium key file`);
    }
    const keks = new Map<string, Buffer>();
    for (const [id, value] of Object.entries(json.keks)) {
      if (!KEK_ID.test(id))
        throw new VaultError('KEY_FILE_INVALID', `bad KEK id "${id}" in ${file}`);
      keks.set(id, decodeKey(value, `the KEK "${id}" in ${file}`, 'KEY_FILE_INVALID'));
    }
    if (!keks.has(json.current)) {
      throw new VaultError('KEK_MISSING', `the current KEK "${json.current}" is not in ${file}`);
    }
    const indexKey = decodeKey(json.blindIndexKey, `blindIndexKey in ${file}`, 'KEY_FILE_INVALID');
    return new FileKeyProvider(file, keks, json.current, indexKey);
  }

  /** Adds a new KEK and makes it current (written atomically, mode 0600); answers its id. */
  addKek(): string {
    const id = newKekId();
    const json: KeyFileJson = JSON.parse(readFileSync(this.file, 'utf8')) as KeyFileJson;
    json.keks[id] = randomBytes(32).toString('base64');
    json.current = id;
    const temporary = `${this.file}.tmp-${process.pid}`;
    writeFileSync(temporary, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
    this.keks.set(id, Buffer.from(json.keks[id]!, 'base64'));
    this.current = id;
    return id;
  }
}

/**
 * KEKs from the environment, as a secret manager or an orchestrator injects them:
 * `ATRIUM_KEK_<id>` (32 bytes in base64) for each KEK still in use, `ATRIUM_KEK_CURRENT=<id>`,
 * and `ATRIUM_BLIND_INDEX_KEY` (32 bytes in base64).
 */
export class EnvKeyProvider extends LocalKeyring {
  static fromEnv(env: Record<string, string | undefined>): EnvKeyProvider {
    const keks = new Map<string, Buffer>();
    for (const [name, value] of Object.entries(env)) {
      if (!name.startsWith('ATRIUM_KEK_') || name === 'ATRIUM_KEK_CURRENT' || !value) continue;
      const id = name.slice('ATRIUM_KEK_'.length);
      if (!KEK_ID.test(id)) throw new VaultError('KEK_CONFIG_INVALID', `bad KEK id in ${name}`);
      keks.set(id, decodeKey(value, name, 'KEK_CONFIG_INVALID'));
    }
    const current = env.ATRIUM_KEK_CURRENT ?? '';
    if (!current) throw new VaultError('KEK_CONFIG_INVALID', 'ATRIUM_KEK_CURRENT is not set');
    if (!keks.has(current)) {
      throw new VaultError(
        'KEK_MISSING',
        `ATRIUM_KEK_CURRENT is "${current}" but ATRIUM_KEK_${current} is not set`,
      );
    }
    const indexKey = decodeKey(
      env.ATRIUM_BLIND_INDEX_KEY,
      'ATRIUM_BLIND_INDEX_KEY',
      'KEK_CONFIG_INVALID',
    );
    return new EnvKeyProvider('env', 'the environment', keks, current, indexKey);
  }
}
