import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helper.js';
import { PREPARE_AFTER, preparingPool, StatementNames } from './prepared-pool.js';

describe('StatementNames', () => {
  it('names a text once it has been seen PREPARE_AFTER times, and keeps the name', () => {
    const names = new StatementNames();
    for (let i = 1; i < PREPARE_AFTER; i++) expect(names.nameFor('select $1')).toBeNull();
    const name = names.nameFor('select $1');
    expect(name).toMatch(/^atrium_\d+$/);
    expect(names.nameFor('select $1')).toBe(name);
    for (let i = 0; i < PREPARE_AFTER; i++) names.nameFor('select $1 + 1');
    expect(names.nameFor('select $1 + 1')).not.toBe(name);
    expect(names.size).toBe(2);
  });
});

describe.runIf(process.env.DATABASE_URL)('preparing pool on PostgreSQL', () => {
  async function withPool<T>(fn: (db: Kysely<Record<string, never>>) => Promise<T>): Promise<T> {
    const test = await createTestDatabase();
    // one connection, so every statement runs where the previous ones were prepared
    const pool = new pg.Pool({ connectionString: test.url, max: 1 });
    // as in production: an idle connection's error (its database dropped) must not crash the run
    pool.on('error', () => {});
    const db = new Kysely<Record<string, never>>({
      dialect: new PostgresDialect({ pool: preparingPool(pool) }),
    });
    try {
      return await fn(db);
    } finally {
      await db.destroy();
      await test.close();
    }
  }

  it('closes every connection before destroy resolves, so dropping the database kills nobody', async () => {
    const test = await createTestDatabase();
    try {
      const pool = new pg.Pool({ connectionString: test.url, max: 3 });
      const ended: pg.Client[] = [];
      pool.on('connect', (client) => client.on('end', () => ended.push(client)));
      const db = new Kysely<Record<string, never>>({
        dialect: new PostgresDialect({ pool: preparingPool(pool) }),
      });
      // three connections open at once, then idle in the pool
      await Promise.all([1, 2, 3].map((n) => sql`SELECT pg_sleep(0.05), ${n}::int`.execute(db)));
      expect(pool.totalCount).toBe(3);
      await db.destroy();
      // every socket is closed by now, not merely asked to close
      expect(ended).toHaveLength(3);
    } finally {
      await test.close();
    }
  });

  it('prepares a repeated statement once on the connection and answers it the same', async () => {
    await withPool(async (db) => {
      const answers: number[] = [];
      for (let i = 0; i < PREPARE_AFTER + 3; i++) {
        const { rows } = await sql<{ n: number }>`SELECT ${i}::int + 1 AS n`.execute(db);
        answers.push(rows[0]!.n);
      }
      expect(answers).toEqual([1, 2, 3, 4, 5, 6]);
      const { rows } = await sql<{
        name: string;
        statement: string;
      }>`SELECT name, statement FROM pg_prepared_statements`.execute(db);
      expect(rows).toEqual([
        { name: expect.stringMatching(/^atrium_/), statement: 'SELECT $1::int + 1 AS n' },
      ]);
    });
  });

  it('keeps answering when a migration changes a prepared statement’s result type', async () => {
    await withPool(async (db) => {
      await sql`CREATE TABLE things (id int PRIMARY KEY, name text)`.execute(db);
      await sql`INSERT INTO things VALUES (1, 'one')`.execute(db);
      const read = () =>
        sql<Record<string, unknown>>`SELECT * FROM things WHERE id = ${1}`.execute(db);
      for (let i = 0; i < PREPARE_AFTER + 1; i++) await read();
      await sql`ALTER TABLE things ADD COLUMN colour text DEFAULT 'red'`.execute(db);
      const { rows } = await read();
      expect(rows).toEqual([{ id: 1, name: 'one', colour: 'red' }]);
      expect((await read()).rows).toEqual([{ id: 1, name: 'one', colour: 'red' }]);
    });
  });

  it('never names an upsert onto a partial unique index (a generic plan could not use it)', async () => {
    await withPool(async (db) => {
      await sql`CREATE TABLE cases (id int PRIMARY KEY, target int, status text)`.execute(db);
      await sql`CREATE UNIQUE INDEX cases_open ON cases (target) WHERE status <> 'resolved'`.execute(
        db,
      );
      for (let i = 1; i <= PREPARE_AFTER + 6; i++) {
        await sql`INSERT INTO cases VALUES (${i}, ${1}, 'open')
          ON CONFLICT (target) WHERE status <> ${'resolved'} DO NOTHING`.execute(db);
      }
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases`.execute(db);
      expect(rows[0]!.n).toBe(1);
      const prepared = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_prepared_statements`.execute(db);
      expect(prepared.rows[0]!.n).toBe(0);
    });
  });
});
