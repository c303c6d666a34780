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
  /** Languages the viewer reads (never translated, balance discover). */
  languages: readonly string[];
  feedLanguageMix: FeedLanguageMix;
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export const SESSION_COOKIE = 'atrium_session';
export const CSRF_COOKIE = 'atrium_csrf';
export const CSRF_HEADER = 'x-csrf-token';
