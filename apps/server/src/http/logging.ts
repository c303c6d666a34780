import type { FastifyServerOptions } from 'fastify';
import pino from 'pino';
import type { LogLevel } from '../config.js';

// Personal data never reaches the logs: e-mail addresses, phone numbers, one-time codes and
// bearer tokens are masked wherever they appear in a logged string (messages, URLs, errors).
const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[A-Za-z]{2,}/g;
// Runs of 6+ digits, optionally with separators (+86 138-0013-8000, 123456), that are not part of
// a longer word or identifier (UUID groups are bounded by letters or dashes). Dots are not
// separators, so IPv4 addresses and version numbers stay readable.
const DIGITS = /(?<![\w.-])\+?\d(?:[\s()-]{0,2}\d){5,}(?![\w.-])/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const TOKEN = /\batr_[A-Za-z0-9_-]{20,}/g;

/** Masks personal data and secrets in a string. */
export function scrubText(text: string): string {
  return text
    .replace(BEARER, '$1[redacted]')
    .replace(TOKEN, '[token]')
    .replace(EMAIL, '[email]')
    .replace(DIGITS, '[digits]');
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  // Requests, replies and errors are left to their serializers, which pick safe fields.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = scrubValue(inner, depth + 1);
  return out;
}

/** Only the path: query strings can carry phone numbers and e-mail addresses. */
function pathOnly(url: string | undefined): string {
  return url ? url.split('?')[0]! : '';
}

export function loggerOptions(level: LogLevel): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.code',
        '*.token',
        '*.phone',
        '*.email',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request) {
        return {
          id: request.id,
          method: request.method,
          url: pathOnly(request.url),
          remoteAddress: request.ip,
        };
      },
      err(error: Error & { code?: string; statusCode?: number; detail?: string }) {
        // pg errors carry the offending row in `detail` (e.g. "Key (email)=(…)"): drop it.
        return {
          type: error.name,
          code: error.code,
          statusCode: error.statusCode,
          message: scrubText(error.message ?? ''),
          stack: scrubText(error.stack ?? ''),
        };
      },
    },
    formatters: {
      log(object) {
        return scrubValue(object, 0) as Record<string, unknown>;
      },
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
}

/** Bytes of log lines gathered before one write: one system call per ~30 request lines. */
export const LOG_BUFFER_BYTES = 8192;
/** Lines never wait longer than this for a write, however quiet the server. */
export const LOG_FLUSH_MS = 500;

/**
 * Where the server writes its log (standard output): lines are gathered up to
 * `LOG_BUFFER_BYTES` and written in one system call (at two log lines per request, a write per
 * line cost ~7 % of a sign-up's CPU), at most `LOG_FLUSH_MS` late, and everything gathered is
 * written synchronously when the process exits (a crash included) or the server closes.
 */
export function bufferedLogDestination(fd = 1) {
  const destination = pino.destination({
    dest: fd,
    minLength: LOG_BUFFER_BYTES,
    sync: false,
  });
  const flush = () => {
    try {
      destination.flush();
    } catch {
      // not ready yet, or a write in flight: the next tick writes it
    }
  };
  const timer = setInterval(flush, LOG_FLUSH_MS);
  timer.unref();
  const flushSync = () => {
    try {
      destination.flushSync();
    } catch {
      // the descriptor is gone: nothing more can be written
    }
  };
  process.once('exit', flushSync);
  return {
    stream: destination,
    close() {
      // lines logged after this still reach the exit's synchronous write
      clearInterval(timer);
      flushSync();
    },
  };
}
