import { clientHeaders } from '@atrium/contracts';
import type { FastifyRequest } from 'fastify';
import { UNKNOWN_REGION, type VisibilityContext } from '../modules/visibility/visibility.js';
import { clientAddress } from './client-address.js';
import type { Viewer } from './viewer.js';

/** Who is calling from where: the client IP (after TRUST_PROXY), its location and user agent. */
export interface ClientInfo {
  ip: string;
  country: string | null;
  region: string | null;
  userAgent: string | null;
  /**
   * What risk control reads of the client (`X-Atrium-Device`, `X-Atrium-Timezone`,
   * `Accept-Language`): raw header values, bounded in length; optional so internal callers
   * (the CLI, tests) need not invent them.
   */
  device?: string | null;
  timeZone?: string | null;
  acceptLanguage?: string | null;
}

/**
 * The port through which a request learns where its client is (the geo module's IP locator
 * fills it): an uppercase ISO country, and a province-level region where one is known.
 */
export interface ClientLocator {
  lookup(ip: string): { country: string; region: string | null } | null;
}

/** Who reads, under which visibility rule, in which language: what every read path takes. */
export interface Reader {
  /** The signed-in caller, or null for an anonymous one. */
  viewer: Viewer | null;
  /** The inputs of the visibility rule: the viewer's id and region (blocks follow from the id). */
  visibility: VisibilityContext;
  /** The language to present labels in. */
  locale: string;
}

/** A reader who is signed in (the following feed, one's own pages). */
export interface SignedInReader extends Reader {
  viewer: Viewer;
  visibility: VisibilityContext & { viewerId: string };
}

/** Everything a handler knows about its caller, built once per request. */
export interface RequestContext extends Reader {
  client: ClientInfo;
}

/** The context of a caller on a route whose contract requires authentication. */
export type SignedInContext = RequestContext & SignedInReader;

/** A page of a list: the opaque cursor from the previous page, and how many items. */
export interface PageRequest {
  cursor: string | undefined;
  limit: number;
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * The language to present labels in: the signed-in viewer's interface locale, else the web
 * app's (`X-Atrium-Locale`), else the first language of Accept-Language, else English.
 */
export function localeOf(request: FastifyRequest): string {
  if (request.viewer?.locale) return request.viewer.locale;
  // the web app's interface language when the account names none (headers.ts)
  const chosen = request.headers['x-atrium-locale'];
  if (typeof chosen === 'string' && chosen.length <= 35 && LANGUAGE_TAG.test(chosen)) return chosen;
  const header = request.headers['accept-language'];
  const first =
    typeof header === 'string' ? header.split(',')[0]?.split(';')[0]?.trim() : undefined;
  return first && LANGUAGE_TAG.test(first) ? first : 'en';
}

/**
 * The caller of a request, after authentication: the client's location is looked up once and
 * serves both the client record and the viewer's region — the client IP's country, else the
 * signed-in account's last known country, else the unknown region, where every regional
 * restriction applies (an address that cannot be located must not lift a country's decision).
 */
export function buildRequestContext(
  request: FastifyRequest,
  locator: ClientLocator,
): RequestContext {
  const viewer = request.viewer ?? null;
  const ip = clientAddress(request);
  const location = locator.lookup(ip);
  const userAgent = request.headers['user-agent'];
  return {
    viewer,
    visibility: {
      viewerId: viewer?.accountId ?? null,
      region: location?.country ?? viewer?.country ?? UNKNOWN_REGION,
    },
    locale: localeOf(request),
    client: {
      ip,
      country: location?.country ?? null,
      region: location?.region ?? null,
      userAgent: typeof userAgent === 'string' ? userAgent : null,
      device: headerText(request, clientHeaders.device),
      timeZone: headerText(request, clientHeaders.timeZone),
      acceptLanguage: headerText(request, 'accept-language'),
    },
  };
}

/** A header's value when it is one reasonable string (risk reads these; they are untrusted). */
function headerText(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' && value.length <= 256 ? value : null;
}
