import type { IncomingMessage, ServerOptions } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestTimeouts } from '../config.js';
import { commonError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The body is an upload: it may take longer, as long as it keeps a minimum rate. */
    upload?: boolean;
  }
}

/** A socket with no traffic either way for this long is closed (a client that stops reading). */
const IDLE_SOCKET_MS = 120_000;
/** After a 408, how long the connection may stay before it is closed without more ado. */
const GRACE_MS = 1_000;

/**
 * When a body that started arriving at `startedAt` must have arrived, `received` bytes in (ms
 * since the epoch): `requestMs` for every route; for an upload one more second per
 * `uploadMinBytesPerSecond` bytes received, up to `uploadMs` in all.
 */
export function bodyDeadline(
  timeouts: RequestTimeouts,
  startedAt: number,
  received: number,
  upload: boolean,
): number {
  if (!upload) return startedAt + timeouts.requestMs;
  const earned = (received / timeouts.uploadMinBytesPerSecond) * 1000;
  return startedAt + Math.min(timeouts.requestMs + earned, timeouts.uploadMs);
}

/**
 * Node's own limits, which hold for every connection whatever the routes do: the headers within
 * `requestMs`, and a whole request — the longest upload included — within `requestMs + uploadMs`
 * (the per-route bounds below are shorter). Node answers 408 and closes the connection.
 */
export function serverTimeoutOptions(timeouts: RequestTimeouts): {
  requestTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
} {
  const requestTimeout = timeouts.requestMs + timeouts.uploadMs;
  return {
    requestTimeout,
    connectionTimeout: IDLE_SOCKET_MS,
    http: {
      requestTimeout,
      headersTimeout: timeouts.requestMs,
      // how often Node looks for connections past those limits (30 s by default)
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, timeouts.requestMs / 4)),
    },
  };
}

const hasBody = (raw: IncomingMessage) =>
  raw.headers['transfer-encoding'] !== undefined ||
  (raw.headers['content-length'] !== undefined && raw.headers['content-length'] !== '0');

/**
 * A body that has not arrived by its deadline: whoever reads it (the JSON parser, the multipart
 * parser) sees the request fail with `408 REQUEST_TIMEOUT`, answered through the error handler
 * with `Connection: close`. When nothing reads it — the answer is already sent and Node is
 * discarding the rest — the connection is closed.
 */
function expire(request: FastifyRequest, reply: FastifyReply): void {
  const raw = request.raw;
  const error = commonError(
    'REQUEST_TIMEOUT',
    'The request body did not arrive in time; send it again, faster',
  );
  if (reply.sent) {
    raw.socket.destroy();
  } else if (raw.listenerCount('error') > 0) {
    raw.emit('error', error);
  } else {
    reply.send(error);
  }
}

/**
 * Bounds how long each request's body takes to arrive (`bodyDeadline`): a client trickling a
 * body a byte at a time held its connection (and a parser's buffers) for as long as it liked.
 */
export function registerRequestTimeouts(app: FastifyInstance, timeouts: RequestTimeouts): void {
  app.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    const socket = raw.socket;
    // injected requests (tests, `inject`) have their whole body at once and no real socket
    if (!hasBody(raw) || raw.complete || !(socket instanceof Socket)) return done();
    const upload = request.routeOptions.config?.upload === true;
    const startedAt = Date.now();
    const bytesBefore = socket.bytesRead;
    let timer: NodeJS.Timeout | null = null;
    let expired = false;
    const check = () => {
      timer = null;
      if (raw.complete || socket.destroyed) return;
      if (expired) {
        // the answer is out (or could not be sent): nothing more is read
        socket.destroy();
        return;
      }
      const received = socket.bytesRead - bytesBefore;
      const wait = bodyDeadline(timeouts, startedAt, received, upload) - Date.now();
      if (wait > 0) {
        timer = setTimeout(check, wait);
        return;
      }
      expired = true;
      expire(request, reply);
      timer = setTimeout(check, GRACE_MS);
    };
    const stop = () => {
      if (timer) clearTimeout(timer);
      timer = null;
    };
    timer = setTimeout(check, bodyDeadline(timeouts, startedAt, 0, upload) - startedAt);
    raw.once('end', stop);
    raw.once('close', stop);
    done();
  });
}
