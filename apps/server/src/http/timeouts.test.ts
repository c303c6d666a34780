import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../test/fixtures/images.js';
import { buildTestApp, signedIn, type TestApp } from '../../test/helper.js';
import type { RequestTimeouts } from '../config.js';
import { bodyDeadline } from './timeouts.js';

describe('bodyDeadline', () => {
  const timeouts: RequestTimeouts = {
    requestMs: 30_000,
    uploadMinBytesPerSecond: 8192,
    uploadMs: 1_800_000,
  };

  it('gives every body the request timeout, whatever has arrived', () => {
    expect(bodyDeadline(timeouts, 1_000, 0, false)).toBe(31_000);
    expect(bodyDeadline(timeouts, 1_000, 10_000_000, false)).toBe(31_000);
  });

  it('gives an upload a second more per minimum-rate bytes received, up to the upload limit', () => {
    expect(bodyDeadline(timeouts, 0, 0, true)).toBe(30_000);
    // one byte every five seconds earns nothing worth having
    expect(bodyDeadline(timeouts, 0, 6, true)).toBeLessThan(30_001);
    // 20 MiB at the minimum rate: 2,560 s, more than the limit
    expect(bodyDeadline(timeouts, 0, 8192 * 60, true)).toBe(90_000);
    expect(bodyDeadline(timeouts, 0, 20 * 1024 * 1024, true)).toBe(1_800_000);
  });
});

// A real server on a loopback port, with small limits: the bounds asserted are generous upper
// bounds (the machine may be busy), far below how long the trickle would take to finish.
const REQUEST_MS = 400;
let test: TestApp;
let port: number;
let token: string;

beforeAll(async () => {
  test = await buildTestApp({
    REQUEST_TIMEOUT_MS: String(REQUEST_MS),
    UPLOAD_MIN_BYTES_PER_SECOND: '1000',
    UPLOAD_TIMEOUT_MS: '60000',
    ATRIUM_DISABLE_RATE_LIMITS: '1',
  });
  token = (await signedIn(test, 'slow_sender')).token;
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  port = (test.app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await test?.close();
});

interface Exchange {
  /** Everything the server sent. */
  answer: string;
  /** The server closed the connection. */
  closed: boolean;
  /** Milliseconds from the first byte sent to the close (or to giving up). */
  elapsed: number;
}

/**
 * Sends `head`, then `body` in chunks of `chunk` bytes every `everyMs`, until the server closes
 * the connection, the body is all sent (then waits for the answer), or `giveUpMs` passes.
 */
function trickle(
  head: Buffer,
  body: Buffer,
  options: { chunk: number; everyMs: number; giveUpMs: number },
): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | null = null;
    const finish = (closed: boolean) => {
      if (timer) clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ answer, closed, elapsed: Date.now() - started });
    };
    const giveUp = setTimeout(() => finish(false), options.giveUpMs);
    socket.on('data', (data) => {
      answer += data.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent >= body.length || socket.destroyed) return;
        socket.write(body.subarray(sent, sent + options.chunk));
        sent += options.chunk;
      }, options.everyMs);
    });
  });
}

/** Log lines at warn level or above (a timeout is the client's doing, not a failure). */
const warnings = () =>
  test.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 40);

function requestHead(method: string, path: string, headers: Record<string, string | number>) {
  const lines = Object.entries({ host: `127.0.0.1:${port}`, ...headers }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  return Buffer.from(`${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
}

function multipart(fields: Record<string, string>, file: Buffer) {
  const boundary = 'slowboundary42';
  const parts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n` +
      'Content-Type: image/png\r\n\r\n',
  );
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([
      Buffer.from(parts.join('')),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe('a client that sends its body slowly', () => {
  it('gets 408 REQUEST_TIMEOUT on a JSON route and the connection closes', async () => {
    // 2,000 bytes at 10 bytes every 100 ms would take 20 s
    const body = Buffer.from(JSON.stringify({ login: 'x'.repeat(1970), password: 'y' }));
    const head = requestHead('POST', '/api/auth/login', {
      'content-type': 'application/json',
      'content-length': body.length,
    });
    const exchange = await trickle(head, body, { chunk: 10, everyMs: 100, giveUpMs: 15_000 });
    expect(exchange.closed).toBe(true);
    expect(exchange.elapsed).toBeLessThan(15_000);
    expect(exchange.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(exchange.answer.toLowerCase()).toContain('connection: close');
    expect(exchange.answer).toContain('"code":"REQUEST_TIMEOUT"');
    expect(warnings()).toEqual([]);
  }, 30_000);

  it('gets 408 on an upload that stays below the minimum rate', async () => {
    const { contentType, body } = multipart({}, await makeImage('png', 32, 32));
    const head = requestHead('POST', '/api/media', {
      authorization: `Bearer ${token}`,
      'content-type': contentType,
      'content-length': body.length,
    });
    // one byte every 100 ms: 10 B/s against a minimum of 1,000
    const exchange = await trickle(head, body, { chunk: 1, everyMs: 100, giveUpMs: 15_000 });
    expect(exchange.closed).toBe(true);
    expect(exchange.elapsed).toBeLessThan(15_000);
    expect(exchange.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(exchange.answer).toContain('"code":"REQUEST_TIMEOUT"');
    expect(warnings()).toEqual([]);
  }, 30_000);

  it('accepts an upload that takes longer than the request timeout at a good rate', async () => {
    // ~3 KB in 256-byte chunks every 100 ms: over a second, each chunk earning 256 ms
    const { contentType, body } = multipart(
      { caption: 'c'.repeat(1000), alt: 'a'.repeat(1000) },
      await makeImage('png', 32, 32),
    );
    const head = requestHead('POST', '/api/media', {
      authorization: `Bearer ${token}`,
      'content-type': contentType,
      'content-length': body.length,
      connection: 'close',
    });
    const exchange = await trickle(head, body, { chunk: 256, everyMs: 100, giveUpMs: 20_000 });
    expect(body.length / 256).toBeGreaterThan((REQUEST_MS / 100) * 2);
    expect(exchange.answer).toMatch(/^HTTP\/1\.1 201 /);
  }, 30_000);

  it('closes a connection whose headers never end', async () => {
    const exchange = await trickle(
      Buffer.from(`GET /healthz HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n`),
      Buffer.from('x-slow: 1\r\n'.repeat(1000)),
      { chunk: 11, everyMs: 100, giveUpMs: 15_000 },
    );
    expect(exchange.closed).toBe(true);
    expect(exchange.elapsed).toBeLessThan(15_000);
    expect(exchange.answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);
});
