import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../test/fixtures/staff.js';
import { buildTestApp, signedIn, type TestApp } from '../../../test/helper.js';

// The periodic trust recompute: an account whose age and activity come to qualify crosses to
// level 1 without a request of its own; a sanctioned one does not, and loses what it had.

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp({ ATRIUM_TRUST: 'on' });
});
afterEach(async () => {
  await test.close();
});

async function storedLevel(handle: string) {
  const row = await test.database.db
    .selectFrom('accounts')
    .select('trust_level')
    .where('handle', '=', handle)
    .executeTakeFirstOrThrow();
  return row.trust_level;
}

/** A note by `handle` liked by three others. */
async function noteWithThreeLikes(handle: string) {
  const author = await signedIn(test, handle);
  const note = await author.client.notes.create({ body: `A walk by the river, ${handle}` });
  for (const liker of [`${handle}_la`, `${handle}_lb`, `${handle}_lc`]) {
    await (await signedIn(test, liker)).client.notes.like(note.id);
  }
}

const ageBy = (handle: string, days: number) =>
  sql`UPDATE accounts SET created_at = created_at - make_interval(days => ${days})
    WHERE handle = ${handle}`.execute(test.database.db);

describe('the periodic trust recompute', () => {
  it('raises an account to level 1 once it is 3 days old, without a request of its own', async () => {
    await noteWithThreeLikes('maple');
    await test.tasks.recomputeTrust.run();
    // the activity is there, the age is not
    expect(await storedLevel('maple')).toBe(0);

    await ageBy('maple', 4);
    expect(await storedLevel('maple')).toBe(0);
    await test.tasks.recomputeTrust.run();
    expect(await storedLevel('maple')).toBe(1);
    // the likers (no note of their own) stay where they are
    expect(await storedLevel('maple_la')).toBe(0);
  });

  it('keeps a restricted account at 0 and lowers one restricted after it earned a level', async () => {
    await noteWithThreeLikes('maple');
    await noteWithThreeLikes('rowan');
    await ageBy('maple', 4);
    await ageBy('rowan', 4);
    await sql`UPDATE accounts SET trust_level = 1 WHERE handle = 'rowan'`.execute(test.database.db);
    const restrict = sql`UPDATE accounts SET posting_restricted_until = now() + interval '1 day'
      WHERE handle IN ('maple', 'rowan')`;
    await restrict.execute(test.database.db);
    await test.tasks.recomputeTrust.run();
    expect(await storedLevel('maple')).toBe(0);
    expect(await storedLevel('rowan')).toBe(0);
  });

  it('runs once per settle (POST /api/staff/surge/settle), like farm detection', async () => {
    await noteWithThreeLikes('maple');
    await ageBy('maple', 4);
    const moderator = await signedInStaff(test, 'wave_lead', 'moderator');
    const settled = await moderator.client.surge.settle();
    expect(settled.jobs.find((job) => job.name === 'recompute trust levels')).toMatchObject({
      ok: true,
    });
    expect(await storedLevel('maple')).toBe(1);
  });
});
