import { createHmac, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commonError } from './errors.js';
import { CSRF_COOKIE, CSRF_HEADER, isRestricted, SESSION_COOKIE, type Viewer } from './viewer.js';

export interface AuthOptions {
  /** Looks a raw token up; null when unknown, expired or revoked. */
  resolveToken(token: string, via: Viewer['via']): Promise<Viewer | null>;
  secret: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of a session token: an HMAC, so nothing needs storing and it dies with the token.
 * Bound to the token, not to the session's id: rotating the token (`POST /api/auth/rotate`)
 * changes the CSRF token too, and the old one stops working with the old session token.
 */
export function csrfTokenFor(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

/** Decorates requests with `viewer` and returns the pre-handlers routes use by their auth mode. */
export function registerAuth(app: FastifyInstance, options: AuthOptions) {
  app.decorateRequest('viewer', null);

  async function resolve(
    request: FastifyRequest,
  ): Promise<{ viewer: Viewer | null; tried: boolean }> {
    const bearer = bearerToken(request);
    if (bearer) return { viewer: await options.resolveToken(bearer, 'bearer'), tried: true };
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const viewer = await options.resolveToken(cookie, 'cookie');
      // Cookies ride along on cross-site requests: unsafe methods must prove same-origin intent.
      if (viewer && !SAFE_METHODS.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        const expected = csrfTokenFor(options.secret, cookie);
        if (typeof sent !== 'string' || !sameToken(sent, expected))
          throw commonError('CSRF_FAILED');
      }
      return { viewer, tried: true };
    }
    return { viewer: null, tried: false };
  }

  return {
    async required(request: FastifyRequest, _reply: FastifyReply) {
      const { viewer } = await resolve(request);
      if (!viewer) throw commonError('UNAUTHENTICATED');
      request.viewer = viewer;
    },
    async optional(request: FastifyRequest, _reply: FastifyReply) {
      // A stale cookie or token on a public page is treated as anonymous.
      const { viewer } = await resolve(request).catch((error) => {
        if ((error as { code?: string }).code === 'CSRF_FAILED') throw error;
        return { viewer: null };
      });
      // a restricted session reads public pages as anyone does, anonymously
      request.viewer = viewer && !isRestricted(viewer) ? viewer : null;
    },
  };
}

export type AuthHandlers = ReturnType<typeof registerAuth>;

/** Sets the session cookie and the readable CSRF cookie the web app echoes in a header. */
export function setSessionCookies(
  reply: FastifyReply,
  options: { token: string; expiresAt: Date; secret: string; secure: boolean },
): void {
  const common = {
    path: '/',
    sameSite: 'lax' as const,
    secure: options.secure,
    expires: options.expiresAt,
  };
  reply.setCookie(SESSION_COOKIE, options.token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrfTokenFor(options.secret, options.token), {
    ...common,
    httpOnly: false,
  });
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  for (const name of [SESSION_COOKIE, CSRF_COOKIE]) {
    reply.clearCookie(name, { path: '/', sameSite: 'lax', secure });
  }
}
