import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helper.js';
import { listMigrations, migrate } from './migrate.js';

describe('migrate', () => {
  it('lists the shipped migrations in order', () => {
    const names = listMigrations().map((migration) => migration.name);
    expect(names[0]).toBe('0001_accounts.sql');
    expect([...names].sort()).toEqual(names);
  });

  it('applies nothing twice: a migrated database is up to date', async () => {
    const { database, close } = await createTestDatabase();
    try {
      expect(await migrate(database)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('applies a new migration once, and rolls a failing one back whole', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atrium-migrations-'));
    writeFileSync(path.join(dir, '0900_extra.sql'), 'CREATE TABLE extra (id int);');
    writeFileSync(
      path.join(dir, '0901_broken.sql'),
      'CREATE TABLE half_done (id int);\nSELECT no_such_function();',
    );
    const { database, close } = await createTestDatabase();
    try {
      const [extra, broken] = listMigrations(dir);
      expect(await migrate(database, [...listMigrations(), extra!])).toEqual(['0900_extra.sql']);
      await expect(migrate(database, [broken!])).rejects.toThrow(/0901_broken.sql failed/);
      const tables = await database.db
        .selectFrom('information_schema.tables' as never)
        .select('table_name' as never)
        .where('table_name' as never, 'in', ['extra', 'half_done'] as never)
        .execute();
      expect(tables).toEqual([{ table_name: 'extra' }]);
      const recorded = await database.db.selectFrom('atrium_migrations').select('name').execute();
      expect(recorded.map((row) => row.name)).not.toContain('0901_broken.sql');
      // the connection is usable after the failure
      expect(await migrate(database, [extra!])).toEqual([]);
    } finally {
      await close();
    }
  });
});
