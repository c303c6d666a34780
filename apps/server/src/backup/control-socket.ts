import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';

/**
 * While a server owns an embedded data directory no other process may open its database, so
 * `atrium backup` asks the server itself for the snapshot, over a Unix socket in a directory only
 * the data directory's owner can enter (DATA_DIR/control, mode 0700): who may read the data
 * directory may take a backup, nobody else, and nothing listens on the network.
 */
export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, 'control', 'atrium.sock');
}

/** Socket paths longer than this do not fit `sockaddr_un` on every platform. */
const MAX_SOCKET_PATH = 100;

export interface ControlSocket {
  close(): Promise<void>;
}

/** Serves `POST /backup` (a tar stream from `snapshot()`) on the data directory's socket. */
export async function startControlSocket(
  dataDir: string,
  snapshot: () => AsyncIterable<Buffer>,
  log: FastifyBaseLogger,
): Promise<ControlSocket | null> {
  const socket = controlSocketPath(dataDir);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    log.warn({ socket }, 'data directory path too long for a control socket: online backups off');
    return null;
  }
  mkdirSync(path.dirname(socket), { recursive: true, mode: 0o700 });
  chmodSync(path.dirname(socket), 0o700);
  // We hold the data directory's lock: a socket file here was left by a process that died.
  rmSync(socket, { force: true });
  const server = http.createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/backup') {
      response.writeHead(404).end('unknown control request\n');
      return;
    }
    const started = Date.now();
    sendSnapshot(snapshot(), response).then(
      () => log.info({ ms: Date.now() - started }, 'backup snapshot sent'),
      (error) => log.error({ err: error }, 'backup snapshot failed'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  return {
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(socket, { force: true });
    },
  };
}

/**
 * Nothing is sent until the snapshot's first bytes exist (the database image is taken first):
 * a failure before then is a 500 with its message; one after cuts the stream, which the client
 * reports as an incomplete archive.
 */
async function sendSnapshot(
  snapshot: AsyncIterable<Buffer>,
  response: http.ServerResponse,
): Promise<void> {
  const chunks = snapshot[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer>;
  try {
    first = await chunks.next();
  } catch (error) {
    response.writeHead(500).end(`${(error as Error).message}\n`);
    throw error;
  }
  response.writeHead(200, { 'content-type': 'application/x-tar' });
  async function* rest() {
    if (!first.done) yield first.value;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  await pipeline(Readable.from(rest()), response);
}

/**
 * Asks the server owning `dataDir` for a snapshot. Null when no server answers there (no socket,
 * or one a dead process left); a refusal is an error with the server's message.
 */
export function requestSnapshot(dataDir: string): Promise<Readable | null> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { socketPath: controlSocketPath(dataDir), path: '/backup', method: 'POST' },
      (response) => {
        if (response.statusCode === 200) return resolve(response);
        let message = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          message += chunk;
        });
        response.on('end', () =>
          reject(new Error(message.trim() || `status ${response.statusCode}`)),
        );
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(null);
      else reject(error);
    });
    request.end();
  });
}
