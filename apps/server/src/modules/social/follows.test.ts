import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, signUpByEmail, type TestApp } from '../../../test/helper.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

async function counts(handle: string) {
  return test.database.db
    .selectFrom('accounts')
    .select(['followers_count', 'following_count'])
    .where('handle', '=', handle)
    .executeTakeFirstOrThrow();
}

describe('PUT/DELETE /api/users/:handle/follow', () => {
  it('follows idempotently and keeps both counts exact', async () => {
    const ana = await signUpByEmail(test, 'ana_b');
    await signUpByEmail(test, 'lin');
    const client = test.client({ token: ana.token });
    for (let repeat = 0; repeat < 3; repeat += 1) {
      const response = await test.app.inject({
        method: 'PUT',
        url: '/api/users/lin/follow',
        headers: { authorization: `Bearer ${ana.token}` },
      });
      expect(response.statusCode).toBe(204);
    }
    expect(await counts('lin')).toEqual({ followers_count: 1, following_count: 0 });
    expect(await counts('ana_b')).toEqual({ followers_count: 0, following_count: 1 });
    expect((await client.users.get('lin')).viewer).toEqual({
      following: true,
      followedBy: false,
      blocking: false,
    });
    await client.users.unfollow('lin');
    await client.users.unfollow('lin');
    expect(await counts('lin')).toEqual({ followers_count: 0, following_count: 0 });
    expect(await test.database.db.selectFrom('follows').selectAll().execute()).toHaveLength(0);
  });

  it('keeps counts exact under parallel follows and unfollows', async () => {
    await signUpByEmail(test, 'star');
    const fans = [];
    for (let index = 0; index < 8; index += 1) fans.push(await signUpByEmail(test, `fan${index}`));
    await Promise.all(
      fans.flatMap((fan) => [
        test.client({ token: fan.token }).users.follow('star'),
        test.client({ token: fan.token }).users.follow('star'),
      ]),
    );
    expect((await counts('star')).followers_count).toBe(8);
    await Promise.all(
      fans.slice(0, 3).map((fan) => test.client({ token: fan.token }).users.unfollow('star')),
    );
    expect((await counts('star')).followers_count).toBe(5);
    const edges = await test.database.db.selectFrom('follows').selectAll().execute();
    expect(edges).toHaveLength(5);
  });

  it('lets accounts follow each other at the same moment without a deadlock', async () => {
    const names = ['mio', 'kou', 'rin', 'sho', 'yui', 'tomo'];
    const people = [];
    for (const name of names) people.push(await signUpByEmail(test, name));
    // every pair follows both ways at once: A→B and B→A lock the same two account rows
    const results = await Promise.allSettled(
      people.flatMap((person, index) =>
        names
          .filter((_, other) => other !== index)
          .map((other) => test.client({ token: person.token }).users.follow(other)),
      ),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    for (const name of names)
      expect(await counts(name)).toEqual({ followers_count: 5, following_count: 5 });
  });

  it('credits a new follow to the author’s note the follower opened most recently today', async () => {
    const lin = await signUpByEmail(test, 'lin');
    const ana = await signUpByEmail(test, 'ana_b');
    const zoe = await signUpByEmail(test, 'zoe');
    const linClient = test.client({ token: lin.token });
    const anaClient = test.client({ token: ana.token });
    const first = await linClient.notes.create({ body: 'first note' });
    const second = await linClient.notes.create({ body: 'second note' });
    const other = await test.client({ token: zoe.token }).notes.create({ body: 'not lin' });
    const follows = async () => {
      const rows = await test.database.db
        .selectFrom('notes')
        .select(['id', 'follow_count'])
        .execute();
      return Object.fromEntries(rows.map((row) => [row.id, row.follow_count]));
    };
    // the view is still waiting in memory when the follow comes
    await anaClient.notes.get(first.id);
    await anaClient.notes.get(other.id);
    await anaClient.users.follow('lin');
    expect(await follows()).toEqual({ [first.id]: 1, [second.id]: 0, [other.id]: 0 });
    // a repeated follow is not new: nothing more is credited
    await anaClient.users.follow('lin');
    expect((await follows())[first.id]).toBe(1);
    await anaClient.users.unfollow('lin');
    // views already written: the most recent one wins
    await anaClient.notes.get(second.id);
    await test.tasks.countViews.run();
    await anaClient.users.follow('lin');
    expect(await follows()).toEqual({ [first.id]: 1, [second.id]: 1, [other.id]: 0 });
    // following without having opened any of the author's notes credits nothing
    await test.client({ token: zoe.token }).users.follow('lin');
    expect(await follows()).toEqual({ [first.id]: 1, [second.id]: 1, [other.id]: 0 });
  });

  it('refuses following oneself with 400 CANNOT_FOLLOW_SELF', async () => {
    const ana = await signUpByEmail(test, 'ana_b');
    await expect(test.client({ token: ana.token }).users.follow('ana_b')).rejects.toMatchObject({
      status: 400,
      code: 'CANNOT_FOLLOW_SELF',
    });
    expect(await counts('ana_b')).toEqual({ followers_count: 0, following_count: 0 });
  });

  it('needs a session (401) and an existing account (404)', async () => {
    await signUpByEmail(test, 'lin');
    const anonymous = await test.app.inject({ method: 'PUT', url: '/api/users/lin/follow' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('UNAUTHENTICATED');
    const ana = await signUpByEmail(test, 'ana_b');
    await expect(test.client({ token: ana.token }).users.follow('ghost')).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });
});
