import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helper.js';
import {
  noteRecommendable,
  noteVisible,
  recommendableIn,
  UNKNOWN_REGION,
  visibleTo,
} from './visibility.js';

const ACTIONS = ['allow', 'label', 'limit', 'withhold'] as const;
const REGIONAL = [
  null,
  { CN: 'withhold' },
  { CN: 'limit', US: 'label' },
  { US: 'allow', BR: 'withhold' },
  { CN: 'allow' },
] as const;
const REGIONS = [null, 'CN', 'US', 'BR', 'DE', UNKNOWN_REGION] as const;
const STATUSES = ['published', 'pending_review', 'removed'] as const;
const AUTHOR = '01900000-0000-7000-8000-00000000000a';
const OTHER = '01900000-0000-7000-8000-00000000000b';

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

  it('visibleTo agrees with noteVisible for every status, action, region and viewer', async () => {
    const rows = STATUSES.flatMap((status) =>
      ACTIONS.flatMap((action) =>
        REGIONAL.map((regional) => ({
          status,
          author_id: AUTHOR,
          moderation_action: action,
          region_actions: regional ? { ...regional } : null,
        })),
      ),
    );
    const values = sql.join(
      rows.map(
        (row, index) =>
          sql`(${index}, ${row.status}, ${row.author_id}::uuid, ${row.moderation_action}, ${row.region_actions ? JSON.stringify(row.region_actions) : null}::jsonb)`,
      ),
    );
    let compared = 0;
    for (const region of REGIONS) {
      for (const viewerId of [null, AUTHOR, OTHER]) {
        const context = { viewerId, region };
        // no blocks exist here, so the SQL rule's block clause is true: the rest must agree
        const { rows: answers } = await sql<{ index: number; ok: boolean }>`
          SELECT index, ${noteVisible(context)} AS ok
          FROM (VALUES ${values}) AS notes(index, status, author_id, moderation_action, region_actions)
          ORDER BY index`.execute(test.database.db);
        expect(answers).toHaveLength(rows.length);
        for (const answer of answers) {
          const row = rows[answer.index]!;
          expect([context, row, visibleTo(row, context)]).toEqual([context, row, answer.ok]);
          compared += 1;
        }
      }
    }
    expect(compared).toBe(STATUSES.length * ACTIONS.length * REGIONAL.length * REGIONS.length * 3);
  });
});

describe('the unknown region', () => {
  it('is the strictest: what is withheld or limited anywhere is withheld or limited there', () => {
    const row = (moderation_action: string, region_actions: Record<string, string> | null) => ({
      status: 'published',
      author_id: AUTHOR,
      moderation_action,
      region_actions,
    });
    const anonymous = { viewerId: null, region: UNKNOWN_REGION };
    expect(visibleTo(row('allow', { CN: 'withhold' }), anonymous)).toBe(false);
    expect(visibleTo(row('withhold', { US: 'allow' }), anonymous)).toBe(false);
    expect(visibleTo(row('label', { BR: 'limit' }), anonymous)).toBe(true);
    expect(recommendableIn(row('label', { BR: 'limit' }), UNKNOWN_REGION)).toBe(false);
    expect(recommendableIn(row('allow', { US: 'label' }), UNKNOWN_REGION)).toBe(true);
    // the author still sees their own
    expect(
      visibleTo(row('allow', { CN: 'withhold' }), { viewerId: AUTHOR, region: UNKNOWN_REGION }),
    ).toBe(true);
  });
});
