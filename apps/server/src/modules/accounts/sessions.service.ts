import { createHash, randomBytes } from 'node:crypto';
import type { Session } from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';
import type { Viewer } from '../../http/viewer.js';
import { jitteredExpiry } from '../../lib/ttl-map.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { formatIpLocation } from '../geo/location-label.js';
import { accountsError } from './accounts.errors.js';
import * as store from './sessions.store.js';

const DAY = 24 * 60 * 60 * 1000;
/** A session unused this long ends. */
export const SESSION_IDLE_TTL = 30 * DAY;
/** No session lives longer than this, however active: sign in again. */
export const SESSION_MAX_AGE = 180 * DAY;
/** `last_used_at` is written at most this often per session, to keep reads cheap. */
const TOUCH_INTERVAL = 60 * 60 * 1000;

export interface ClientInfo {
  ip: string;
  country: string | null;
  region: string | null;
  userAgent: string | null;
}

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

export async function issueSession(
  db: DbHandle,
  accountId: string,
  client: ClientInfo,
): Promise<IssuedSession> {
  const token = newToken();
  const sessionId = uuidv7();
  const expiresAt = new Date(Date.now() + SESSION_IDLE_TTL);
  await store.insertSession(db, {
    id: sessionId,
    account_id: accountId,
    token_hash: hashToken(token),
    user_agent: client.userAgent?.slice(0, 300) ?? null,
    ip_country: client.country,
    ip_region: client.region,
    expires_at: expiresAt,
  });
  return { token, sessionId, expiresAt };
}

/**
 * How long a resolved session is reused without asking the database. Logout, rotation,
 * revocation and account changes on this node drop entries at once; on other nodes a revoked
 * session keeps working for at most this long.
 */
export const SESSION_CACHE_TTL_MS = 10_000;

interface CachedSession {
  accountId: string;
  sessionId: string;
  locale: string | null;
  country: string | null;
  postingRestrictedUntil: number | null;
  languages: string[];
  feedLanguageMix: 'everything' | 'balanced' | 'mine';
  expiresAt: number;
  /** Reused until then: at most SESSION_CACHE_TTL_MS after it was read, jittered. */
  reuseUntil: number;
}

/** Resolved sessions by token hash: every signed-in request would otherwise cost a query. */
export class SessionCache {
  readonly #entries = new Map<string, CachedSession>();

  get(key: string): CachedSession | undefined {
    const entry = this.#entries.get(key);
    const now = Date.now();
    if (entry && now < entry.reuseUntil && now < entry.expiresAt) return entry;
    if (entry) this.#entries.delete(key);
    return undefined;
  }

  set(key: string, entry: CachedSession): void {
    this.#entries.set(key, entry);
    if (this.#entries.size > 50_000)
      this.#entries.delete(this.#entries.keys().next().value as string);
  }

  forgetSession(sessionId: string): void {
    for (const [key, entry] of this.#entries)
      if (entry.sessionId === sessionId) this.#entries.delete(key);
  }

  forgetAccount(accountId: string): void {
    for (const [key, entry] of this.#entries)
      if (entry.accountId === accountId) this.#entries.delete(key);
  }
}

/** The viewer behind a token, sliding the expiry forward; null when unknown, expired or revoked. */
export async function resolveToken(
  db: DbHandle,
  token: string,
  via: Viewer['via'],
  cache?: SessionCache,
): Promise<Viewer | null> {
  if (!token.startsWith('atr_') || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const key = tokenHash.toString('base64');
  const cached = cache?.get(key);
  if (cached) {
    return {
      accountId: cached.accountId,
      sessionId: cached.sessionId,
      via,
      locale: cached.locale,
      country: cached.country,
      postingRestrictedUntil: cached.postingRestrictedUntil,
      languages: cached.languages,
      feedLanguageMix: cached.feedLanguageMix,
    };
  }
  const session = await store.findActiveSession(db, tokenHash);
  if (!session) return null;
  let expiresAt = session.expires_at;
  if (Date.now() - session.last_used_at.getTime() > TOUCH_INTERVAL) {
    expiresAt = nextExpiry(session.created_at);
    await store.touchSession(db, session.id, expiresAt);
  }
  const postingRestrictedUntil = session.posting_restricted_until?.getTime() ?? null;
  cache?.set(key, {
    accountId: session.account_id,
    sessionId: session.id,
    locale: session.locale,
    country: session.ip_country,
    postingRestrictedUntil,
    languages: session.languages,
    feedLanguageMix: session.feed_language_mix,
    expiresAt: expiresAt.getTime(),
    reuseUntil: jitteredExpiry(SESSION_CACHE_TTL_MS),
  });
  return {
    accountId: session.account_id,
    sessionId: session.id,
    via,
    locale: session.locale,
    country: session.ip_country,
    postingRestrictedUntil,
    languages: session.languages,
    feedLanguageMix: session.feed_language_mix,
  };
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
): Promise<Session[]> {
  const rows = await store.listActiveSessions(db, viewer.accountId);
  return rows.map((row) => ({
    id: row.id,
    current: row.id === viewer.sessionId,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    userAgent: row.user_agent,
    ipLocation: row.ip_country
      ? formatIpLocation({ country: row.ip_country, region: row.ip_region }, locale)
      : null,
  }));
}
