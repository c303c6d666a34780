import { type RouteSpec, routes } from '@atrium/contracts';
import type { TSchema } from '@sinclair/typebox';
import fc, { type Arbitrary } from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSession } from '../../src/modules/accounts/sessions.service.js';
import { makeImage } from '../../src/modules/media/test-images.js';
import { IPS, signedIn, type TestApp } from '../helper.js';
import { buildUrl, encodeSegment } from './request.js';
import { invalidArbitrary, validArbitrary } from './schema-arbitrary.js';
import { contractProblems, registerFormats } from './schema-check.js';
import { buildQualityApp, buildWorld, multipartBody, type World } from './world.js';

registerFormats();

// Property-based fuzzing of every route in the contracts. Inputs are derived from each route's
// own schemas — valid ones with their boundaries, and mutations that the schema refuses — plus
// broken JSON, wrong content types, oversized bodies, malformed paths and hostile headers, sent
// anonymously, as a signed-in user and (on staff routes) as an administrator.
//
// Invariants: never a 5xx; every answer is what the contract declares (a listed success status
// with a body its schema accepts, or problem+json with a generic or declared code); input the
// schema refuses gets 400 VALIDATION_FAILED (401 first where a session is required); a wrong
// content type 415; an oversized body 413.
//
// ATRIUM_FUZZ_RUNS sets the runs per route (200 by default), ATRIUM_FUZZ_SEED the seed.

const RUNS = Number(process.env.ATRIUM_FUZZ_RUNS || 200);
const SEED = Number(process.env.ATRIUM_FUZZ_SEED || 20_261_121);
const UNKNOWN_ID = '01a1fe23-0118-7000-aebb-b828a830ddd7';
const BODY_LIMIT = 1024 * 1024;

type Kind =
  | 'valid'
  | 'invalid-params'
  | 'invalid-query'
  | 'invalid-body'
  | 'malformed-json'
  | 'wrong-content-type'
  | 'oversized'
  | 'raw-path';

type Actor = 'anonymous' | 'user' | 'admin';

interface FuzzRequest {
  kind: Kind;
  actor: Actor;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
  /** Replaces the JSON body (and its content type). */
  raw?: { payload: string | Buffer; contentType: string };
  /** A raw path segment, not encoded (malformed percent-escapes and the like). */
  rawSegment?: string;
  headers: Record<string, string>;
  /** The headers make the bearer token unusable. */
  spoilsAuth: boolean;
}

let test: TestApp;
let world: World;
let fuzzer: { id: string; handle: string; token: string };
let png: Buffer;

beforeAll(async () => {
  test = await buildQualityApp();
  world = await buildWorld(test);
  const user = await signedIn(test, 'fuzz_user', IPS.US);
  fuzzer = { id: user.account.id, handle: user.account.handle, token: user.token };
  png = await makeImage('png', 8, 8);
});

afterAll(async () => {
  await test?.close();
});

/** Known values for string inputs, so that ids, handles and tags sometimes exist. */
function samples(key: string | null, schema: Record<string, unknown>): readonly string[] {
  if (schema.format === 'uuid') {
    return [
      world.note.id,
      world.heldNote.id,
      world.comment.id,
      world.reply.id,
      world.caseInScope,
      world.caseOutOfScope,
      world.heldDecisionId,
      world.mediaId,
      world.accounts.owner.id,
      world.accounts.other.id,
      world.ownerSecondSession,
      UNKNOWN_ID,
    ];
  }
  switch (key) {
    case 'handle':
      return [
        world.accounts.owner.handle,
        world.accounts.other.handle,
        world.accounts.modIn.handle,
        fuzzer.handle,
        'nobody_here',
        'ADMIN',
        'a.b',
      ];
    case 'tag':
      return [world.topic, '话题', 'TikTokRefugee', '#cattax', 'ＣａｔＴａｘ'];
    case 'to':
      return ['+12025550100', '+1 202 555 0100', 'owner@example.org', 'es', 'en', 'zh-Hans', 'ko'];
    case 'q':
      return ['sunrise', '熊猫', '#quality', '@owner', 'a', '😀', '%_\\'];
    case 'cursor':
      return ['e30', 'bm90IGpzb24', 'eyJpZCI6Im5vcGUifQ', 'eyJhdCI6IngiLCJpZCI6MX0', '!!!', '0'];
    case 'phone':
      return ['+1 202 555 0100', '+86 138 0013 8000', '0049 30 123456', '+1 800 555 0100', '911'];
    case 'email':
    case 'login':
      return ['owner@example.org', 'fuzz_user@example.org', 'fuzz_user', 'not-an-email'];
    case 'code':
      return ['123456', '000000'];
    case 'password':
      return ['correct horse battery staple', 'password123', 'aaaaaaaaaaaa'];
    default:
      return [];
  }
}

/** Path segments that name another, static route (`/api/topics/trending`). */
const STATIC_SEGMENTS = new Set(
  Object.values(routes).flatMap((route) =>
    route.path.split('/').filter((segment) => segment && !segment.startsWith(':')),
  ),
);

const MALFORMED_JSON = ['{', '{"body":', 'nul', '[1,2', '{"a":1}}', "{'a':1}", '{"a":NaN}'];
const WRONG_TYPES = [
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zzz',
  'application/octet-stream',
];
const RAW_SEGMENTS = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%FF%FE', '%00', '%C0%AF', '..%2F..'];

/** Headers that probe parsing and auth; `spoilsAuth` when the bearer token is replaced. */
const headerArbitrary: Arbitrary<{ headers: Record<string, string>; spoilsAuth: boolean }> =
  fc.oneof(
    { weight: 6, arbitrary: fc.constant({ headers: {}, spoilsAuth: false }) },
    fc
      .constantFrom(
        'Bearer ',
        'Bearer atr_forged',
        'Basic YTpi',
        'bearer',
        'Bearer a b',
        'Bearer \u00ff',
      )
      .map((authorization) => ({ headers: { authorization }, spoilsAuth: true })),
    fc
      .constantFrom('atrium_session=atr_forged', 'atrium_session=; atrium_csrf=x', 'a=b; =; ;;')
      .map((cookie) => ({ headers: { cookie }, spoilsAuth: false })),
    fc
      .constantFrom(
        'not-an-ip',
        '2001:db8::1',
        '::ffff:8.8.8.8',
        '1.2.3.4, 5.6.7.8',
        '',
        '999.1.1.1',
      )
      .map((address) => ({ headers: { 'x-forwarded-for': address }, spoilsAuth: false })),
    fc
      .constantFrom('zh-CN,zh;q=0.9', '*', ';q=x', 'x'.repeat(5000), 'ar-EG, he;q=0.5')
      .map((language) => ({ headers: { 'accept-language': language }, spoilsAuth: false })),
    fc
      .constantFrom('x'.repeat(8000), 'Mozilla/5.0 \u00e9', '')
      .map((agent) => ({ headers: { 'user-agent': agent }, spoilsAuth: false })),
    fc
      .constantFrom('forged', '')
      .map((token) => ({ headers: { 'x-csrf-token': token }, spoilsAuth: false })),
  );

function partArbitraries(route: RouteSpec) {
  const options = { samples };
  const schema = (part: TSchema | undefined) =>
    part as unknown as Record<string, unknown> | undefined;
  const params = schema(route.params);
  const query = schema(route.querystring);
  const body = schema(route.body);
  const noStatic = (value: unknown) =>
    Object.values(value as Record<string, unknown>).every(
      (item) => !STATIC_SEGMENTS.has(String(item)) && String(item) !== '',
    );
  return {
    params: params
      ? (validArbitrary(params, options).filter(noStatic) as Arbitrary<Record<string, unknown>>)
      : fc.constant({}),
    badParams: params
      ? (invalidArbitrary(params, 'text', options)?.filter(
          (value) =>
            typeof value === 'object' &&
            value !== null &&
            noStatic(value) &&
            // a path cannot leave a parameter out: that would be another URL
            ((params.required as string[] | undefined) ?? []).every((key) => key in value),
        ) as Arbitrary<Record<string, unknown>> | undefined)
      : undefined,
    query: query
      ? (validArbitrary(query, options) as Arbitrary<Record<string, unknown>>)
      : fc.constant({}),
    badQuery: query
      ? (invalidArbitrary(query, 'text', options)?.filter(
          (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
        ) as Arbitrary<Record<string, unknown>> | undefined)
      : undefined,
    body: body ? validArbitrary(body, options) : undefined,
    badBody: body ? (invalidArbitrary(body, 'json', options) ?? undefined) : undefined,
  };
}

function requestArbitrary(route: RouteSpec): Arbitrary<FuzzRequest> {
  const parts = partArbitraries(route);
  const actors: Actor[] = route.tags.includes('staff')
    ? ['anonymous', 'user', 'admin', 'admin']
    : ['anonymous', 'user', 'user'];
  const hasBody = route.method !== 'GET';
  const body = parts.body ?? fc.constant(undefined);
  const base = fc.record({
    actor: fc.constantFrom(...actors),
    params: parts.params,
    query: parts.query,
    body,
    header: headerArbitrary,
  });
  type Base = typeof base extends Arbitrary<infer T> ? T : never;
  const make =
    (kind: Kind, change: (value: Base) => Partial<FuzzRequest> = () => ({})) =>
    (value: Base): FuzzRequest => ({
      kind,
      actor: value.actor,
      params: value.params,
      query: value.query,
      ...(value.body !== undefined ? { body: value.body } : {}),
      headers: value.header.headers,
      spoilsAuth: value.header.spoilsAuth,
      ...change(value),
    });

  const choices: { weight: number; arbitrary: Arbitrary<FuzzRequest> }[] = [
    { weight: 8, arbitrary: base.map(make('valid')) },
  ];
  if (parts.badParams) {
    choices.push({
      weight: 3,
      arbitrary: fc
        .tuple(base, parts.badParams)
        .map(([value, params]) => make('invalid-params', () => ({ params }))(value)),
    });
    choices.push({
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...RAW_SEGMENTS))
        .map(([value, rawSegment]) => make('raw-path', () => ({ rawSegment }))(value)),
    });
  }
  if (parts.badQuery) {
    choices.push({
      weight: 3,
      arbitrary: fc
        .tuple(base, parts.badQuery)
        .map(([value, query]) => make('invalid-query', () => ({ query }))(value)),
    });
  }
  if (parts.badBody) {
    choices.push({
      weight: 5,
      arbitrary: fc
        .tuple(base, parts.badBody)
        .map(([value, badBody]) => make('invalid-body', () => ({ body: badBody }))(value)),
    });
  }
  if (hasBody) {
    choices.push(
      {
        weight: 1,
        arbitrary: fc
          .tuple(base, fc.constantFrom(...MALFORMED_JSON))
          .map(([value, payload]) =>
            make('malformed-json', () => ({ raw: { payload, contentType: 'application/json' } }))(
              value,
            ),
          ),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(base, fc.constantFrom(...WRONG_TYPES))
          .map(([value, contentType]) =>
            make('wrong-content-type', () => ({ raw: { payload: 'a=1', contentType } }))(value),
          ),
      },
      {
        weight: 1,
        arbitrary: base.map(
          make('oversized', () => ({
            raw: {
              payload: JSON.stringify({ body: 'x'.repeat(BODY_LIMIT) }),
              contentType: 'application/json',
            },
          })),
        ),
      },
    );
  }
  return fc.oneof(...choices);
}

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
  return issueSession(test.database.db, accountId, {
    ip: IPS.US,
    country: 'US',
    region: null,
    userAgent: 'fuzz',
  });
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

function urlOf(route: RouteSpec, request: FuzzRequest): string {
  if (request.rawSegment !== undefined) {
    let first = true;
    return buildUrl(route, request.params, request.query, (value) => {
      if (!first) return encodeSegment(value);
      first = false;
      return request.rawSegment!;
    });
  }
  return buildUrl(route, request.params, request.query);
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

/** What a request of this kind must get, beyond the invariants every answer keeps. */
function expectedStatus(route: RouteSpec, request: FuzzRequest): number | 'client-error' | null {
  const authenticated = request.actor !== 'anonymous' && !request.spoilsAuth;
  const passesAuth = route.auth !== 'required' || authenticated;
  switch (request.kind) {
    case 'valid':
      return null;
    case 'invalid-body':
      // a `__proto__` key is refused by the JSON parser itself, before authentication
      if (JSON.stringify(request.body).includes('"__proto__"')) return 400;
      return passesAuth ? 400 : 401;
    case 'invalid-params':
    case 'invalid-query':
      return passesAuth ? 400 : 401;
    // Parsing comes before authentication: nothing about the body is taken on trust.
    case 'malformed-json':
      return 400;
    case 'wrong-content-type':
      return 415;
    case 'oversized':
      return 413;
    case 'raw-path':
      return 'client-error';
  }
}

function describeRequest(request: FuzzRequest): string {
  const text = JSON.stringify(request, (_key, value) =>
    typeof value === 'string' && value.length > 200
      ? `${value.slice(0, 200)}…(${value.length})`
      : value,
  );
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
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
        fc.asyncProperty(requestArbitrary(route), async (request) => {
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
          if (response.statusCode === 400 && request.kind.startsWith('invalid')) {
            const problem = response.json();
            if (problem.code !== 'VALIDATION_FAILED') failures.push(`code ${problem.code}`);
          }
          if (failures.length > 0) {
            throw new Error(
              `${failures.join('; ')}\nrequest: ${describeRequest(request)}\n` +
                `answer: ${response.statusCode} ${response.body.slice(0, 500)}`,
            );
          }
        }),
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
    expect(runs).toBeGreaterThan(0);
  }, 600_000);
});
