import { type RouteSpec, routes } from '@atrium/contracts';
import type { TSchema } from '@sinclair/typebox';
import fc, { type Arbitrary } from 'fast-check';
import { deepJsonArbitrary } from './deep-json.js';
import { buildUrl, encodeSegment } from './request.js';
import { invalidArbitrary, validArbitrary } from './schema-arbitrary.js';
import type { World } from './world.js';

// The requests the fuzzer sends, derived from a route's contract: valid inputs, inputs the
// schemas refuse, broken JSON, wrong content types, oversized bodies, undecodable paths and
// hostile headers; and the status each kind of request must get.

export const UNKNOWN_ID = '01a1fe23-0118-7000-aebb-b828a830ddd7';
const BODY_LIMIT = 1024 * 1024;

export type Kind =
  | 'valid'
  | 'invalid-params'
  | 'invalid-query'
  | 'invalid-body'
  | 'malformed-json'
  | 'deep-json'
  | 'wrong-content-type'
  | 'oversized'
  | 'raw-path';

export type Actor = 'anonymous' | 'user' | 'admin';

export interface FuzzRequest {
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

export type Samples = (key: string | null, schema: Record<string, unknown>) => readonly string[];

/** What the fuzzing user owns, so that their own ids turn up too (edits, deletes, appeals). */
export interface FuzzerWorld {
  handle: string;
  noteId: string;
  commentId: string;
  heldDecisionId: string;
  mediaIds: string[];
  sessionId: string;
}

/**
 * Known values for string inputs, so that ids, handles and tags often exist: ids of the kind the
 * route or field names (a note for `/api/notes/:id`, a comment for `parentId`…), else any.
 */
export const samplesFrom =
  (world: World, fuzzer: FuzzerWorld, route: RouteSpec): Samples =>
  (key, schema) => {
    if (schema.format === 'uuid') {
      const notes = [world.note.id, world.heldNote.id, fuzzer.noteId];
      const comments = [world.comment.id, world.reply.id, fuzzer.commentId];
      const cases = [world.caseInScope, world.caseOutOfScope];
      const sessions = [world.ownerSecondSession, fuzzer.sessionId];
      const media = [world.mediaId, ...fuzzer.mediaIds];
      const decisions = [world.heldDecisionId, fuzzer.heldDecisionId];
      const accounts = [world.accounts.owner.id, world.accounts.other.id];
      const byKey: Record<string, string[]> = {
        parentId: comments,
        noteId: notes,
        mediaIds: media,
        decisionId: decisions,
        targetId: [...notes, ...comments, ...accounts],
      };
      const byPath: [string, string[]][] = [
        ['/api/notes/', notes],
        ['/api/comments/', comments],
        ['/api/staff/cases/', cases],
        ['/api/me/sessions/', sessions],
      ];
      const known = (key && byKey[key]) ??
        (key === 'id' ? byPath.find(([prefix]) => route.path.startsWith(prefix))?.[1] : null) ?? [
          ...notes,
          ...comments,
          ...cases,
          ...sessions,
          ...media,
          ...decisions,
          ...accounts,
        ];
      return [...known, UNKNOWN_ID];
    }
    switch (key) {
      case 'handle':
        return [
          world.accounts.owner.handle,
          world.accounts.other.handle,
          world.accounts.modIn.handle,
          fuzzer.handle,
          'fuzz_newcomer',
          'nobody_here',
          'ADMIN',
          'a.b',
        ];
      case 'tag':
        return [world.topic, '话题', 'TikTokRefugee', '#cattax', 'ＣａｔＴａｘ'];
      case 'to':
        return [
          '+12025550100',
          '+1 202 555 0100',
          'owner@example.org',
          'es',
          'en',
          'zh-Hans',
          'ko',
        ];
      case 'q':
        return ['sunrise', '熊猫', '#quality', '@owner', 'a', '😀', '%_\\'];
      case 'cursor':
        return ['e30', 'bm90IGpzb24', 'eyJpZCI6Im5vcGUifQ', 'eyJhdCI6IngiLCJpZCI6MX0', '!!!', '0'];
      case 'phone':
        return ['+1 202 555 0100', '+86 138 0013 8000', '0049 30 123456', '+1 800 555 0100', '911'];
      case 'email':
        return ['newcomer@example.org', 'fuzz_user@example.org', 'not-an-email'];
      case 'login':
        return ['fuzz_user@example.org', 'fuzz_user', 'nobody@example.org', 'not-an-email'];
      case 'code':
        return ['123456', '000000'];
      case 'password':
        return ['correct horse battery staple', 'password123', 'aaaaaaaaaaaa'];
      default:
        return [];
    }
  };

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
export const headerArbitrary: Arbitrary<{ headers: Record<string, string>; spoilsAuth: boolean }> =
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

function partArbitraries(route: RouteSpec, samples: Samples) {
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

/** Every path into a JSON value (object keys and array indexes), the root included. */
function jsonPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push(...jsonPaths(item, [...prefix, index]));
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) out.push(...jsonPaths(item, [...prefix, key]));
  }
  return out;
}

/**
 * A real document with one part changed: a value replaced (by any JSON, or by a near miss such
 * as an empty string or an unknown region group) or removed. Reaches deeper than random JSON
 * into validators of free-form documents (moderation policies).
 */
export function mutatedJson(base: unknown): Arbitrary<unknown> {
  const paths = jsonPaths(base);
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('', 'EU', 'ZZ', 'block', 'withhold', 'nonsense', -1, 0, 1e308, null, [], {}),
    fc.constant(Symbol.for('remove')),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(structuredClone(base)) },
    {
      weight: 6,
      arbitrary: fc.tuple(fc.constantFrom(...paths), replacement).map(([path, value]) => {
        const copy = structuredClone(base) as Record<string | number, unknown>;
        if (path.length === 0) return value === Symbol.for('remove') ? {} : value;
        let parent = copy;
        for (const step of path.slice(0, -1))
          parent = parent[step] as Record<string | number, unknown>;
        const last = path.at(-1)!;
        if (value !== Symbol.for('remove')) parent[last] = value;
        else if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
        return copy;
      }),
    },
  );
}

export function requestArbitrary(
  route: RouteSpec,
  samples: Samples,
  documents: { policy?: unknown } = {},
): Arbitrary<FuzzRequest> {
  const parts = partArbitraries(route, samples);
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
  const bodyProperties = (route.body as { properties?: Record<string, unknown> } | undefined)
    ?.properties;
  if (documents.policy !== undefined && bodyProperties?.document) {
    // policy routes: the active policy, changed in one place
    choices.push({
      weight: 8,
      arbitrary: fc
        .tuple(base, mutatedJson(documents.policy))
        .map(([value, document]) =>
          make('valid', () => ({ body: { ...(value.body as object), document } }))(value),
        ),
    });
  }
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
          .tuple(base, deepJsonArbitrary)
          .map(([value, payload]) =>
            make('deep-json', () => ({ raw: { payload, contentType: 'application/json' } }))(value),
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

export function urlOf(route: RouteSpec, request: FuzzRequest): string {
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

/** What a request of this kind must get, beyond the invariants every answer keeps. */
export function expectedStatus(
  route: RouteSpec,
  request: FuzzRequest,
): number | 'client-error' | null {
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
    case 'deep-json':
      return 400;
    case 'wrong-content-type':
      return 415;
    case 'oversized':
      return 413;
    case 'raw-path':
      return 'client-error';
  }
}

export function describeRequest(request: FuzzRequest): string {
  const text = JSON.stringify(request, (_key, value) =>
    typeof value === 'string' && value.length > 200
      ? `${value.slice(0, 200)}…(${value.length})`
      : value,
  );
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
