import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, failure, signedIn, type TestApp } from '../../../test/helper.js';

// Onboarding, follow suggestions and follower lists (docs/api.md, "First visit"), with trust
// levels on: level-0 accounts are never suggested.

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp({ ATRIUM_TRUST: 'on', ATRIUM_DISABLE_RATE_LIMITS: '1' });
});
afterAll(async () => {
  await test.close();
});

let serial = 0;
function unique(prefix: string): string {
  serial += 1;
  return `${prefix}_${serial}`;
}

/** An account at trust level 1 (its floor too, so a recompute keeps it there). */
async function trusted(handle: string) {
  const account = await signedIn(test, handle);
  await test.database.db
    .updateTable('accounts')
    .set({ trust_level: 1, trust_floor: 1 })
    .where('id', '=', account.account.id)
    .execute();
  return account;
}

async function setAccount(id: string, changes: Record<string, unknown>) {
  await test.database.db.updateTable('accounts').set(changes).where('id', '=', id).execute();
}

const DAY = 86_400_000;

describe('onboarding', () => {
  it('is pending after sign-up, saved once for every device, with existing topics only', async () => {
    const writer = await trusted(unique('writer'));
    await writer.client.notes.create({ body: 'Kyoto lanes at dawn #Travel #kyoto', lang: 'en' });
    await test.settle();
    const handle = unique('newcomer');
    const first = await signedIn(test, handle);
    expect(first.account.onboarded).toBe(false);
    const state = await first.client.me.onboarding();
    expect(state.onboarded).toBe(false);
    expect(state.topics.map((topic) => topic.tag)).toEqual(
      expect.arrayContaining(['travel', 'kyoto']),
    );

    const unknown = await failure(
      first.client.me.completeOnboarding({ interests: ['travel', 'no-such-topic-here'] }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.code).toBe('UNKNOWN_TOPIC');
    expect((await first.client.me.get()).onboarded).toBe(false);

    const done = await first.client.me.completeOnboarding({ interests: ['#Travel', 'kyoto'] });
    expect(done).toMatchObject({ onboarded: true, interests: ['travel', 'kyoto'] });
    // another device: a new session of the same account
    const login = await test.client().auth.login({
      login: `${handle}@example.org`,
      password: 'correct horse battery staple',
    });
    expect(login.account.onboarded).toBe(true);
    const other = test.client({ token: login.token });
    expect((await other.me.onboarding()).interests).toEqual(['travel', 'kyoto']);
    // skipping later keeps what was chosen
    expect((await other.me.completeOnboarding({})).interests).toEqual(['travel', 'kyoto']);
  });

  it('is refused to anonymous callers and suspended accounts', async () => {
    expect((await failure(test.client().me.onboarding())).status).toBe(401);
    expect((await failure(test.client().me.completeOnboarding({}))).status).toBe(401);
    const suspended = await signedIn(test, unique('suspended'));
    await setAccount(suspended.account.id, { suspended_until: new Date(Date.now() + DAY) });
    const refused = await failure(suspended.client.me.completeOnboarding({}));
    expect(refused.code).toBe('ACCOUNT_SUSPENDED');
  });
});

describe('GET /api/me/follow-suggestions', () => {
  it('suggests by interest and language, never the excluded', async () => {
    const tag = unique('hiking');
    const hiker = await trusted(unique('hiker'));
    await hiker.client.notes.create({ body: `Ridge walk at sunrise #${tag}`, lang: 'en' });
    const spanish = await trusted(unique('hablante'));
    await spanish.client.notes.create({ body: 'Paseo por el puerto al atardecer', lang: 'es' });
    // each of these posts on the interest too, and must never be suggested
    const excluded: Record<string, Awaited<ReturnType<typeof signedIn>>> = {
      levelZero: await signedIn(test, unique('zero')),
      suspended: await trusted(unique('susp')),
      banned: await trusted(unique('banned')),
      restricted: await trusted(unique('restr')),
      blocked: await trusted(unique('blocked')),
      blocker: await trusted(unique('blocker')),
      followed: await trusted(unique('followed')),
    };
    for (const account of Object.values(excluded))
      await account.client.notes.create({ body: `Also about #${tag}`, lang: 'en' });
    await test.settle();

    const viewer = await signedIn(test, unique('reader'));
    await viewer.client.notes.create({ body: `My own #${tag} plans`, lang: 'en' });
    await viewer.client.me.update({ languages: ['es'] });
    await viewer.client.me.completeOnboarding({ interests: [tag] });
    await viewer.client.users.block(excluded.blocked!.account.handle);
    await excluded.blocker!.client.users.block(viewer.account.handle);
    await viewer.client.users.follow(excluded.followed!.account.handle);
    await setAccount(excluded.suspended!.account.id, {
      suspended_until: new Date(Date.now() + DAY),
    });
    await setAccount(excluded.banned!.account.id, { banned_at: new Date() });
    await setAccount(excluded.restricted!.account.id, {
      posting_restricted_until: new Date(Date.now() + DAY),
    });

    const { items } = await viewer.client.me.followSuggestions({ limit: 30 });
    const handles = items.map((item) => item.account.handle);
    expect(items[0]).toMatchObject({
      account: { handle: hiker.account.handle },
      reason: 'interest',
      topic: tag,
      notes: 1,
    });
    expect(items.find((item) => item.account.handle === spanish.account.handle)).toMatchObject({
      reason: 'language',
      topic: null,
    });
    expect(handles).not.toContain(viewer.account.handle);
    for (const account of Object.values(excluded))
      expect(handles).not.toContain(account.account.handle);

    // once followed, no longer suggested
    await viewer.client.users.follow(hiker.account.handle);
    const after = await viewer.client.me.followSuggestions();
    expect(after.items.map((item) => item.account.handle)).not.toContain(hiker.account.handle);
  });

  it('is refused to anonymous callers and suspended accounts', async () => {
    expect((await failure(test.client().me.followSuggestions())).status).toBe(401);
    const suspended = await signedIn(test, unique('suspended'));
    await setAccount(suspended.account.id, { suspended_until: new Date(Date.now() + DAY) });
    const refused = await failure(suspended.client.me.followSuggestions());
    expect(refused.status).toBe(403);
    expect(refused.code).toBe('ACCOUNT_SUSPENDED');
  });
});

describe('follower and following lists', () => {
  it('pages newest first with cursors, and leaves out sanctioned and blocked accounts', async () => {
    const star = await signedIn(test, unique('star'));
    const fans = [];
    for (let index = 0; index < 4; index += 1) {
      const fan = await signedIn(test, unique('fan'));
      await fan.client.users.follow(star.account.handle);
      fans.push(fan);
    }
    const banned = await signedIn(test, unique('gone'));
    await banned.client.users.follow(star.account.handle);
    await setAccount(banned.account.id, { banned_at: new Date() });

    const anonymous = test.client();
    const first = await anonymous.users.followers(star.account.handle, { limit: 3 });
    expect(first.items.map((item) => item.account.handle)).toEqual(
      [fans[3], fans[2], fans[1]].map((fan) => fan!.account.handle),
    );
    expect(first.items.every((item) => item.following === false)).toBe(true);
    expect(first.nextCursor).not.toBeNull();
    const second = await anonymous.users.followers(star.account.handle, {
      limit: 3,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((item) => item.account.handle)).toEqual([fans[0]!.account.handle]);
    expect(second.nextCursor).toBeNull();

    const following = await anonymous.users.following(fans[0]!.account.handle);
    expect(following.items.map((item) => item.account.handle)).toEqual([star.account.handle]);

    // a viewer sees whom they follow, and not who they blocked or who blocked them
    const viewer = await signedIn(test, unique('viewer'));
    await viewer.client.users.follow(fans[1]!.account.handle);
    await viewer.client.users.block(fans[2]!.account.handle);
    await fans[3]!.client.users.block(viewer.account.handle);
    const seen = await viewer.client.users.followers(star.account.handle);
    expect(seen.items.map((item) => [item.account.handle, item.following])).toEqual([
      [fans[1]!.account.handle, true],
      [fans[0]!.account.handle, false],
    ]);

    // across a block with the account itself, its lists are empty
    await star.client.users.block(viewer.account.handle);
    expect((await viewer.client.users.followers(star.account.handle)).items).toEqual([]);
    expect((await viewer.client.users.following(fans[0]!.account.handle)).items).toEqual([]);
    // the account still sees its own list: every follower but the banned one
    expect((await star.client.users.followers(star.account.handle)).items).toHaveLength(4);
  });

  it('answers 404 for an unknown handle and 400 for a foreign cursor', async () => {
    expect((await failure(test.client().users.followers('nobody_here_at_all'))).status).toBe(404);
    const someone = await signedIn(test, unique('someone'));
    const bad = await failure(
      test.client().users.following(someone.account.handle, { cursor: 'bm90LWEtY3Vyc29y' }),
    );
    expect(bad.code).toBe('VALIDATION_FAILED');
  });
});
