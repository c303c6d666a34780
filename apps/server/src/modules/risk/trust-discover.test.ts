import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, signedIn, type TestApp } from '../../../test/helper.js';
import { topScored } from '../feeds/feeds.store.js';

// The level-0 reach cap: notes of level-0 authors are not ranked in discover; they reach
// readers through its exploration share only (fresh notes, new creators).

let test: TestApp | null = null;
afterEach(async () => {
  await test?.close();
  test = null;
});

/** Two authors with a note each, both past the exploration pool (old account, older note). */
async function world(env: Record<string, string>) {
  test = await buildTestApp(env);
  const db = test.database.db;
  const young = await signedIn(test, 'maple');
  const trusted = await signedIn(test, 'birch');
  const reader = await signedIn(test, 'cedar');
  const youngNote = await young.client.notes.create({ body: 'A note by maple' });
  const trustedNote = await trusted.client.notes.create({ body: 'A note by birch' });
  // birch has earned level 1; maple stays at 0. Both accounts and notes look settled, and
  // maple's note is the better scored: only the cap keeps it out of the ranking
  await sql`UPDATE accounts SET trust_floor = 1, trust_level = 1 WHERE handle = 'birch'`.execute(
    db,
  );
  await sql`UPDATE accounts SET created_at = now() - interval '20 days', notes_count = 5
    WHERE handle IN ('maple', 'birch')`.execute(db);
  await sql`UPDATE notes SET created_at = now() - interval '3 days', view_count = 100`.execute(db);
  await sql`UPDATE notes SET score = score + 100 WHERE id = ${youngNote.id}`.execute(db);
  return { db, reader, youngNote, trustedNote };
}

describe('the level-0 discover cap', () => {
  it('leaves level-0 authors out of the ranked share', async () => {
    const { db, reader, youngNote, trustedNote } = await world({ ATRIUM_TRUST: 'on' });
    const ranked = (await topScored(db, 50, { capLevelZero: true })).map((row) => row.id);
    expect(ranked).toEqual([trustedNote.id]);
    const uncapped = (await topScored(db, 50)).map((row) => row.id);
    expect(uncapped).toEqual([youngNote.id, trustedNote.id]);
    const page = await reader.client.feeds.discover({ limit: 20 });
    expect(page.items.map((item) => item.id)).toEqual([trustedNote.id]);
  });

  it('lifts once the author earns level 1', async () => {
    const { db, reader, youngNote, trustedNote } = await world({ ATRIUM_TRUST: 'on' });
    await sql`UPDATE accounts SET trust_level = 1 WHERE handle = 'maple'`.execute(db);
    const page = await reader.client.feeds.discover({ limit: 20 });
    expect(page.items.map((item) => item.id)).toEqual([youngNote.id, trustedNote.id]);
  });

  it('still shows a level-0 note through exploration while it is fresh', async () => {
    const { db, reader, youngNote } = await world({ ATRIUM_TRUST: 'on' });
    await sql`UPDATE notes SET created_at = now(), view_count = 0 WHERE id = ${youngNote.id}`.execute(
      db,
    );
    const page = await reader.client.feeds.discover({ limit: 20 });
    expect(page.items.map((item) => item.id)).toContain(youngNote.id);
  });

  it('ranks everyone as before with trust levels off', async () => {
    const { reader, youngNote, trustedNote } = await world({});
    const page = await reader.client.feeds.discover({ limit: 20 });
    expect(page.items.map((item) => item.id)).toEqual([youngNote.id, trustedNote.id]);
  });
});
