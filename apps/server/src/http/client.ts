import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from '../modules/accounts/sessions.service.js';
import type { IpLocator } from '../modules/geo/ip-location.js';
import type { VisibilityContext } from '../modules/notes/note-visibility.js';

/** Who is calling from where: the client IP (after TRUST_PROXY) and its location. */
export function clientInfo(request: FastifyRequest, locator: IpLocator): ClientInfo {
  const location = locator.lookup(request.ip);
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    country: location?.country ?? null,
    region: location?.region ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent : null,
  };
}

/**
 * The language to present labels in: the signed-in viewer's interface locale, else the first
 * language of Accept-Language, else English.
 */
export function viewerLocale(request: FastifyRequest): string {
  if (request.viewer?.locale) return request.viewer.locale;
  const header = request.headers['accept-language'];
  const first =
    typeof header === 'string' ? header.split(',')[0]?.split(';')[0]?.trim() : undefined;
  return first && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(first) ? first : 'en';
}

/**
 * The inputs of the visibility rule for this request: who, and from which country — the client
 * IP's country, else the signed-in account's last known country.
 */
export function visibilityOf(request: FastifyRequest, locator: IpLocator): VisibilityContext {
  return {
    viewerId: request.viewer?.accountId ?? null,
    region: locator.lookup(request.ip)?.country ?? request.viewer?.country ?? null,
  };
}
