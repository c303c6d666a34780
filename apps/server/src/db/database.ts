import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CompiledQuery, Kysely, type LogEvent, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { observeQuery } from '../lib/metrics.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import { preparingPool } from './prepared-pool.js';
import type { Schema } from './schema.js';

export type Db = Kysely<Schema>;
export type Tx = Transaction<Schema>;
/** A handle services accept: the database, or a transaction already under way. */
export type DbHandle = Db | Tx;

/**
 * A statement written once as SQL text with `$n` parameters, for the few run on every feed
 * request: building and compiling a Kysely query each time cost more than PostgreSQL took to
 * answer it. Stores only; parameters are always bound, never spliced.
 */
export function fixedStatement<Row>(text: string) {
  return async (db: DbHandle, parameters: readonly unknown[]): Promise<Row[]> =>
    (await db.executeQuery<Row>(CompiledQuery.raw(text, [...parameters]))).rows;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs a multi-statement SQL script (migrations); not for user input. */
  execScript(sql: string): Promise<void>;
  /** A cheap round trip for readiness checks. */
  ping(): Promise<void>;
  /** PostgreSQL only: the pool's connections right now (metrics). */
  poolState?(): { total: number; idle: number; waiting: number };
  /**
   * PostgreSQL only: a connection of its own that LISTENs to `channel` and calls `onNotify` for
   * each notification; `onLost` once when the connection fails (the caller listens again).
   */
  listen?(
    channel: string,
    onNotify: () => void,
    onLost: (error: unknown) => void,
  ): Promise<Listener>;
  /** PGlite only: an image of the data directory, to start copies from (tests). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

/** A LISTEN connection; `close()` ends it. */
export interface Listener {
  close(): Promise<void>;
}

const INT8_OID = 20;

/** Every statement's duration goes to the metrics (Kysely times it on its connection). */
const queryLog = (event: LogEvent) =>
  observeQuery(event.queryDurationMillis, event.level === 'error');

/**
 * Extensions are passed on every open: PGlite loads them per instance, and inserts into
 * trigram-indexed tables fail when the extension is missing from the running instance.
 */
const PGLITE_EXTENSIONS = { pg_trgm };

export interface PGliteOpenOptions {
  /** Directory for the database files; `null` keeps it in memory (tests). */
  dataDir: string | null;
  /** Start from a `dumpDataDir()` image instead of running initdb (tests). */
  loadDataDir?: Blob;
}

/** Opens the embedded database, taking the data directory's single-owner lock first. */
export async function openPGlite(options: PGliteOpenOptions): Promise<Database> {
  let lock: DataDirLock | null = null;
  let dataDir: string | undefined;
  if (options.dataDir !== null) {
    mkdirSync(options.dataDir, { recursive: true });
    lock = lockDataDir(options.dataDir);
    dataDir = path.join(options.dataDir, 'pgdata');
  }
  try {
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: PGLITE_EXTENSIONS,
      // counts come back as numbers on both databases
      parsers: { [INT8_OID]: (value: string) => Number(value) },
    });
    return wrapPGlite(pglite, lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

function wrapPGlite(pglite: PGlite, lock: DataDirLock | null): Database {
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite), log: queryLog });
  return {
    kind: 'pglite',
    db,
    async execScript(sql) {
      try {
        await pglite.exec(sql);
      } catch (error) {
        // A failed script may leave its transaction open: end it before anything else runs.
        await pglite.exec('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    async ping() {
      await pglite.query('select 1');
    },
    dump() {
      return pglite.dumpDataDir('none') as Promise<Blob>;
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      lock?.release();
    },
  };
}

/** Opens a PostgreSQL server connection pool. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (server restart) must not crash the process.
  pool.on('error', () => {});
  // hot statements are prepared once per connection instead of planned on every run
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({ pool: preparingPool(pool) }),
    log: queryLog,
  });
  const database: Database = {
    kind: 'postgres',
    db,
    async execScript(sql) {
      const client = await pool.connect();
      try {
        await client.query(sql);
      } catch (error) {
        // Never hand a connection back to the pool inside an aborted transaction.
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    poolState: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async listen(channel, onNotify, onLost) {
      // not from the pool: a LISTEN holds its connection for as long as it listens
      const client = new pg.Client({ connectionString: url });
      let closed = false;
      const lost = (error: unknown) => {
        if (closed) return;
        closed = true;
        client.end().catch(() => {});
        onLost(error);
      };
      client.on('error', lost);
      client.on('end', () => lost(new Error('the LISTEN connection ended')));
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      } catch (error) {
        closed = true;
        await client.end().catch(() => {});
        throw error;
      }
      return {
        async close() {
          if (closed) return;
          closed = true;
          await client.end().catch(() => {});
        },
      };
    },
    async close() {
      await db.destroy();
    },
  };
  await database.ping();
  return database;
}

/** Runs `fn` in a transaction, or inside the caller's transaction when already in one. */
export async function inTransaction<T>(handle: DbHandle, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (handle.isTransaction) return fn(handle as Tx);
  return (handle as Db).transaction().execute(fn);
}
