import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { hashMatchActions } from '@atrium/contracts';
import { DEFAULT_HASH_MATCH, type HashMatchOptions } from './modules/media/hash-checker.js';
import {
  DEFAULT_RETENTION,
  RETENTION_VARIABLES,
  type RetentionSchedule,
} from './modules/retention/retention.schedule.js';

export type NodeEnv = 'development' | 'production' | 'test';
export const NODE_ROLES = ['all', 'api', 'worker'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Addresses/CIDRs of trusted reverse proxies; empty = use the socket address. */
  trustProxy: string[];
  demo: boolean;
  logLevel: LogLevel;
  /** Server secret for HMACs (one-time codes, CSRF). Never logged. */
  secret: string;
  /**
   * Where the personal-data vault's keys come from (`ATRIUM_KEYS`): the key file
   * (`ATRIUM_KEY_FILE`, default `DATA_DIR/keys/atrium-keys.json`) or the environment
   * (`ATRIUM_KEK_<id>`, `ATRIUM_KEK_CURRENT`, `ATRIUM_BLIND_INDEX_KEY`). See docs/security.md.
   */
  keys: { kind: 'file'; file: string } | { kind: 'env'; env: Record<string, string | undefined> };
  /** Disable all rate limits (load tests only; refused in production). */
  rateLimitsEnabled: boolean;
  /**
   * Risk scoring at the door (`ATRIUM_RISK=on|off`; docs/risk.md). On by default wherever rate
   * limits are: off with them (demo seeding, tests that sign up many accounts from one address).
   */
  riskEnabled: boolean;
  /**
   * Trust-level limits, first-actions scoring and the level-0 discover cap (`ATRIUM_TRUST=on|off`;
   * docs/risk.md). Same default as `riskEnabled`.
   */
  trustEnabled: boolean;
  /**
   * Surge mode's floor: sign-up attempts per minute (over 5 minutes) below which the automatic
   * rule never turns surge on, whatever the baseline (`ATRIUM_SURGE_FLOOR`, 30).
   */
  surgeFloorPerMinute: number;
  /**
   * Staff powers need TOTP (`ATRIUM_STAFF_2FA=required|optional`; docs/security.md, "Second
   * factor"): a staff member without it is refused every `/api/staff` route with 403
   * SECOND_FACTOR_REQUIRED_FOR_STAFF. Required by default in production, optional elsewhere.
   */
  staffSecondFactorRequired: boolean;
  /** Largest upload accepted, in bytes. */
  mediaMaxBytes: number;
  /** Most pixels (width × height × frames) an upload may decode to: decompression bombs. */
  mediaMaxPixels: number;
  /** Where image bytes are kept (`MEDIA_STORE`): `DATA_DIR/media`, or an S3-compatible bucket. */
  mediaStore: MediaStoreConfig;
  /** Video notes: limits and where ffmpeg is (docs/media.md, "Video notes"). */
  video: VideoConfig;
  /** The image checks off the request path (docs/media.md). */
  mediaChecks: {
    /**
     * Which checks run on every uploaded image (`MEDIA_CHECKS`, docs/media.md): text in images
     * (`ocr`), explicit imagery (`explicit`), known-bad hashes (`hash`). All of them by default;
     * none under NODE_ENV=test (tests that check images pass their checkers).
     */
    enabled: MediaCheckName[];
    /** How long one checker may take on one image before it counts as failed (review). */
    timeoutMs: number;
    /** How old a worker's claim on an image gets before another worker takes it again. */
    reclaimMs: number;
  };
  /** How uploads matching a known-bad hash are treated (`MEDIA_HASH_*`, docs/media.md). */
  hashMatch: HashMatchOptions;
  /** Where the built web app is served from (null: `apps/web/dist`). */
  webDistDir: string | null;
  translation: TranslationConfig;
  /** How long requests may take to arrive: slow clients (and slowloris attacks) hold no socket. */
  timeouts: RequestTimeouts;
  /** Server processes sharing the port (PostgreSQL only); 1 runs everything in this process. */
  workers: number;
  /**
   * What this node does (`ATRIUM_ROLE` or `atrium serve --role`; docs/scale.md): `all` serves the
   * API and runs the periodic tasks; `api` only serves; `worker` only runs the tasks (and answers
   * health checks and metrics). `api` and `worker` need PostgreSQL.
   */
  role: NodeRole;
  /**
   * The bearer token `GET /metrics` requires (`METRICS_TOKEN`, 16+ characters); null: metrics
   * are served to this machine only (loopback, not through a proxy). Never logged.
   */
  metricsToken: string | null;
  /**
   * Where alerts are posted (`ALERT_WEBHOOK_URL`, http or https; docs/operations.md, "Alerts");
   * null: the staff console only. Its path may hold a secret: only the host is ever logged.
   */
  alertWebhookUrl: string | null;
  /**
   * Redis shared by every node (`REDIS_URL`, `redis://` or `rediss://`; docs/scale.md): rate-limit
   * counters, cache invalidation and session revocation across nodes, one runner per periodic
   * task. Null: each process keeps its own (one node needs nothing more).
   */
  redis: RedisConfig | null;
  /**
   * NATS JetStream shared by every node (`NATS_URL`, `nats://` or `tls://`; docs/scale.md,
   * "Events and work queues"): domain events through the outbox table, the workers' queue, and
   * cache invalidation when Redis is not configured. Null: no events are recorded.
   */
  nats: NatsConfig | null;
  /**
   * How long personal data is kept, in days (`RETENTION_*_DAYS`; docs/privacy.md "Retention"):
   * the defaults of `DEFAULT_RETENTION`, each overridable.
   */
  retention: RetentionSchedule;
}

export interface NatsConfig {
  /** One server or several, comma-separated (`nats://host:4222,nats://other:4222`). */
  url: string;
  /** Prefix of every subject, stream and consumer (`NATS_PREFIX`, `atrium`). */
  prefix: string;
}

export interface RedisConfig {
  url: string;
  /** Prefix of every key and channel (`REDIS_PREFIX`, `atrium:`): several platforms on one Redis. */
  prefix: string;
}

/**
 * How long a request may take to arrive (docs/operations.md). Uploads follow a minimum transfer
 * rate rather than a flat limit, as Apache's `mod_reqtimeout` does: a 20 MiB image over a slow
 * mobile link takes minutes, one byte every five seconds never gets there.
 */
export interface RequestTimeouts {
  /** The headers, then the body, each within this (ms). */
  requestMs: number;
  /** An upload's body: `requestMs`, plus one second per this many bytes received… */
  uploadMinBytesPerSecond: number;
  /** …up to this in all (ms). */
  uploadMs: number;
}

export const TRANSLATION_ENGINES = ['apertium', 'libretranslate', 'deepl'] as const;
export type TranslationEngineName = (typeof TRANSLATION_ENGINES)[number];

/** Machine translation: the engines in order of preference and how to reach them. */
export interface TranslationConfig {
  /** Tried in this order for every pair they serve; empty turns translation off. */
  engines: TranslationEngineName[];
  libreTranslateUrl: string | null;
  libreTranslateApiKey: string | null;
  deeplApiKey: string | null;
  /** Per engine call, before falling back to the next engine. */
  timeoutMs: number;
  /**
   * Languages every new note is translated into ahead of its readers, on a worker node
   * (`TRANSLATION_PREFETCH`, e.g. `en,zh-Hans`; needs NATS_URL): empty, translated when read.
   */
  prefetch: string[];
}

export type MediaStoreConfig = { kind: 'local' } | ({ kind: 's3' } & S3MediaConfig);

/** Where an S3-compatible bucket is and how to sign in to it (`MEDIA_S3_*`, operations.md). */
export interface S3MediaConfig {
  bucket: string;
  /** Prepended to every key (`media/`); empty keeps keys at the bucket's root. */
  prefix: string;
  /** The service's URL (MinIO, Ceph, R2…); null: AWS S3 in `region`. */
  endpoint: string | null;
  region: string;
  /** Both or neither; neither: the SDK's chain (AWS_* variables, profile, instance role). */
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** `https://host/bucket/key` rather than `https://bucket.host/key` (most non-AWS services). */
  forcePathStyle: boolean;
}

/** A configuration problem, always naming the variable at fault. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const NODE_ENVS: readonly NodeEnv[] = ['development', 'production', 'test'];
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

export const MEDIA_CHECK_NAMES = ['ocr', 'explicit', 'hash'] as const;
export type MediaCheckName = (typeof MEDIA_CHECK_NAMES)[number];

/** `MEDIA_CHECKS`: `ocr,explicit,hash` (any of them, comma-separated), or `none`. */
function readMediaChecks(env: Env, nodeEnv: string): MediaCheckName[] {
  const raw = env.MEDIA_CHECKS?.trim();
  if (raw === undefined || raw === '') return nodeEnv === 'test' ? [] : [...MEDIA_CHECK_NAMES];
  if (raw === 'none') return [];
  const names = raw.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(MEDIA_CHECK_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(
        'MEDIA_CHECKS',
        `must be "none" or a comma-separated list of ${MEDIA_CHECK_NAMES.join(', ')} (got "${raw}")`,
      );
    }
  }
  return [...new Set(names as MediaCheckName[])];
}

function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function readPort(env: Env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return 3000;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError('PORT', `must be a port number 0–65535 (got "${raw}")`);
  }
  return Number(raw);
}

function readFlag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigError(name, `must be 1 or 0 (got "${raw}")`);
}

export interface VideoConfig {
  maxBytes: number;
  maxDurationSeconds: number;
  /** Width × height of one frame. */
  maxPixels: number;
  maxFrames: number;
  /** A whole processing run (probe, transcode, poster, frames) is killed after this. */
  timeoutMs: number;
  /** Null: the first `ffmpeg` / `ffprobe` on PATH. */
  ffmpegPath: string | null;
  ffprobePath: string | null;
}

function readVideo(env: Env): VideoConfig {
  const readPath = (name: string) => {
    const raw = env[name]?.trim();
    if (!raw) return null;
    if (!path.isAbsolute(raw))
      throw new ConfigError(name, `must be an absolute path (got "${raw}")`);
    return raw;
  };
  return {
    maxBytes: readPositiveInteger(env, 'MEDIA_VIDEO_MAX_BYTES', 200 * 1024 * 1024),
    maxDurationSeconds: readPositiveInteger(env, 'MEDIA_VIDEO_MAX_SECONDS', 300),
    maxPixels: readPositiveInteger(env, 'MEDIA_VIDEO_MAX_PIXELS', 4096 * 2160),
    maxFrames: readPositiveInteger(env, 'MEDIA_VIDEO_MAX_FRAMES', 300 * 60),
    timeoutMs: readPositiveInteger(env, 'MEDIA_VIDEO_TIMEOUT_SECONDS', 600) * 1000,
    ffmpegPath: readPath('FFMPEG_PATH'),
    ffprobePath: readPath('FFPROBE_PATH'),
  };
}

function readPositiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)) || Number(raw) === 0) {
    throw new ConfigError(name, `must be a whole number above 0 (got "${raw}")`);
  }
  return Number(raw);
}

function readDatabaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a URL (expected postgres://user@host:port/db)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must use postgres:// (got ${url.protocol}//)`);
  }
  if (url.pathname.length <= 1) throw new ConfigError('DATABASE_URL', 'names no database');
  return raw;
}

function readTrustProxy(env: Env): string[] {
  const raw = env.TRUST_PROXY;
  if (raw === undefined || raw.trim() === '') return [];
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const badBits = bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > maxBits);
    if (family === 0 || badBits || extra !== undefined) {
      throw new ConfigError('TRUST_PROXY', `"${entry}" is not an IP address or CIDR`);
    }
  }
  return entries;
}

/**
 * The server secret: `ATRIUM_SECRET` when set (required in production); otherwise one generated
 * once and kept in `DATA_DIR/secret.key`, so codes and CSRF tokens survive restarts.
 */
function readSecret(env: Env, nodeEnv: NodeEnv, dataDir: string): string {
  const raw = env.ATRIUM_SECRET;
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError('ATRIUM_SECRET', 'must be at least 32 characters');
    return raw;
  }
  if (nodeEnv === 'production') {
    throw new ConfigError('ATRIUM_SECRET', 'is required in production (32+ random characters)');
  }
  if (nodeEnv === 'test') return randomBytes(32).toString('hex');
  const file = path.join(dataDir, 'secret.key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

/** The vault's key provider: a key file (default) or the environment (docs/security.md). */
function readKeys(env: Env, cwd: string, dataDir: string): Config['keys'] {
  const kind = readEnum(env, 'ATRIUM_KEYS', ['file', 'env'] as const, 'file');
  if (kind === 'env') {
    const keys: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(env)) {
      if (name.startsWith('ATRIUM_KEK_') || name === 'ATRIUM_BLIND_INDEX_KEY') keys[name] = value;
    }
    return { kind, env: keys };
  }
  const file = env.ATRIUM_KEY_FILE
    ? path.resolve(cwd, env.ATRIUM_KEY_FILE)
    : path.join(dataDir, 'keys', 'atrium-keys.json');
  return { kind, file };
}

function readUrl(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ConfigError(name, `must be an http(s) URL (got "${raw}")`);
  }
  return raw.replace(/\/+$/, '');
}

function readPrefetch(env: Env): string[] {
  const tags = (env.TRANSLATION_PREFETCH ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  for (const tag of tags) {
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) {
      throw new ConfigError('TRANSLATION_PREFETCH', `"${tag}" is not a language tag`);
    }
  }
  if (tags.length > 0 && !env.NATS_URL?.trim()) {
    throw new ConfigError('TRANSLATION_PREFETCH', 'needs NATS_URL: worker nodes do the prefetch');
  }
  return [...new Set(tags)];
}

function readTranslation(env: Env): TranslationConfig {
  const raw = env.TRANSLATION_ENGINES;
  const engines = (raw === undefined ? 'apertium' : raw)
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of engines) {
    if (!(TRANSLATION_ENGINES as readonly string[]).includes(name)) {
      throw new ConfigError(
        'TRANSLATION_ENGINES',
        `"${name}" is not one of ${TRANSLATION_ENGINES.join(', ')}`,
      );
    }
  }
  const config: TranslationConfig = {
    engines: [...new Set(engines)] as TranslationEngineName[],
    libreTranslateUrl: readUrl(env, 'LIBRETRANSLATE_URL'),
    libreTranslateApiKey: env.LIBRETRANSLATE_API_KEY || null,
    deeplApiKey: env.DEEPL_API_KEY || null,
    timeoutMs: readPositiveInteger(env, 'TRANSLATION_TIMEOUT_MS', 8_000),
    prefetch: readPrefetch(env),
  };
  if (config.engines.includes('libretranslate') && !config.libreTranslateUrl)
    throw new ConfigError(
      'LIBRETRANSLATE_URL',
      'is required when TRANSLATION_ENGINES names libretranslate',
    );
  if (config.engines.includes('deepl') && !config.deeplApiKey)
    throw new ConfigError('DEEPL_API_KEY', 'is required when TRANSLATION_ENGINES names deepl');
  return config;
}

/** Reads and validates the configuration; throws `ConfigError` naming the bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const nodeEnv = readEnum(env, 'NODE_ENV', NODE_ENVS, 'development');
  const databaseUrl = readDatabaseUrl(env);
  const dataDir = path.resolve(cwd, env.DATA_DIR || './data');
  const host = env.HOST || '127.0.0.1';
  if (isIP(host) === 0 && !/^[A-Za-z0-9.-]+$/.test(host)) {
    throw new ConfigError('HOST', `"${host}" is not an address or host name`);
  }
  const rateLimitsEnabled = !readFlag(env, 'ATRIUM_DISABLE_RATE_LIMITS', false);
  if (!rateLimitsEnabled && nodeEnv === 'production') {
    throw new ConfigError('ATRIUM_DISABLE_RATE_LIMITS', 'is not allowed in production');
  }
  return {
    nodeEnv,
    port: readPort(env),
    host,
    dataDir,
    databaseUrl,
    trustProxy: readTrustProxy(env),
    demo: readFlag(env, 'ATRIUM_DEMO', databaseUrl === null),
    logLevel: readEnum(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    secret: readSecret(env, nodeEnv, dataDir),
    keys: readKeys(env, cwd, dataDir),
    rateLimitsEnabled,
    riskEnabled:
      readEnum(env, 'ATRIUM_RISK', ['on', 'off'] as const, rateLimitsEnabled ? 'on' : 'off') ===
      'on',
    trustEnabled:
      readEnum(env, 'ATRIUM_TRUST', ['on', 'off'] as const, rateLimitsEnabled ? 'on' : 'off') ===
      'on',
    surgeFloorPerMinute: readPositiveInteger(env, 'ATRIUM_SURGE_FLOOR', 30),
    staffSecondFactorRequired:
      readEnum(
        env,
        'ATRIUM_STAFF_2FA',
        ['required', 'optional'] as const,
        nodeEnv === 'production' ? 'required' : 'optional',
      ) === 'required',
    mediaMaxBytes: readPositiveInteger(env, 'MEDIA_MAX_BYTES', 20 * 1024 * 1024),
    mediaMaxPixels: readPositiveInteger(env, 'MEDIA_MAX_PIXELS', 40_000_000),
    mediaStore: readMediaStore(env),
    video: readVideo(env),
    mediaChecks: {
      enabled: readMediaChecks(env, nodeEnv),
      timeoutMs: readPositiveInteger(env, 'MEDIA_CHECK_TIMEOUT_MS', 15_000),
      reclaimMs: readPositiveInteger(env, 'MEDIA_CHECK_RECLAIM_MS', 120_000),
    },
    hashMatch: readHashMatch(env),
    webDistDir: env.WEB_DIST_DIR?.trim() ? path.resolve(env.WEB_DIST_DIR.trim()) : null,
    translation: readTranslation(env),
    timeouts: readTimeouts(env),
    workers: readWorkers(env, databaseUrl),
    role: readRole(env, databaseUrl),
    metricsToken: readMetricsToken(env),
    alertWebhookUrl: readAlertWebhook(env),
    redis: readRedis(env),
    nats: readNats(env),
    retention: readRetention(env),
  };
}

function readRetention(env: Env): RetentionSchedule {
  const schedule = { ...DEFAULT_RETENTION };
  for (const key of Object.keys(schedule) as (keyof RetentionSchedule)[]) {
    schedule[key] = readPositiveInteger(env, RETENTION_VARIABLES[key], DEFAULT_RETENTION[key]);
  }
  return schedule;
}

function readRedis(env: Env): RedisConfig | null {
  const raw = env.REDIS_URL?.trim();
  if (!raw) return null;
  try {
    const { protocol } = new URL(raw);
    if (protocol !== 'redis:' && protocol !== 'rediss:') throw new Error('protocol');
  } catch {
    throw new ConfigError(
      'REDIS_URL',
      `must be a redis:// or rediss:// URL (got "${redactAny(raw)}")`,
    );
  }
  const prefix = env.REDIS_PREFIX?.trim() || 'atrium:';
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(prefix)) {
    throw new ConfigError(
      'REDIS_PREFIX',
      `must be 1–64 letters, digits or . _ : - (got "${prefix}")`,
    );
  }
  return { url: raw, prefix };
}

function readNats(env: Env): NatsConfig | null {
  const raw = env.NATS_URL?.trim();
  if (!raw) return null;
  for (const server of raw.split(',')) {
    try {
      const { protocol } = new URL(server.trim());
      if (protocol !== 'nats:' && protocol !== 'tls:') throw new Error('protocol');
    } catch {
      throw new ConfigError(
        'NATS_URL',
        `must be nats:// or tls:// URLs, comma-separated (got "${redactAny(raw)}")`,
      );
    }
  }
  const prefix = env.NATS_PREFIX?.trim() || 'atrium';
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(prefix)) {
    throw new ConfigError('NATS_PREFIX', `must be 1–32 letters, digits, _ or - (got "${prefix}")`);
  }
  return { url: raw, prefix };
}

/** A value that may hold a password, for an error message. */
function redactAny(raw: string): string {
  return raw.replace(/\/\/[^@/]*@/g, '//***@');
}

function readAlertWebhook(env: Env): string | null {
  const raw = env.ALERT_WEBHOOK_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('ALERT_WEBHOOK_URL', 'is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('ALERT_WEBHOOK_URL', 'must be an http or https URL');
  }
  return url.toString();
}

function readMetricsToken(env: Env): string | null {
  const raw = env.METRICS_TOKEN?.trim();
  if (!raw) return null;
  if (raw.length < 16) throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters');
  return raw;
}

function readHashMatch(env: Env): HashMatchOptions {
  const reviewDistance = readPositiveInteger(
    env,
    'MEDIA_HASH_REVIEW_DISTANCE',
    DEFAULT_HASH_MATCH.reviewDistance,
  );
  const blockDistance = readPositiveInteger(
    env,
    'MEDIA_HASH_BLOCK_DISTANCE',
    Math.min(DEFAULT_HASH_MATCH.blockDistance, reviewDistance),
  );
  if (reviewDistance > 100)
    throw new ConfigError('MEDIA_HASH_REVIEW_DISTANCE', 'must be at most 100 of the 256 bits');
  if (blockDistance > reviewDistance)
    throw new ConfigError(
      'MEDIA_HASH_BLOCK_DISTANCE',
      'must be at most MEDIA_HASH_REVIEW_DISTANCE',
    );
  return {
    reviewDistance,
    blockDistance,
    action: readEnum(env, 'MEDIA_HASH_ACTION', hashMatchActions, DEFAULT_HASH_MATCH.action),
  };
}

function readMediaStore(env: Env): MediaStoreConfig {
  if (readEnum(env, 'MEDIA_STORE', ['local', 's3'] as const, 'local') === 'local') {
    return { kind: 'local' };
  }
  const bucket = env.MEDIA_S3_BUCKET?.trim() ?? '';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError(
      'MEDIA_S3_BUCKET',
      `must name a bucket when MEDIA_STORE=s3 (got "${bucket}")`,
    );
  }
  const endpoint = readUrl(env, 'MEDIA_S3_ENDPOINT');
  const accessKeyId = env.MEDIA_S3_ACCESS_KEY_ID || null;
  const secretAccessKey = env.MEDIA_S3_SECRET_ACCESS_KEY || null;
  if ((accessKeyId === null) !== (secretAccessKey === null)) {
    const missing = accessKeyId ? 'MEDIA_S3_SECRET_ACCESS_KEY' : 'MEDIA_S3_ACCESS_KEY_ID';
    throw new ConfigError(missing, 'is required with the other MEDIA_S3_*_KEY variable');
  }
  const prefix = env.MEDIA_S3_PREFIX?.trim() ?? '';
  if (prefix !== '' && !/^[A-Za-z0-9._/-]*\/$/.test(prefix)) {
    throw new ConfigError('MEDIA_S3_PREFIX', `must end with "/" (got "${prefix}")`);
  }
  return {
    kind: 's3',
    bucket,
    prefix,
    endpoint,
    region: env.MEDIA_S3_REGION?.trim() || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    // other services than AWS mostly want path-style addressing; AWS wants virtual hosts
    forcePathStyle: readFlag(env, 'MEDIA_S3_FORCE_PATH_STYLE', endpoint !== null),
  };
}

function readTimeouts(env: Env): RequestTimeouts {
  const timeouts: RequestTimeouts = {
    requestMs: readPositiveInteger(env, 'REQUEST_TIMEOUT_MS', 30_000),
    uploadMinBytesPerSecond: readPositiveInteger(env, 'UPLOAD_MIN_BYTES_PER_SECOND', 8 * 1024),
    uploadMs: readPositiveInteger(env, 'UPLOAD_TIMEOUT_MS', 30 * 60_000),
  };
  if (timeouts.uploadMs < timeouts.requestMs) {
    throw new ConfigError('UPLOAD_TIMEOUT_MS', 'must be at least REQUEST_TIMEOUT_MS');
  }
  return timeouts;
}

/**
 * ATRIUM_WORKERS: how many server processes share the port — a whole number, or `auto` for one
 * per CPU core. More than one needs PostgreSQL (the embedded database has a single owner).
 */
function readWorkers(env: Env, databaseUrl: string | null): number {
  const raw = env.ATRIUM_WORKERS;
  const workers =
    raw === 'auto' ? availableParallelism() : readPositiveInteger(env, 'ATRIUM_WORKERS', 1);
  if (workers > 1 && databaseUrl === null) {
    throw new ConfigError(
      'ATRIUM_WORKERS',
      'above 1 needs DATABASE_URL: the embedded database belongs to one process',
    );
  }
  return workers;
}

/** ATRIUM_ROLE: a node that does only part of the work needs others on a shared database. */
function readRole(env: Env, databaseUrl: string | null): NodeRole {
  const role = readEnum(env, 'ATRIUM_ROLE', NODE_ROLES, 'all');
  if (role !== 'all' && databaseUrl === null) {
    throw new ConfigError(
      'ATRIUM_ROLE',
      `${role} needs DATABASE_URL: the embedded database belongs to one process, which does all`,
    );
  }
  return role;
}

/** A one-screen summary for the start banner; never prints secrets or passwords. */
export function describeConfig(config: Config): string[] {
  const database = config.databaseUrl
    ? `PostgreSQL ${redactUrl(config.databaseUrl)}`
    : `embedded PGlite in ${path.join(config.dataDir, 'pgdata')}`;
  return [
    `environment   ${config.nodeEnv}`,
    `listening on  http://${config.host}:${config.port}`,
    `database      ${database}`,
    `data dir      ${config.dataDir}`,
    `vault keys    ${config.keys.kind === 'file' ? `key file ${config.keys.file}` : 'environment (ATRIUM_KEK_*)'}`,
    `trust proxy   ${config.trustProxy.length ? config.trustProxy.join(', ') : 'none (socket address)'}`,
    `rate limits   ${config.rateLimitsEnabled ? 'on' : 'OFF'}`,
    `risk scoring  ${config.riskEnabled ? 'on' : 'OFF'}, surge floor ${config.surgeFloorPerMinute} sign-ups/min`,
    `trust limits  ${config.trustEnabled ? 'on' : 'OFF'}`,
    `media limits  ${config.mediaMaxBytes} bytes, ${config.mediaMaxPixels} pixels`,
    `media store   ${describeMediaStore(config)}`,
    `video limits  ${config.video.maxBytes} bytes, ${config.video.maxDurationSeconds} s, ${config.video.maxPixels} pixels a frame, ${config.video.maxFrames} frames; ffmpeg ${config.video.ffmpegPath ?? 'from PATH'}`,
    `translation   ${config.translation.engines.length ? config.translation.engines.join(' → ') : 'off'}`,
    `timeouts      requests ${config.timeouts.requestMs} ms, uploads ≥ ${config.timeouts.uploadMinBytesPerSecond} B/s up to ${config.timeouts.uploadMs} ms`,
    `metrics       ${config.metricsToken ? 'GET /metrics with the bearer token' : 'GET /metrics from this machine only'}`,
    `redis         ${config.redis ? `${redactUrl(config.redis.url)} (keys ${config.redis.prefix}…)` : 'none (rate limits and caches per process)'}`,
    `nats          ${config.nats ? `${redactAny(config.nats.url)} (events through the outbox, subjects ${config.nats.prefix}.…)` : 'none (no domain events recorded)'}`,
    `alerts        ${config.alertWebhookUrl ? `console and a webhook to ${new URL(config.alertWebhookUrl).host}` : 'console only (ALERT_WEBHOOK_URL not set)'}`,
    `log level     ${config.logLevel}`,
    ...(config.workers > 1 ? [`workers       ${config.workers} processes`] : []),
    ...(config.role !== 'all'
      ? [
          `role          ${config.role === 'api' ? 'api (serves; periodic tasks run elsewhere)' : 'worker (periodic tasks; answers health and metrics only)'}`,
        ]
      : []),
  ];
}

function describeMediaStore({ mediaStore: store, dataDir }: Config): string {
  if (store.kind === 'local') return `local disk in ${path.join(dataDir, 'media')}`;
  const where = store.endpoint ? redactUrl(store.endpoint) : `AWS ${store.region}`;
  return `S3 bucket ${store.bucket}${store.prefix ? `/${store.prefix}` : ''} at ${where}`;
}

function redactUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}
