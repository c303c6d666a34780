import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const NAME = /^\d{4}_[a-z0-9_]+\.sql$/;

export interface Migration {
  name: string;
  sql: string;
}

/** The ordered SQL migrations shipped with the server. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => NAME.test(file))
    .sort()
    .map((name) => ({ name, sql: readFileSync(`${dir}/${name}`, 'utf8') }));
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

/**
 * Applies the migrations not yet applied, each in its own transaction with its bookkeeping row.
 * The row is inserted first: when several nodes start at once on one PostgreSQL, the second
 * waits on the first's uncommitted row, then fails on the unique key and skips the migration.
 */
export async function migrate(
  database: Database,
  migrations = listMigrations(),
): Promise<string[]> {
  const bootstrap = `CREATE TABLE IF NOT EXISTS atrium_migrations (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;
  try {
    await database.execScript(bootstrap);
  } catch (error) {
    // Two nodes creating the table at once: one loses on the catalog's unique key.
    if (!isUniqueViolation(error)) throw error;
  }
  const rows = await database.db.selectFrom('atrium_migrations').select('name').execute();
  const applied = new Set(rows.map((row) => row.name));
  const ran: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    if (!NAME.test(migration.name)) throw new Error(`bad migration name ${migration.name}`);
    const script = `BEGIN;
INSERT INTO atrium_migrations (name) VALUES ('${migration.name}');
${migration.sql}
;
COMMIT;`;
    try {
      await database.execScript(script);
      ran.push(migration.name);
    } catch (error) {
      if (isUniqueViolation(error) && (await isApplied(database, migration.name))) continue;
      throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return ran;
}

async function isApplied(database: Database, name: string): Promise<boolean> {
  const row = await database.db
    .selectFrom('atrium_migrations')
    .select('name')
    .where('name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}
