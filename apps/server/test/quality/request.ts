import type { RouteSpec } from '@atrium/contracts';
import type { FastifyInstance } from 'fastify';
import { IPS } from '../helper.js';

export interface RouteInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  /** A ready-made body (multipart bytes, broken JSON…) with its headers. */
  raw?: { payload: string | Buffer; headers: Record<string, string> };
  token?: string | null;
  headers?: Record<string, string>;
  ip?: string;
}

/**
 * Percent-encodes a path segment byte by byte: unlike `encodeURIComponent` it never throws
 * (a lone surrogate becomes U+FFFD, as it would on the wire).
 */
export function encodeSegment(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function buildUrl(
  route: RouteSpec,
  params: Record<string, unknown> = {},
  query: Record<string, unknown> = {},
  encode: (value: string) => string = encodeSegment,
): string {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    encode(String(params[name] ?? '')),
  );
  const search = Object.entries(query)
    .flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value])
        .filter((item) => item !== undefined)
        .map((item) => `${encodeSegment(key)}=${encodeSegment(String(item))}`),
    )
    .join('&');
  return search ? `${path}?${search}` : path;
}

/** Calls a route through `app.inject`, as a bearer token (or anonymously), from a US address. */
export function callRoute(app: FastifyInstance, route: RouteSpec, input: RouteInput = {}) {
  const headers: Record<string, string> = {
    'x-forwarded-for': input.ip ?? IPS.US,
    ...(input.token ? { authorization: `Bearer ${input.token}` } : {}),
    ...(input.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...input.raw?.headers,
    ...input.headers,
  };
  const payload =
    input.raw?.payload ?? (input.body !== undefined ? JSON.stringify(input.body) : undefined);
  return app.inject({
    method: route.method,
    url: buildUrl(route, input.params, input.query),
    headers,
    ...(payload !== undefined ? { payload } : {}),
  });
}
