// The wave format of the surge contract (docs/surge.md): one event per line of `events.jsonl`.
// Generators, the replayer and evaluators meet only here, so parsing is strict about what the
// replayer needs and silent about fields it does not know (the format grows by optional fields).

export const eventTypes = [
  'signup',
  'login',
  'profile',
  'note',
  'comment',
  'like',
  'collect',
  'follow',
  'block',
  'report',
] as const;
export type EventType = (typeof eventTypes)[number];

/** What a client does when the server asks it to solve a proof of work. */
export type PowBehaviour = 'solves' | 'gives_up';

/**
 * What a client does when the server asks it to confirm a second factor after a passed challenge
 * (a second SMS code or an e-mail code): `confirms` (the default: it reads and types the code)
 * or `ignores`. An optional field added to the contract's sign-up and login events.
 */
export type StepUpBehaviour = 'confirms' | 'ignores';

/** The client a person or bot uses for one session (sign-up or login). */
export interface ClientFields {
  ip?: string;
  ua?: string;
  acceptLanguage?: string;
  tz?: string;
  device?: string;
  codeMs?: number;
  pow?: PowBehaviour;
  stepUp?: StepUpBehaviour;
}

export interface Identity {
  method: 'phone' | 'email';
  phone?: string;
  email?: string;
  password?: string;
}

interface Base {
  t: number;
  actor: string;
}

export type SignupEvent = Base &
  ClientFields &
  Identity & { type: 'signup'; handle: string; displayName?: string };
export type LoginEvent = Base & ClientFields & Identity & { type: 'login' };
export type ProfileEvent = Base & {
  type: 'profile';
  displayName?: string;
  bio?: string;
  avatar?: string;
};
export type NoteEvent = Base & {
  type: 'note';
  title?: string;
  body?: string;
  images?: string[];
  lang?: string;
};
export type CommentEvent = Base & {
  type: 'comment';
  target: string;
  body: string;
  parent?: string;
};
export type EngageEvent = Base & { type: 'like' | 'collect'; target: string };
export type RelationEvent = Base & { type: 'follow' | 'block'; target: string };
export type ReportEvent = Base & { type: 'report'; target: string; reason: string };

export type WaveEvent =
  | SignupEvent
  | LoginEvent
  | ProfileEvent
  | NoteEvent
  | CommentEvent
  | EngageEvent
  | RelationEvent
  | ReportEvent;

export type ParsedLine =
  | { kind: 'event'; event: WaveEvent }
  | { kind: 'unknown'; type: string }
  | { kind: 'malformed'; reason: string };

const isString = (value: unknown): value is string => typeof value === 'string';
const optionalString = (value: unknown) => value === undefined || isString(value);

/** Parses one line of `events.jsonl`; never throws. */
export function parseEventLine(line: string): ParsedLine {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { kind: 'malformed', reason: 'not an object' };
  }
  const record = data as Record<string, unknown>;
  if (typeof record.t !== 'number' || !Number.isFinite(record.t) || record.t < 0) {
    return { kind: 'malformed', reason: '"t" must be a number of seconds ≥ 0' };
  }
  if (!isString(record.actor) || record.actor.length === 0) {
    return { kind: 'malformed', reason: '"actor" must be a non-empty string' };
  }
  if (!isString(record.type)) return { kind: 'malformed', reason: '"type" must be a string' };
  if (!(eventTypes as readonly string[]).includes(record.type)) {
    return { kind: 'unknown', type: record.type };
  }
  const problem = checkFields(record.type as EventType, record);
  if (problem) return { kind: 'malformed', reason: problem };
  return { kind: 'event', event: record as unknown as WaveEvent };
}

function checkClient(record: Record<string, unknown>): string | null {
  for (const field of ['ip', 'ua', 'acceptLanguage', 'tz', 'device'] as const) {
    if (!optionalString(record[field])) return `"${field}" must be a string`;
  }
  if (record.codeMs !== undefined && (typeof record.codeMs !== 'number' || record.codeMs < 0)) {
    return '"codeMs" must be a number ≥ 0';
  }
  if (record.pow !== undefined && record.pow !== 'solves' && record.pow !== 'gives_up') {
    return '"pow" must be "solves" or "gives_up"';
  }
  if (record.stepUp !== undefined && record.stepUp !== 'confirms' && record.stepUp !== 'ignores') {
    return '"stepUp" must be "confirms" or "ignores"';
  }
  return null;
}

function checkIdentity(record: Record<string, unknown>): string | null {
  if (record.method === 'phone') {
    return isString(record.phone) ? null : 'a phone sign-in needs "phone"';
  }
  if (record.method === 'email') {
    return isString(record.email) && isString(record.password)
      ? null
      : 'an e-mail sign-in needs "email" and "password"';
  }
  return '"method" must be "phone" or "email"';
}

function checkFields(type: EventType, record: Record<string, unknown>): string | null {
  switch (type) {
    case 'signup':
      if (!isString(record.handle)) return 'a sign-up needs "handle"';
      if (!optionalString(record.displayName)) return '"displayName" must be a string';
      return checkIdentity(record) ?? checkClient(record);
    case 'login':
      return checkIdentity(record) ?? checkClient(record);
    case 'profile':
      for (const field of ['displayName', 'bio', 'avatar'] as const) {
        if (!optionalString(record[field])) return `"${field}" must be a string`;
      }
      return null;
    case 'note':
      for (const field of ['title', 'body', 'lang'] as const) {
        if (!optionalString(record[field])) return `"${field}" must be a string`;
      }
      if (
        record.images !== undefined &&
        !(Array.isArray(record.images) && record.images.every(isString))
      ) {
        return '"images" must be an array of image ids';
      }
      return null;
    case 'comment':
      if (!isString(record.target) || !isString(record.body)) {
        return 'a comment needs "target" and "body"';
      }
      return optionalString(record.parent) ? null : '"parent" must be a string';
    case 'like':
    case 'collect':
    case 'follow':
    case 'block':
      return isString(record.target) ? null : `a ${type} needs "target"`;
    case 'report':
      return isString(record.target) && isString(record.reason)
        ? null
        : 'a report needs "target" and "reason"';
  }
}

/** A reference to something posted in the wave: `n:<actor>:<k>` or `c:<actor>:<k>`. */
export interface ContentReference {
  kind: 'note' | 'comment';
  actor: string;
  index: number;
}

/** Parses a note or comment reference; null when `text` is not one. Actor ids may hold colons. */
export function parseContentReference(text: string): ContentReference | null {
  const match = /^([nc]):(.+):(\d{1,9})$/.exec(text);
  if (!match) return null;
  return {
    kind: match[1] === 'n' ? 'note' : 'comment',
    actor: match[2]!,
    index: Number(match[3]),
  };
}

export const noteReference = (actor: string, index: number) => `n:${actor}:${index}`;
export const commentReference = (actor: string, index: number) => `c:${actor}:${index}`;
