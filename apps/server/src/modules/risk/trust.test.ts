import { loadDefaultPolicy } from '@atrium/safety';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeImage } from '../../../test/fixtures/images.js';
import { signedInStaff } from '../../../test/fixtures/staff.js';
import { buildTestApp, failure, signedIn, type TestApp } from '../../../test/helper.js';
import { DEFAULT_TRUST_LIMITS } from './trust-limits.js';

// Trust levels through the API: every limit refused with 429 TRUST_LIMIT, the policy's
// overrides, the first-actions scoring of level 0 and GET /api/me/trust.

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp({ ATRIUM_TRUST: 'on' });
});
afterEach(async () => {
  await test.close();
});

const HOUR = 3_600_000;

/** Publishes the shipped policy with a `trust` section (the operator's way to tune limits). */
async function publishLimits(level0: Record<string, number | null>) {
  const policy = loadDefaultPolicy();
  await test.policies.publish(
    { kind: 'system' },
    {
      version: 'trust-test-1',
      document: { ...policy, version: 'trust-test-1', trust: { limits: { '0': level0 } } },
    },
  );
}

async function trustLimit(promise: Promise<unknown>, limit: string) {
  const error = await failure(promise);
  expect(error.status).toBe(429);
  expect(error.code).toBe('TRUST_LIMIT');
  const problem = error.problem as { limit?: string; resetsAt?: string | null; level?: number };
  expect(problem.limit).toBe(limit);
  expect(problem.level).toBe(0);
  return problem;
}

async function setAccount(handle: string, assignments: ReturnType<typeof sql>) {
  await sql`UPDATE accounts SET ${assignments} WHERE handle = ${handle}`.execute(test.database.db);
}

describe('trust levels', () => {
  it('starts a new account at level 0 and shows it its limits', async () => {
    const { client } = await signedIn(test, 'maple');
    const trust = await client.me.trust();
    expect(trust.level).toBe(0);
    expect(trust.limits).toEqual(DEFAULT_TRUST_LIMITS[0]);
    expect(trust.next).toMatchObject({ level: 1, days: 3 });
  });

  it('refuses the fourth note in an hour at level 0, saying when the limit resets', async () => {
    const { client } = await signedIn(test, 'maple');
    const started = Date.now();
    for (let index = 0; index < 3; index++) await client.notes.create({ body: `Note ${index}` });
    const problem = await trustLimit(client.notes.create({ body: 'One more' }), 'notesPerHour');
    const resetsAt = Date.parse(problem.resetsAt!);
    expect(resetsAt).toBeGreaterThanOrEqual(started + HOUR - 1_000);
    expect(resetsAt).toBeLessThanOrEqual(Date.now() + HOUR);
  });

  it('lets a level-1 account (older than trust levels) post more', async () => {
    const { client } = await signedIn(test, 'maple');
    await setAccount('maple', sql`trust_floor = 1`);
    expect((await client.me.trust()).level).toBe(1);
    for (let index = 0; index < 4; index++) await client.notes.create({ body: `Note ${index}` });
  });

  it('refuses links and mentions over the per-note limits, and links over the day', async () => {
    const { client } = await signedIn(test, 'maple');
    await trustLimit(
      client.notes.create({ body: 'https://a.example/1 and https://b.example/2' }),
      'linksPerNote',
    );
    await trustLimit(
      client.notes.create({ body: 'hi @birch1 @cedar2 @larch3 @aspen4' }),
      'mentionsPerNote',
    );
    for (let index = 0; index < 3; index++)
      await client.notes.create({ body: `Read https://a.example/${index}` });
    // out of this hour's note limit, still inside the day's link limit
    await sql`UPDATE notes SET created_at = now() - interval '2 hours'`.execute(test.database.db);
    await trustLimit(client.notes.create({ body: 'And https://a.example/9' }), 'linksPerDay');
    await client.notes.create({ body: 'No link this time' });
  });

  it('refuses images, follows, reports and comments on strangers over policy limits', async () => {
    await publishLimits({
      imagesPerDay: 1,
      followsPerHour: 1,
      reportsPerDay: 1,
      strangerCommentsPerHour: 1,
    });
    const { client } = await signedIn(test, 'maple');
    const other = await signedIn(test, 'birch');
    const third = await signedIn(test, 'cedar');
    expect((await client.me.trust()).limits.imagesPerDay).toBe(1);

    const upload = async () =>
      client.media.upload(
        new Blob([new Uint8Array(await makeImage('jpeg', 64, 64))], { type: 'image/jpeg' }),
        'photo.jpg',
      );
    await client.notes.create({ body: 'One picture', mediaIds: [(await upload()).id] });
    await trustLimit(
      client.notes.create({ body: 'Another', mediaIds: [(await upload()).id] }),
      'imagesPerDay',
    );

    await client.users.follow('birch');
    await client.users.follow('birch'); // a repeat changes nothing and is not counted
    await trustLimit(client.users.follow('cedar'), 'followsPerHour');

    const first = await other.client.notes.create({ body: 'Birch writes' });
    const second = await third.client.notes.create({ body: 'Cedar writes' });
    const fourth = await third.client.notes.create({ body: 'Cedar again' });
    await client.reports.create({ targetType: 'note', targetId: second.id, reason: 'spam' });
    await trustLimit(
      client.reports.create({ targetType: 'note', targetId: fourth.id, reason: 'spam' }),
      'reportsPerDay',
    );

    // birch is followed: not a stranger; cedar is
    await client.notes.comment(first.id, { body: 'Nice one' });
    await client.notes.comment(second.id, { body: 'Lovely' });
    await trustLimit(
      client.notes.comment(fourth.id, { body: 'Again lovely' }),
      'strangerCommentsPerHour',
    );
    await client.notes.comment(first.id, { body: 'Still fine here' });
  });

  it('drops a trusted account to level 0 on a sanction, and it earns trust again from then', async () => {
    const author = await signedIn(test, 'maple');
    const note = await author.client.notes.create({ body: 'Follow me for free stuff' });
    await setAccount(
      'maple',
      sql`trust_floor = 2, created_at = now() - interval '400 days', likes_received_count = 900`,
    );
    expect((await author.client.me.trust()).level).toBe(2);
    const reporter = await signedIn(test, 'birch');
    await reporter.client.reports.create({ targetType: 'note', targetId: note.id, reason: 'spam' });
    const moderator = await signedInStaff(test, 'cedar_mod', 'moderator');
    const caseId = (
      await moderator.client.moderation.cases({ status: 'open', limit: 100 })
    ).items.find((item) => item.targetId === note.id)!.id;
    await moderator.client.moderation.claim(caseId);
    await moderator.client.moderation.decide(caseId, {
      decision: 'approve',
      reasonCode: 'policy.spam',
      accountAction: { type: 'restrict', days: 1 },
    });
    expect((await author.client.me.trust()).level).toBe(0);
    // the restriction over, the floor is gone and the age counts from the sanction
    await setAccount('maple', sql`posting_restricted_until = now() - interval '1 minute'`);
    expect((await author.client.me.trust()).level).toBe(0);
    await setAccount('maple', sql`trust_since = now() - interval '4 days'`);
    expect((await author.client.me.trust()).level).toBe(1);
  });

  it('applies no limit with trust levels off (the test default)', async () => {
    const plain = await buildTestApp();
    try {
      const { client } = await signedIn(plain, 'maple');
      for (let index = 0; index < 5; index++) await client.notes.create({ body: `Note ${index}` });
      expect((await client.me.trust()).level).toBe(0);
    } finally {
      await plain.close();
    }
  });
});

describe('first actions of level-0 accounts', () => {
  it('records signals with reasons and opens a review for a templated repeater', async () => {
    await publishLimits({ strangerCommentsPerHour: null });
    const { client, account } = await signedIn(test, 'maple');
    const other = await signedIn(test, 'birch');
    const note = await other.client.notes.create({ body: 'Birch writes' });
    const first = await client.notes.create({ body: 'Hello, https://shop.example/deal' });
    expect(first.id).toBeTruthy();
    for (let index = 0; index < 4; index++)
      await client.notes.comment(note.id, { body: `Cheap followers at my page, code ${index}` });

    const events = await sql<{
      kind: string;
      surface: string;
      decision: string;
      reasons: { code: string }[];
    }>`
      SELECT kind, surface, decision, reasons FROM risk_events
      WHERE account_id = ${account.id} ORDER BY created_at, id`.execute(test.database.db);
    expect(events.rows[0]).toMatchObject({
      kind: 'first_action',
      surface: 'post',
      decision: 'allow',
    });
    expect(events.rows[0]!.reasons.map((reason) => reason.code)).toEqual(['first_note_links']);
    const last = events.rows.at(-1)!;
    expect(last).toMatchObject({ surface: 'comment', decision: 'review' });
    expect(last.reasons.map((reason) => reason.code)).toContain('repeated_text');

    // restricted, and one automated risk case about the account
    const error = await failure(client.notes.create({ body: 'After the review' }));
    expect(error.code).toBe('POSTING_RESTRICTED');
    const cases = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM moderation_cases
      WHERE subject_id = ${account.id} AND category = 'risk'`.execute(test.database.db);
    expect(cases.rows[0]!.n).toBe(1);
    expect((await client.me.trust()).level).toBe(0);
  });

  it('does not score level-1 accounts', async () => {
    const { client, account } = await signedIn(test, 'maple');
    await setAccount('maple', sql`trust_floor = 1`);
    await client.notes.create({ body: 'Hello, https://shop.example/deal' });
    const events = await sql`SELECT 1 FROM risk_events WHERE account_id = ${account.id}`.execute(
      test.database.db,
    );
    expect(events.rows).toHaveLength(0);
  });
});
