import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Denial } from '../../lib/denial.js';

/** What the scrape rule looks at in a request to `GET /metrics`. */
export interface ScrapeRequest {
  /** The `Authorization` header, if any. */
  authorization: string | undefined;
  /** The TCP peer, never a forwarded address. */
  socketAddress: string | undefined;
  /** Whether the request came through a proxy (`X-Forwarded-For` or `Forwarded` present). */
  forwarded: boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Loopback in either family (`::ffff:127.0.0.1` is how a dual-stack socket names IPv4). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

/**
 * With `METRICS_TOKEN` set, a scrape must send it as a bearer token (compared in constant time),
 * wherever it comes from. Without one, only a scraper on the same machine may read: the socket
 * is loopback and nothing forwarded the request (a reverse proxy on the same machine connects
 * from loopback too, on behalf of anyone).
 */
export function mayScrape(
  token: string | null,
  request: ScrapeRequest,
): Denial<'UNAUTHENTICATED' | 'FORBIDDEN'> {
  if (token !== null) {
    const sent = /^Bearer (.+)$/i.exec(request.authorization ?? '')?.[1]?.trim();
    if (!sent)
      return { code: 'UNAUTHENTICATED', reason: 'Send the metrics token as a bearer token' };
    return timingSafeEqual(digest(sent), digest(token))
      ? null
      : { code: 'UNAUTHENTICATED', reason: 'The metrics token does not match' };
  }
  if (isLoopback(request.socketAddress) && !request.forwarded) return null;
  return {
    code: 'FORBIDDEN',
    reason: 'Metrics are served to this machine only unless METRICS_TOKEN is set',
  };
}

/** What the ops module needs to know of a staff member (staff fills it). */
export interface MetricsReader {
  lacks(permission: 'metrics.read'): string | null;
}

/** The staff dashboard: roles with `metrics.read` (administrators and analysts). */
export function mayReadDashboard(member: MetricsReader | null): Denial<'FORBIDDEN'> {
  if (!member) return { code: 'FORBIDDEN', reason: 'Staff only' };
  const missing = member.lacks('metrics.read');
  return missing ? { code: 'FORBIDDEN', reason: missing } : null;
}
