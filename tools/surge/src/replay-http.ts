import { createHash } from 'node:crypto';
import { clientHeaders as contractHeaders } from '@atrium/contracts';
import type { ReplayStats } from './replay-stats.js';
import type { ClientFields } from './wave-format.js';

// Requests as one client of the wave would send them, measured. The client's address travels in
// X-Forwarded-For: the server must trust the replayer's address (TRUST_PROXY=127.0.0.1).

// The header names the web client sends (packages/contracts/src/headers.ts).
export const DEVICE_HEADER = contractHeaders.device;
export const TIMEZONE_HEADER = contractHeaders.timeZone;

export interface HttpAnswer {
  status: number;
  data: unknown;
}

export interface Requester {
  send(
    type: string,
    method: string,
    path: string,
    options?: { body?: unknown; form?: FormData; token?: string | null; client?: ClientFields },
  ): Promise<HttpAnswer>;
}

export function clientHeaders(client: ClientFields | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!client) return headers;
  if (client.ip) headers['x-forwarded-for'] = client.ip;
  if (client.ua) headers['user-agent'] = client.ua;
  if (client.acceptLanguage) headers['accept-language'] = client.acceptLanguage;
  if (client.device) headers[DEVICE_HEADER] = client.device;
  if (client.tz) headers[TIMEZONE_HEADER] = client.tz;
  return headers;
}

export function createRequester(base: string, stats: ReplayStats): Requester {
  const root = base.replace(/\/$/, '');
  return {
    async send(type, method, path, options = {}) {
      const headers: Record<string, string> = {
        accept: 'application/json',
        // a scripted client sends its own agent, or none: never undici's
        'user-agent': '',
        ...clientHeaders(options.client),
      };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | FormData | undefined;
      if (options.form) body = options.form;
      else if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
      const started = performance.now();
      let status = 0;
      let data: unknown;
      try {
        const response = await fetch(`${root}${path}`, { method, headers, body });
        status = response.status;
        const text = await response.text();
        data = text ? safeJson(text) : undefined;
      } catch {
        status = 0; // the connection failed: counted as status "0"
      }
      stats.request(type, status, performance.now() - started);
      return { status, data };
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Hashcash: SHA-256(challenge + nonce) with `difficulty` leading zero bits (the server's rule). */
export function solveProofOfWork(challenge: string, difficulty: number): string {
  for (let nonce = 0; ; nonce++) {
    const digest = createHash('sha256').update(`${challenge}${nonce}`, 'utf8').digest();
    let bits = 0;
    for (const byte of digest) {
      if (byte === 0) {
        bits += 8;
        continue;
      }
      bits += Math.clz32(byte) - 24;
      break;
    }
    if (bits >= difficulty) return String(nonce);
  }
}
