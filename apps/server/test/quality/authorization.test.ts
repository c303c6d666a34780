import { type RouteName, type RouteSpec, routes } from '@atrium/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPS, type TestApp } from '../helper.js';
import { matrix } from './authorization-matrix.js';
import { callRoute } from './request.js';
import { contractProblems, registerFormats } from './schema-check.js';
import { type Actor, actors, buildQualityApp, buildWorld, type World } from './world.js';

registerFormats();

// Calls every route of the matrix (authorization-matrix.ts) as every actor and compares the
// statuses with its line; a route without a line fails the suite. Then the IDOR checks: what
// the statuses cannot show (what a list contains, what an answer reveals).

let test: TestApp;
let world: World;

beforeAll(async () => {
  test = await buildQualityApp();
  world = await buildWorld(test);
});

afterAll(async () => {
  await test?.close();
});

describe('the authorization matrix', () => {
  it('has one line for every route', () => {
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(routes).sort());
  });

  const lines = Object.entries(matrix).flatMap(([name, row]) =>
    row.checks.map(
      (check) => [`${name}${check.about ? ` (${check.about})` : ''}`, name, check] as const,
    ),
  );

  it.each(lines)('%s', async (_label, name, check) => {
    const route = routes[name as RouteName] as RouteSpec;
    const outcomes: Record<string, number> = {};
    const problems: string[] = [];
    for (const actor of actors) {
      const input = await check.input(world, actor);
      const token =
        actor === 'anonymous'
          ? null
          : check.freshSession
            ? await world.freshToken(actor)
            : world.accounts[actor].token;
      const response = await callRoute(test.app, route, { ...input, token, ip: IPS.US });
      outcomes[actor] = response.statusCode;
      for (const problem of contractProblems(route, response))
        problems.push(`${actor}: ${problem}`);
      await check.after?.(world, actor);
    }
    expect(outcomes).toEqual(check.expect);
    expect(problems).toEqual([]);
  });
});

describe('the matrix', () => {
  it('marks exactly the dev-only routes as such', () => {
    const marked = Object.entries(matrix)
      .filter(([, row]) => row.devOnly)
      .map(([name]) => name);
    const devOnly = Object.entries(routes)
      .filter(([, route]) => (route as RouteSpec).devOnly)
      .map(([name]) => name);
    expect(marked).toEqual(devOnly);
  });
});

describe('private data stays private (IDOR)', () => {
  const as = (actor: Exclude<Actor, 'anonymous'>) => world.accounts[actor].token;

  it("never lists another account's sessions, nor lets them be ended", async () => {
    const mine = await callRoute(test.app, routes.listSessions, { token: as('other') });
    const ids = mine.json().items.map((session: { id: string }) => session.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(world.ownerSecondSession);
    const owners = await test.database.db
      .selectFrom('sessions')
      .select('id')
      .where('account_id', '=', world.accounts.owner.id)
      .execute();
    for (const { id } of owners) expect(ids).not.toContain(id);
  });

  it("shows no one else an account's private settings", async () => {
    const profile = (
      await callRoute(test.app, routes.getProfile, {
        token: as('other'),
        params: { handle: world.accounts.owner.handle },
      })
    ).json();
    expect(profile.handle).toBe(world.accounts.owner.handle);
    for (const key of ['hasEmail', 'hasPhone', 'locale', 'autoTranslate', 'feedLanguageMix']) {
      expect(profile).not.toHaveProperty(key);
    }
    const own = (await callRoute(test.app, routes.getMe, { token: as('other') })).json();
    expect(own.id).toBe(world.accounts.other.id);
  });

  it('keeps a held note out of every list but its author’s, and answers it like a missing note', async () => {
    const listed = async (actor: Exclude<Actor, 'anonymous'>) =>
      (
        await callRoute(test.app, routes.userNotes, {
          token: as(actor),
          params: { handle: world.accounts.owner.handle },
          query: { limit: 100 },
        })
      )
        .json()
        .items.map((item: { id: string }) => item.id);
    expect(await listed('owner')).toContain(world.heldNote.id);
    for (const actor of ['other', 'modIn', 'admin'] as const) {
      expect(await listed(actor)).not.toContain(world.heldNote.id);
    }
    const strip = (body: { requestId?: string; detail?: string }) => {
      const { requestId: _id, detail: _detail, ...rest } = body;
      return rest;
    };
    for (const route of [routes.getNote, routes.updateNote, routes.deleteNote, routes.likeNote]) {
      const body = route === routes.updateNote ? { title: 'x' } : undefined;
      const heldAnswer = await callRoute(test.app, route, {
        token: as('other'),
        params: { id: world.heldNote.id },
        ...(body ? { body } : {}),
      });
      const missingAnswer = await callRoute(test.app, route, {
        token: as('other'),
        params: { id: '01a1fe23-0118-7000-aebb-b828a830ddd7' },
        ...(body ? { body } : {}),
      });
      expect(heldAnswer.statusCode, route.operationId).toBe(404);
      expect(strip(heldAnswer.json()), route.operationId).toEqual(strip(missingAnswer.json()));
    }
  });

  it("never shows another account's statements of reasons", async () => {
    const query = { limit: 100 };
    const theirs = await callRoute(test.app, routes.myStatements, { token: as('other'), query });
    const targets = theirs.json().items.map((item: { targetId: string }) => item.targetId);
    expect(targets).not.toContain(world.heldNote.id);
    const owners = await callRoute(test.app, routes.myStatements, { token: as('owner'), query });
    expect(owners.json().items.map((item: { targetId: string }) => item.targetId)).toContain(
      world.heldNote.id,
    );
  });

  it('shows each moderator only the cases in their scope', async () => {
    const queue = async (actor: 'modIn' | 'modOut' | 'admin') =>
      (
        await callRoute(test.app, routes.staffCases, {
          token: as(actor),
          query: { status: 'active', limit: 100 },
        })
      )
        .json()
        .items.map((item: { id: string }) => item.id);
    const inScope = await queue('modIn');
    const outOfScope = await queue('modOut');
    const everything = await queue('admin');
    expect(inScope).toContain(world.caseInScope);
    expect(inScope).not.toContain(world.caseOutOfScope);
    expect(outOfScope).toContain(world.caseOutOfScope);
    expect(outOfScope).not.toContain(world.caseInScope);
    expect(everything).toEqual(expect.arrayContaining([world.caseInScope, world.caseOutOfScope]));
  });
});
