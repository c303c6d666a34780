import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AccountExport, ExportProgress } from '@atrium/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.js';
import type { AccountExportRow } from '../../db/schema.js';
import { commonError } from '../../http/errors.js';
import { uuidv7 } from '../../lib/uuid7.js';
import {
  type ArchiveSources,
  ExportSubjectGoneError,
  emptyProgress,
  writeAccountArchive,
} from './export-archive.js';
import { exportError } from './exports.errors.js';
import { canDownload } from './exports.policy.js';
import * as store from './exports.store.js';

/** How long a finished export's link works. */
export const EXPORT_TTL_DAYS = 7;
/** Exports an account may ask for in any 24 hours. */
export const EXPORTS_PER_DAY = 3;
/** A run that dies (its process stops) is taken over from the start; after this many, it fails. */
export const MAX_ATTEMPTS = 3;

const DAY_MS = 86_400_000;

export interface ExportsDeps extends Omit<ArchiveSources, 'db'> {
  db: Db;
  /** The server secret: download tokens are derived from it and each export's random nonce. */
  secret: string;
  /** Where archives are kept (DATA_DIR/exports). */
  dir: string;
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>;
}

/** The run lost its export (taken over after its lease ran out, or the account was deleted). */
class LostExportError extends Error {}
/** The process is stopping: the export goes back to the queue for the next start. */
class StoppingError extends Error {}

/**
 * Account exports: asking for one, its state, the background runs that build archives, and the
 * download. Runs happen in this process (`kick` after a request, and the periodic task for what
 * a stopped process left behind); the database's lease decides which process runs which export.
 */
export function createExportsService(deps: ExportsDeps) {
  const { db } = deps;
  let running: Promise<number> | null = null;
  let closed = false;

  function tokenOf(row: Pick<AccountExportRow, 'id' | 'nonce'>): string {
    return createHmac('sha256', deps.secret)
      .update(`account-export:${row.id}:`)
      .update(row.nonce)
      .digest('base64url');
  }

  function fileOf(id: string): string {
    return path.join(deps.dir, `${id}.tar.gz`);
  }

  function progressOf(row: AccountExportRow): ExportProgress {
    const stored =
      typeof row.progress === 'string'
        ? (JSON.parse(row.progress) as Record<string, number>)
        : row.progress;
    return { ...emptyProgress(), ...stored };
  }

  function view(row: AccountExportRow, now = new Date()): AccountExport {
    const downloadable = row.status === 'done' && row.expires_at !== null && row.expires_at > now;
    return {
      id: row.id,
      status: row.status === 'done' && !downloadable ? 'expired' : row.status,
      progress: progressOf(row),
      createdAt: row.created_at.toISOString(),
      startedAt: row.started_at?.toISOString() ?? null,
      finishedAt: row.finished_at?.toISOString() ?? null,
      expiresAt: row.expires_at?.toISOString() ?? null,
      bytes: row.bytes === null ? null : Number(row.bytes),
      downloadUrl: downloadable ? `/api/exports/${row.id}/archive?token=${tokenOf(row)}` : null,
      error: row.status === 'failed' ? (row.error_code ?? 'INTERNAL_ERROR') : null,
    };
  }

  /** Starts an export for the account: one at a time, `EXPORTS_PER_DAY` a day. */
  async function request(accountId: string): Promise<AccountExport> {
    const since = new Date(Date.now() - DAY_MS);
    const recent = await store.exportsSince(db, accountId, since);
    if (recent.count >= EXPORTS_PER_DAY) {
      const active = await store.latestExport(db, accountId);
      if (active && (active.status === 'queued' || active.status === 'running')) {
        throw exportError('EXPORT_IN_PROGRESS');
      }
      const retryAfter = Math.max(
        1,
        Math.ceil(((recent.oldest?.getTime() ?? Date.now()) + DAY_MS - Date.now()) / 1000),
      );
      throw exportError('RATE_LIMITED', `At most ${EXPORTS_PER_DAY} exports a day`, {
        retryAfter,
      });
    }
    const row = await store.insertExport(db, {
      id: uuidv7(),
      accountId,
      nonce: randomBytes(32),
    });
    if (!row) throw exportError('EXPORT_IN_PROGRESS');
    kick();
    return view(row);
  }

  async function mine(accountId: string): Promise<{ export: AccountExport | null }> {
    const row = await store.latestExport(db, accountId);
    return { export: row ? view(row) : null };
  }

  /** Builds one claimed export's archive and marks it done (or failed). */
  async function runOne(row: AccountExportRow): Promise<void> {
    const file = fileOf(row.id);
    try {
      await mkdir(deps.dir, { recursive: true, mode: 0o700 });
      const result = await writeAccountArchive(
        { db, media: deps.media, statements: deps.statements, vault: deps.vault },
        row.account_id,
        file,
        async (progress) => {
          if (closed) throw new StoppingError();
          if (!(await store.recordProgress(db, row.id, row.attempts, progress))) {
            throw new LostExportError();
          }
        },
      );
      const done = await store.markDone(db, row.id, row.attempts, {
        fileName: path.basename(file),
        bytes: result.bytes,
        expiresAt: new Date(Date.now() + EXPORT_TTL_DAYS * DAY_MS),
        progress: result.progress,
      });
      if (!done) {
        await rm(file, { force: true });
        return;
      }
      // the account's older archives go now: one link at a time
      await removeFiles(await store.expireArchives(db));
    } catch (error) {
      if (error instanceof LostExportError || error instanceof ExportSubjectGoneError) return;
      if (error instanceof StoppingError) {
        await store.requeue(db, row.id, row.attempts);
        return;
      }
      deps.log.error({ err: error, exportId: row.id }, 'account export failed');
      await store.markFailed(db, row.id, row.attempts, 'INTERNAL_ERROR');
    }
  }

  async function drain(): Promise<number> {
    let count = 0;
    while (!closed) {
      await store.failAbandoned(db, MAX_ATTEMPTS);
      const row = await store.claimExport(db);
      if (!row) break;
      await runOne(row);
      count += 1;
    }
    return count;
  }

  /** Runs every export waiting (or abandoned by a stopped process); one drain at a time. */
  async function runPending(): Promise<number> {
    while (running) await running.catch(() => 0);
    if (closed) return 0;
    running = drain();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  /** Starts a drain in the background (after a request), unless one is on its way. */
  function kick(): void {
    if (running || closed) return;
    runPending().catch((error: unknown) =>
      deps.log.error({ err: error }, 'account exports could not run'),
    );
  }

  async function removeFiles(names: string[]): Promise<void> {
    for (const name of names) await rm(path.join(deps.dir, path.basename(name)), { force: true });
  }

  /**
   * Expires archives past their link's lifetime and removes files nothing refers to: archives of
   * expired or deleted exports, and temporary files of runs that stopped midway.
   */
  async function prune(): Promise<number> {
    await removeFiles(await store.expireArchives(db));
    let names: string[];
    try {
      names = await readdir(deps.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    const live = await store.liveFiles(db);
    const stale = names.filter((name) => {
      if (live.archives.has(name)) return false;
      const id = /^(?:\.tmp-)?([0-9a-f-]{36})\.tar\.gz/.exec(name)?.[1];
      return !(id && live.running.has(id));
    });
    await removeFiles(stale);
    return stale.length;
  }

  /** The archive for the holder's session or the link's token; 404 or 410 otherwise. */
  async function openArchive(id: string, accountId: string | null, token: string | null) {
    const row = /^[0-9a-f-]{36}$/.test(id) ? await store.findExport(db, id) : undefined;
    let tokenMatches = false;
    if (row && token) {
      const expected = Buffer.from(tokenOf(row));
      const given = Buffer.from(token);
      tokenMatches = expected.length === given.length && timingSafeEqual(expected, given);
    }
    const decision = canDownload(row, { accountId, tokenMatches }, new Date());
    if (decision === 'expired') throw exportError('EXPORT_EXPIRED');
    if (decision !== 'allow' || !row?.file_name) throw exportError('EXPORT_NOT_FOUND');
    const file = path.join(deps.dir, path.basename(row.file_name));
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      deps.log.warn({ exportId: row.id }, 'a done export has no archive file');
      throw commonError('NOT_FOUND');
    }
    const account = await store.accountForExport(db, row.account_id);
    const day = (row.finished_at ?? row.created_at).toISOString().slice(0, 10);
    return {
      size,
      body: createReadStream(file),
      fileName: `atrium-export-${account?.handle ?? 'account'}-${day}.tar.gz`,
    };
  }

  /** Stops starting runs and waits for the one in progress (when the app closes). */
  async function close(): Promise<void> {
    closed = true;
    await running?.catch(() => 0);
  }

  return { request, mine, runPending, kick, prune, openArchive, close, tokenOf };
}

export type ExportsService = ReturnType<typeof createExportsService>;
