import { type RouteSpec, routes } from '@atrium/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueSession } from '../../src/modules/accounts/sessions.service.js';
import { makeImage } from '../fixtures/images.js';
import { IPS, signedIn, type TestApp } from '../helper.js';
import {
  type Actor,
  describeRequest,
  expectedStatus,
  type FuzzerWorld,
  type FuzzRequest,
  headerArbitrary,
  requestArbitrary,
  samplesFrom,
  urlOf,
} from './fuzz-requests.js';
import { contractProblems, registerFormats } from './schema-check.js';
import { buildQualityApp, buildWorld, multipartBody, type World } from './world.js';

registerFormats();

// Property-based fuzzing of every route in the contracts. Inputs are derived from each route's
// own schemas — valid ones with their boundaries, and mutations that the schema refuses — plus
// broken JSON, JSON nested too deep, wrong content types, oversized bodies, malformed paths and
// hostile headers, sent anonymously, as a signed-in user and (on staff routes) as an
// administrator.
//
// Invariants: never a 5xx; every answer is what the contract declares (a listed success status
// with a body its schema accepts, or problem+json with a generic or declared code); input the
// schema refuses gets 400 VALIDATION_FAILED (401 first where a session is required), and so does
// a body nested deeper than 64 levels (before authentication); a wrong content type 415; an
// oversized body 413.
//
// ATRIUM_FUZZ_RUNS sets the runs per route (200 by default), ATRIUM_FUZZ_SEED the seed.

const RUNS = Number(process.env.ATRIUM_FUZZ_RUNS || 200);
const SEED = Number(process.env.ATRIUM_FUZZ_SEED || 20_261_121);

let test: TestApp;
let world: World;
let fuzzer: { id: string; handle: string; token: string };
let owned: FuzzerWorld;
/** The active moderation policy document, for the policy routes to mutate. */
let policy: unknown;
let png: Buffer;

beforeAll(async () => {
  test = await buildQualityApp();
  world = await buildWorld(test);
  const user = await signedIn(test, 'fuzz_user', IPS.US);
  fuzzer = { id: user.account.id, handle: user.account.handle, token: user.token };
  png = await makeImage('png', 8, 8);
  // the fuzzing user's own content: a note with a comment, a held note, uploads, a session
  const upload = (colour: number) =>
    makeImage('png', 12, 12, { r: colour, g: 10, b: 10 }).then((bytes) =>
      user.client.media.upload(new Blob([new Uint8Array(bytes)], { type: 'image/png' })),
    );
  const media = [await upload(1), await upload(2), await upload(3)];
  const note = await user.client.notes.create({
    body: 'My own note to edit',
    mediaIds: [media[0]!.id],
  });
  const comment = await user.client.notes.comment(note.id, { body: 'My own comment' });
  const held = await user.client.notes.create({ body: 'selling fentanyl, message me' });
  const decision = await test.database.db
    .selectFrom('moderation_decisions')
    .select('id')
    .where('target_id', '=', held.id)
    .executeTakeFirstOrThrow();
  policy = (
    await test.app.inject({
      method: 'GET',
      url: routes.getPolicy.path,
      headers: { authorization: `Bearer ${world.accounts.admin.token}` },
    })
  ).json().document;
  owned = {
    handle: fuzzer.handle,
    noteId: note.id,
    commentId: comment.id,
    heldDecisionId: decision.id,
    mediaIds: media.slice(1).map((item) => item.id),
    sessionId: (await signedInSession(fuzzer.id)).sessionId,
  };
});

afterAll(async () => {
  await test?.close();
});

// A fuzzed block hides the world's content from the fuzzing user: each route starts unblocked.
beforeEach(async () => {
  if (!fuzzer) return;
  await test.database.db.deleteFrom('account_blocks').where('blocker_id', '=', fuzzer.id).execute();
  // nor may a kill switch fuzzed on (read-only mode, paused sign-ups) stop the routes after it
  await test.database.db.deleteFrom('kill_switches').execute();
  await test.database.db.deleteFrom('signup_pauses').execute();
  await test.switches.reload();
});

async function tokenFor(route: RouteSpec, actor: Actor): Promise<string | null> {
  if (actor === 'anonymous') return null;
  if (actor === 'admin') {
    await ensureAdmin();
    return world.accounts.admin.token;
  }
  // these end or replace the session they are called with
  if (['logout', 'rotateSession', 'revokeSession'].includes(route.operationId)) {
    const { token } = await signedInSession(fuzzer.id);
    return token;
  }
  return fuzzer.token;
}

function signedInSession(accountId: string) {
  return issueSession(
    test.database.db,
    accountId,
    {
      ip: IPS.US,
      country: 'US',
      region: null,
      userAgent: 'fuzz',
    },
    test.vault,
  );
}

/** Fuzzed staff changes may demote the administrator: put them back before each run. */
async function ensureAdmin(): Promise<void> {
  const { id, handle } = world.accounts.admin;
  const member = await test.staff.service.getMember(id);
  if (member?.role === 'admin' && member.regions.length === 0 && member.languages.length === 0)
    return;
  const cli = { kind: 'cli' as const };
  if (member) {
    await test.staff.service.updateMember(cli, handle, {
      role: 'admin',
      languages: [],
      regions: [],
    });
  } else {
    await test.staff.service.addMember(cli, { handle, role: 'admin' });
  }
}

async function send(route: RouteSpec, request: FuzzRequest) {
  const token = await tokenFor(route, request.actor);
  const headers: Record<string, string> = {
    'x-forwarded-for': IPS.US,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...request.headers,
  };
  let payload: string | Buffer | undefined;
  if (request.raw) {
    payload = request.raw.payload;
    headers['content-type'] = request.raw.contentType;
  } else if (request.body !== undefined) {
    payload = JSON.stringify(request.body);
    headers['content-type'] = 'application/json';
  }
  return test.app.inject({
    method: route.method,
    url: urlOf(route, request),
    headers,
    ...(payload !== undefined ? { payload } : {}),
  });
}

// Routes that delete things run last, so that ids of the world keep existing for the others.
const fuzzed = (Object.values(routes) as RouteSpec[])
  .filter((route) => !route.multipart)
  .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

describe('fuzzing every route', () => {
  it.each(fuzzed.map((route) => [route.operationId, route] as const))(
    '%s keeps its contract under arbitrary input',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(
          requestArbitrary(route, samplesFrom(world, owned, route), { policy }),
          async (request) => {
            const response = await send(route, request);
            const failures: string[] = [];
            if (response.statusCode >= 500) failures.push(`answered ${response.statusCode}`);
            failures.push(...contractProblems(route, response));
            const expected = expectedStatus(route, request);
            if (expected === 'client-error') {
              if (response.statusCode < 400 || response.statusCode >= 500) {
                failures.push(`expected a 4xx, got ${response.statusCode}`);
              }
            } else if (expected !== null && response.statusCode !== expected) {
              failures.push(`expected ${expected}, got ${response.statusCode}`);
            }
            const refused = request.kind.startsWith('invalid') || request.kind === 'deep-json';
            if (response.statusCode === 400 && refused) {
              const problem = response.json();
              if (problem.code !== 'VALIDATION_FAILED') failures.push(`code ${problem.code}`);
            }
            if (failures.length > 0) {
              throw new Error(
                `${failures.join('; ')}\nrequest: ${describeRequest(request)}\n` +
                  `answer: ${response.statusCode} ${response.body.slice(0, 500)}`,
              );
            }
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    600_000,
  );
});

describe('fuzzing uploads (multipart: fields and headers, lightly)', () => {
  const runs = Math.max(10, Math.ceil(RUNS / 4));
  const upload = routes.uploadMedia as RouteSpec;

  const uploadArbitrary = fc.record({
    actor: fc.constantFrom<Actor>('anonymous', 'user', 'user'),
    field: fc.oneof(
      { weight: 4, arbitrary: fc.constant('file') },
      fc.constantFrom('image', 'FILE', '', 'file\u0000'),
    ),
    filename: fc.oneof(
      fc.constantFrom('photo.png', 'x.svg', '../../etc/passwd', 'a'.repeat(300), '照片.jpg'),
      fc.string({ maxLength: 20 }).map((name) => name.replace(/["\r\n\\]/g, '')),
    ),
    type: fc.constantFrom('image/png', 'image/svg+xml', 'text/html', 'application/json', ''),
    bytes: fc.constantFrom<'png' | 'text' | 'svg' | 'empty'>('png', 'png', 'text', 'svg', 'empty'),
    fields: fc.dictionary(
      fc.stringMatching(/^[a-z]{1,8}$/),
      fc.string({ maxLength: 40 }).map((value) => value.replace(/[\r\n]/g, ' ')),
      { maxKeys: 3 },
    ),
    header: headerArbitrary,
    broken: fc.constantFrom<'no' | 'boundary' | 'truncated' | 'json'>(
      'no',
      'no',
      'no',
      'boundary',
      'truncated',
      'json',
    ),
  });

  it('keeps its contract under arbitrary multipart input', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    await fc.assert(
      fc.asyncProperty(uploadArbitrary, async (input) => {
        const token = input.actor === 'user' ? fuzzer.token : null;
        const bytes =
          input.bytes === 'png'
            ? png
            : input.bytes === 'svg'
              ? svg
              : input.bytes === 'text'
                ? Buffer.from('just text')
                : Buffer.alloc(0);
        const body = multipartBody(
          { field: input.field, filename: input.filename, type: input.type, bytes },
          input.fields,
        );
        let payload: Buffer | string = body.payload;
        let contentType = body.headers['content-type']!;
        if (input.broken === 'boundary') contentType = 'multipart/form-data; boundary=other';
        if (input.broken === 'truncated')
          payload = body.payload.subarray(0, body.payload.length / 2);
        if (input.broken === 'json') {
          payload = '{}';
          contentType = 'application/json';
        }
        const response = await test.app.inject({
          method: 'POST',
          url: upload.path,
          headers: {
            'x-forwarded-for': IPS.US,
            'content-type': contentType,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...input.header.headers,
          },
          payload,
        });
        const failures: string[] = [];
        if (response.statusCode >= 500) failures.push(`answered ${response.statusCode}`);
        failures.push(...contractProblems(upload, response));
        const authenticated = token !== null && !input.header.spoilsAuth;
        if (!authenticated && response.statusCode !== 401) failures.push('expected 401');
        if (authenticated && response.statusCode === 201) {
          // only a real image in the field `file` is ever accepted
          if (input.bytes !== 'png' || input.field !== 'file' || input.broken !== 'no')
            failures.push('accepted something that is not an image');
        }
        if (authenticated && input.broken === 'json' && response.statusCode !== 415) {
          failures.push(`JSON to the upload route: ${response.statusCode}, expected 415`);
        }
        if (failures.length > 0) {
          throw new Error(
            `${failures.join('; ')}\ninput: ${JSON.stringify({ ...input, filename: input.filename.slice(0, 50) })}\n` +
              `answer: ${response.statusCode} ${response.body.slice(0, 300)}`,
          );
        }
      }),
      { numRuns: runs, seed: SEED, endOnFailure: true },
    );
  }, 600_000);
});

describe('path parameters at the longest their schemas allow', () => {
  const longest = (Object.values(routes) as RouteSpec[]).flatMap((route) => {
    const properties = (route.params as { properties?: Record<string, { maxLength?: number }> })
      ?.properties;
    return Object.entries(properties ?? {})
      .filter(([, schema]) => schema.maxLength !== undefined)
      .map(([name, schema]) => [route.operationId, route, name, schema.maxLength!] as const);
  });

  it('exist', () => {
    expect(longest.length).toBeGreaterThan(5);
  });

  // 4-byte characters: the longest URL (and UTF-16 string) a valid parameter can make
  it.each(longest)('%s routes a %s of the maximum length', async (_name, route, param, max) => {
    const response = await test.app.inject({
      method: route.method,
      url: urlOf(route, {
        kind: 'valid',
        actor: 'user',
        params: { [param]: '😀'.repeat(max) },
        query: {},
        headers: {},
        spoilsAuth: false,
      }),
      headers: { authorization: `Bearer ${fuzzer.token}`, 'x-forwarded-for': IPS.US },
    });
    expect(response.statusCode).toBeLessThan(500);
    expect(response.statusCode).not.toBe(414);
    // refused for what it says, never for its length in the URL
    expect(response.json().fields?.[0]?.field).not.toBe('/url');
    expect(contractProblems(route, response)).toEqual([]);
  });
});
