import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { observePoolWait } from '../lib/metrics.js';

/**
 * Named prepared statements for the statements a node runs over and over.
 *
 * PostgreSQL plans every unnamed statement from scratch: for a feed page's row query that is
 * ~0.7 ms of planning for ~0.2 ms of execution. A statement text seen `PREPARE_AFTER` times gets
 * a name; each connection then parses it once and afterwards only binds and executes it, and
 * PostgreSQL may keep a generic plan for it (its `plan_cache_mode = auto` compares costs).
 *
 * Bounded: at most `MAX_NAMED` texts are named per process and `MAX_PER_CONNECTION` prepared on
 * one connection; anything beyond runs unnamed as before. Only statements with parameters are
 * named (scripts and `BEGIN`/`COMMIT` keep the simple protocol).
 *
 * A schema change under a running node (a rolling deploy's migration adding a column to a table
 * a `SELECT *` reads) makes PostgreSQL refuse a prepared plan whose result type changed: the
 * statement is then run unnamed on that connection from then on, so the request still succeeds.
 */
export const PREPARE_AFTER = 3;
const MAX_NAMED = 2_000;
const MAX_PER_CONNECTION = 500;

/**
 * An upsert onto a partial unique index (`ON CONFLICT (…) WHERE …`) is never named: PostgreSQL
 * must prove the index's predicate while planning, and a generic plan cannot when the `WHERE`
 * holds a parameter ("no unique or exclusion constraint matching the ON CONFLICT specification").
 */
const PARTIAL_UPSERT = /\bon conflict\s*\([^)]*\)\s*where\b/i;

/** PostgreSQL's "cached plan must not change result type" (feature_not_supported). */
const PLAN_CHANGED = /cached plan must not change result type/;

export class StatementNames {
  readonly #seen = new Map<string, number>();
  readonly #names = new Map<string, string>();

  /** The name for this text once it is hot, else null. */
  nameFor(text: string): string | null {
    const name = this.#names.get(text);
    if (name) return name;
    if (this.#names.size >= MAX_NAMED) return null;
    const count = (this.#seen.get(text) ?? 0) + 1;
    if (count < PREPARE_AFTER) {
      // one-off texts must not grow the table without end
      if (this.#seen.size >= MAX_NAMED * 4) this.#seen.clear();
      this.#seen.set(text, count);
      return null;
    }
    this.#seen.delete(text);
    const named = `atrium_${this.#names.size + 1}`;
    this.#names.set(text, named);
    return named;
  }

  get size(): number {
    return this.#names.size;
  }
}

class PreparingClient implements PostgresPoolClient {
  readonly #client: pg.PoolClient;
  readonly #names: StatementNames;
  /** Names this connection has prepared (or refused to, after a plan change). */
  readonly #prepared = new Set<string>();
  readonly #unnamed = new Set<string>();

  constructor(client: pg.PoolClient, names: StatementNames) {
    this.#client = client;
    this.#names = names;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    first: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof first !== 'string') {
      return this.#client.query(first as never) as unknown as PostgresCursor<R>;
    }
    const values = parameters ? [...parameters] : [];
    const name = values.length > 0 ? this.#nameFor(first) : null;
    if (!name) return this.#run<R>({ text: first, values });
    this.#prepared.add(name);
    return this.#run<R>({ name, text: first, values }).catch((error: unknown) => {
      if (!(error instanceof Error) || !PLAN_CHANGED.test(error.message)) throw error;
      this.#unnamed.add(name);
      return this.#run<R>({ text: first, values });
    });
  }

  #run<R>(config: pg.QueryConfig): Promise<PostgresQueryResult<R>> {
    return this.#client.query(config) as unknown as Promise<PostgresQueryResult<R>>;
  }

  #nameFor(text: string): string | null {
    if (PARTIAL_UPSERT.test(text)) return null;
    const name = this.#names.nameFor(text);
    if (!name || this.#unnamed.has(name)) return null;
    if (!this.#prepared.has(name) && this.#prepared.size >= MAX_PER_CONNECTION) return null;
    return name;
  }

  release(): void {
    this.#client.release();
  }
}

/** The pool Kysely's PostgreSQL dialect uses, preparing hot statements (see above). */
export function preparingPool(pool: pg.Pool, names = new StatementNames()): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PreparingClient>();
  return {
    async connect() {
      const started = performance.now();
      const client = await pool.connect();
      observePoolWait(performance.now() - started);
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = new PreparingClient(client, names);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => endPool(pool),
  };
}

/**
 * Ends a pool and resolves once every connection has closed.
 *
 * `pg.Pool#end` resolves as soon as it has *asked* its connections to close. A caller that then
 * drops the database (`DROP DATABASE … WITH (FORCE)`, as tests do) can terminate a backend before
 * it read the goodbye, and the still-attached client emits `57P01 terminating connection` — an
 * unhandled error for a pool nobody listens to any more. Waiting for each connection's `remove`
 * closes that window. Bounded, so a connection that never answers cannot hang a shutdown.
 */
export async function endPool(pool: pg.Pool, timeoutMs = 5_000): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    const timer = setTimeout(done, timeoutMs);
    timer.unref();
    function done(): void {
      clearTimeout(timer);
      pool.off('remove', onRemove);
      resolve();
    }
    function onRemove(): void {
      open -= 1;
      if (open <= 0) done();
    }
    pool.on('remove', onRemove);
  });
  await pool.end();
  await closed;
}
