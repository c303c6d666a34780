import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccountRow, createTestDatabase, type TestDatabase } from '../../test/helper.js';
import { trustDemoAccounts } from './demo.store.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

describe('demo trust', () => {
  it('gives every demo account trust level 1 at least, keeping higher ones', async () => {
    const db = database.database.db;
    const fresh = await addAccountRow(db, 'maple');
    const senior = await addAccountRow(db, 'birch');
    await sql`UPDATE accounts SET trust_floor = 2, trust_level = 3 WHERE id = ${senior}`.execute(
      db,
    );
    const before = await sql<{ trust_level: number; trust_floor: number }>`
      SELECT trust_level, trust_floor FROM accounts WHERE id = ${fresh}`.execute(db);
    expect(before.rows[0]).toEqual({ trust_level: 0, trust_floor: 0 });
    await trustDemoAccounts(db);
    const rows = await sql<{ id: string; trust_level: number; trust_floor: number }>`
      SELECT id, trust_level, trust_floor FROM accounts ORDER BY handle`.execute(db);
    expect(rows.rows).toEqual([
      { id: senior, trust_level: 3, trust_floor: 2 },
      { id: fresh, trust_level: 1, trust_floor: 1 },
    ]);
  });
});
