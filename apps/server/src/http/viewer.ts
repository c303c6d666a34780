import type { FeedLanguageMix } from '@atrium/contracts';
/** The signed-in caller of a request, resolved from a bearer token or the session cookie. */
export interface Viewer {
  accountId: string;
  sessionId: string;
  via: 'bearer' | 'cookie';
  locale: string | null;
  /** The account's last known country: the viewer's region when the IP has none. */
  country: string | null;
  /** Until when a moderator restricted posting (epoch ms), or null. */
  postingRestrictedUntil: number | null;
  /** A suspension (until, epoch ms) or a ban on the account, or null; see `isRestricted`. */
  sanction: { type: 'suspend' | 'ban'; until: number | null } | null;
  /** Languages the viewer reads (never translated, balance discover). */
  languages: readonly string[];
  feedLanguageMix: FeedLanguageMix;
}

/**
 * Whether the viewer's session is restricted: a ban, or a suspension still running. Such a
 * session may only read its statements, appeal and sign out (routes marked `restrictedSession`).
 */
export function isRestricted(viewer: Viewer, now = Date.now()): boolean {
  const sanction = viewer.sanction;
  if (!sanction) return false;
  return sanction.type === 'ban' || (sanction.until !== null && sanction.until > now);
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export const SESSION_COOKIE = 'atrium_session';
export const CSRF_COOKIE = 'atrium_csrf';
export const CSRF_HEADER = 'x-csrf-token';
