import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helper.js';
import { noteRecommendable, recommendableIn } from './note-visibility.js';

const ACTIONS = ['allow', 'label', 'limit', 'withhold'] as const;
const REGIONAL = [
  null,
  { CN: 'withhold' },
  { CN: 'limit', US: 'label' },
  { US: 'allow', BR: 'withhold' },
  { CN: 'allow' },
] as const;
const REGIONS = [null, 'CN', 'US', 'BR', 'DE'] as const;

describe('recommendableIn (the in-memory twin of noteRecommendable)', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test.close());

  it('agrees with the SQL rule for every action, regional override and region', async () => {
    const rows = ACTIONS.flatMap((action) =>
      REGIONAL.map((regional) => ({
        moderation_action: action,
        region_actions: regional ? { ...regional } : null,
      })),
    );
    let compared = 0;
    for (const region of REGIONS) {
      const values = sql.join(
        rows.map(
          (row, index) =>
            sql`(${index}, 'published', ${row.moderation_action}, ${row.region_actions ? JSON.stringify(row.region_actions) : null}::jsonb)`,
        ),
      );
      const { rows: answers } = await sql<{ index: number; ok: boolean }>`
        SELECT index, ${noteRecommendable({ viewerId: null, region })} AS ok
        FROM (VALUES ${values}) AS notes(index, status, moderation_action, region_actions)
        ORDER BY index`.execute(test.database.db);
      expect(answers).toHaveLength(rows.length);
      for (const answer of answers) {
        expect([region, rows[answer.index], recommendableIn(rows[answer.index]!, region)]).toEqual([
          region,
          rows[answer.index],
          answer.ok,
        ]);
        compared += 1;
      }
    }
    expect(compared).toBe(ACTIONS.length * REGIONAL.length * REGIONS.length);
  });
});
