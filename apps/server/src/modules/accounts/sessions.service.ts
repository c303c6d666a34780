import { createHash, randomBytes } from 'node:crypto';
import type { FeedLanguageMix, Session } from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';
import type { ClientInfo } from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import { cacheStats } from '../../lib/cache-stats.js';
import { type Invalidations, noInvalidations, sharedDrop } from '../../lib/invalidations.js';
import { TtlMap } from '../../lib/ttl-map.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { formatIpLocation } from '../geo/location-label.js';
import type { Vault } from '../vault/vault.js';
import { accountsError } from './accounts.errors.js';
import * as store from './sessions.store.js';

const DAY = 24 * 60 * 60 * 1000;
/** A session unused this long ends. */
export const SESSION_IDLE_TTL = 30 * DAY;
/** No session lives longer than this, however active: sign in again. */
export const SESSION_MAX_AGE = 180 * DAY;
/** `last_used_at` is written at most this often per session, to keep reads cheap. */
const TOUCH_INTERVAL = 60 * 60 * 1000;

export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** 256 random bits; the `atr_` prefix makes leaked tokens easy to spot and to scrub from logs. */
function newToken(): string {
  return `atr_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function nextExpiry(createdAt: Date, now = Date.now()): Date {
  return new Date(Math.min(now + SESSION_IDLE_TTL, createdAt.getTime() + SESSION_MAX_AGE));
}

/**
 * A new session's token and its row, for an account not yet known (the row gets its id); the
 * user agent goes in sealed by `seal` (the account's data key, modules/vault).
 */
export function newSession(
  client: ClientInfo,
  seal: (userAgent: string | null) => string | null,
): IssuedSession & { row: store.NewSessionRow } {
  const token = newToken();
  const sessionId = uuidv7();
  const expiresAt = new Date(Date.now() + SESSION_IDLE_TTL);
  return {
    token,
    sessionId,
    expiresAt,
    row: {
      id: sessionId,
      token_hash: hashToken(token),
      user_agent_sealed: seal(client.userAgent?.slice(0, 300) ?? null),
      ip_country: client.country,
      ip_region: client.region,
      expires_at: expiresAt,
    },
  };
}

export async function issueSession(
  db: DbHandle,
  accountId: string,
  client: ClientInfo,
  vault: Vault,
): Promise<IssuedSession> {
  const userAgent = client.userAgent?.slice(0, 300) ?? null;
  const sealed = await vault.seal(db, accountId, 'user_agent', userAgent);
  const { row, ...session } = newSession(client, () => sealed);
  await store.insertSession(db, { ...row, account_id: accountId });
  return session;
}

/**
 * How long a resolved session is reused without asking the database. Logout, rotation,
 * revocation and account changes on this node drop entries at once; on other nodes a revoked
 * session keeps working for at most this long.
 */
export const SESSION_CACHE_TTL_MS = 10_000;
/** Used after this age, a session is read again in the background (see TtlMap). */
const SESSION_REFRESH_MS = SESSION_CACHE_TTL_MS / 2;

interface CachedSession {
  accountId: string;
  sessionId: string;
  locale: string | null;
  country: string | null;
  postingRestrictedUntil: number | null;
  sanction: Viewer['sanction'];
  languages: string[];
  feedLanguageMix: FeedLanguageMix;
  expiresAt: number;
}

/**
 * Resolved sessions by token hash: every signed-in request would otherwise cost a query. A
 * session in steady use is read again in the background halfway through its reuse, so its
 * requests never wait for the database while a revocation elsewhere still takes effect within
 * SESSION_CACHE_TTL_MS.
 */
export class SessionCache {
  readonly #entries = new TtlMap<string, CachedSession>(
    SESSION_CACHE_TTL_MS,
    50_000,
    SESSION_REFRESH_MS,
    cacheStats('sessions'),
  );

  /** Drops a session here and on every other node (logout, rotation, revocation). */
  readonly forgetSession: (sessionId: string) => void;
  /** Drops an account's sessions here and on every other node (account changes, sanctions). */
  readonly forgetAccount: (accountId: string) => void;

  /**
   * `onError` hears of background reads that failed (a later request tries again); through
   * `invalidations` a revocation on one node holds on the others at once (docs/scale.md).
   */
  constructor(
    private readonly onError: (error: unknown) => void,
    invalidations: Invalidations = noInvalidations,
  ) {
    this.forgetSession = sharedDrop(invalidations, 'session', (sessionId) => {
      for (const [key, entry] of this.#entries.entries())
        if (entry.sessionId === sessionId) this.#entries.delete(key);
    });
    this.forgetAccount = sharedDrop(invalidations, 'account', (accountId) => {
      for (const [key, entry] of this.#entries.entries())
        if (entry.accountId === accountId) this.#entries.delete(key);
    });
  }

  /** The session cached under `key`, else as `read` finds it (undefined: no live session). */
  resolve(
    key: string,
    read: () => Promise<CachedSession | undefined>,
  ): Promise<CachedSession | undefined> {
    const now = Date.now();
    // a session past its own end is never served from memory
    const cached = this.#entries.get(key, now);
    if (cached && now >= cached.expiresAt) this.#entries.delete(key);
    return this.#entries.getOrLoad(key, read, this.onError);
  }
}

/** Reads an active session by its token's hash, sliding its expiry forward when due. */
async function readSession(db: DbHandle, tokenHash: Buffer): Promise<CachedSession | undefined> {
  const session = await store.findActiveSession(db, tokenHash);
  if (!session) return undefined;
  let expiresAt = session.expires_at;
  if (Date.now() - session.last_used_at.getTime() > TOUCH_INTERVAL) {
    expiresAt = nextExpiry(session.created_at);
    await store.touchSession(db, session.id, expiresAt);
  }
  return {
    accountId: session.account_id,
    sessionId: session.id,
    locale: session.locale,
    country: session.ip_country,
    postingRestrictedUntil: session.posting_restricted_until?.getTime() ?? null,
    sanction: session.banned_at
      ? { type: 'ban', until: null }
      : session.suspended_until
        ? { type: 'suspend', until: session.suspended_until.getTime() }
        : null,
    languages: session.languages,
    feedLanguageMix: session.feed_language_mix,
    expiresAt: expiresAt.getTime(),
  };
}

const toViewer = (session: CachedSession, via: Viewer['via']): Viewer => ({
  accountId: session.accountId,
  sessionId: session.sessionId,
  via,
  locale: session.locale,
  country: session.country,
  postingRestrictedUntil: session.postingRestrictedUntil,
  sanction: session.sanction,
  languages: session.languages,
  feedLanguageMix: session.feedLanguageMix,
});

/** The viewer behind a token, sliding the expiry forward; null when unknown, expired or revoked. */
export async function resolveToken(
  db: DbHandle,
  token: string,
  via: Viewer['via'],
  cache?: SessionCache,
): Promise<Viewer | null> {
  if (!token.startsWith('atr_') || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const read = () => readSession(db, tokenHash);
  const session = await (cache ? cache.resolve(tokenHash.toString('base64'), read) : read());
  return session ? toViewer(session, via) : null;
}

/** Replaces the session's token: the old one stops working at once. */
export async function rotateSession(
  db: DbHandle,
  viewer: Viewer,
  cache: SessionCache,
): Promise<IssuedSession> {
  const token = newToken();
  const sessions = await store.listActiveSessions(db, viewer.accountId);
  const current = sessions.find((session) => session.id === viewer.sessionId);
  if (!current) throw accountsError('SESSION_NOT_FOUND');
  const expiresAt = nextExpiry(current.created_at);
  await store.replaceSessionToken(db, viewer.sessionId, hashToken(token), expiresAt);
  cache.forgetSession(viewer.sessionId);
  return { token, sessionId: viewer.sessionId, expiresAt };
}

export async function endSession(db: DbHandle, viewer: Viewer, cache: SessionCache): Promise<void> {
  await store.revokeSession(db, viewer.accountId, viewer.sessionId);
  cache.forgetSession(viewer.sessionId);
}

/** Ends one of the viewer's own sessions; another account's session looks like no session. */
export async function revokeOwnSession(
  db: DbHandle,
  viewer: Viewer,
  sessionId: string,
  cache: SessionCache,
): Promise<void> {
  const revoked = await store.revokeSession(db, viewer.accountId, sessionId);
  if (!revoked) throw accountsError('SESSION_NOT_FOUND');
  cache.forgetSession(sessionId);
}

export async function listSessions(
  db: DbHandle,
  viewer: Viewer,
  locale: string | null,
  vault: Vault,
): Promise<Session[]> {
  const rows = await store.listActiveSessions(db, viewer.accountId);
  const agents = await Promise.all(
    rows.map((row) =>
      row.user_agent_sealed
        ? vault.open(db, viewer.accountId, 'user_agent', row.user_agent_sealed)
        : row.user_agent,
    ),
  );
  return rows.map((row, i) => ({
    id: row.id,
    current: row.id === viewer.sessionId,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    userAgent: agents[i] ?? null,
    ipLocation: row.ip_country
      ? formatIpLocation({ country: row.ip_country, region: row.ip_region }, locale)
      : null,
  }));
}
