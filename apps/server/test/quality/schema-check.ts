import { Problem, type RouteSpec } from '@atrium/contracts';
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** TypeBox checks formats only once they are registered: the two the contracts use. */
export function registerFormats(): void {
  if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (value) => UUID.test(value));
  if (!FormatRegistry.Has('date-time')) {
    FormatRegistry.Set(
      'date-time',
      (value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
    );
  }
}

/**
 * Validators compiled as the server compiles request schemas (Fastify's Ajv with the app's
 * options): the oracle for "would the server accept this input". Coercion changes the value, so
 * each check runs on a copy.
 */
export function requestValidator(): (schema: TSchema, value: unknown) => boolean {
  const ajv = new Ajv({
    coerceTypes: 'array',
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
  });
  addFormats.default(ajv);
  const compiled = new Map<TSchema, ReturnType<Ajv['compile']>>();
  return (schema, value) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schema, validate);
    }
    return validate(value === undefined ? undefined : structuredClone(value)) === true;
  };
}

/**
 * Codes every route may answer besides the ones its contract lists: the server's catalogue of
 * errors every module may raise (`commonError`).
 */
export const GENERIC_CODES = new Set([
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_FAILED',
  // a suspended or banned account's session, on any signed-in route not open to it
  'ACCOUNT_SUSPENDED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
]);

export interface InjectedResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/**
 * Problems with a response against its route's contract: a success status the contract lists
 * with a body its schema accepts, or problem+json whose `code` is generic or declared. Empty when
 * it conforms.
 */
export function contractProblems(route: RouteSpec, response: InjectedResponse): string[] {
  const problems: string[] = [];
  const status = response.statusCode;
  const type = String(response.headers['content-type'] ?? '');
  if (status in route.response) {
    const schema = route.response[status];
    if (schema === null || schema === undefined) {
      if (response.body !== '') problems.push(`${status} should have no body`);
      return problems;
    }
    if (!type.startsWith('application/json')) problems.push(`content-type ${type}`);
    const body = parse(response.body);
    if (!Value.Check(schema as TSchema, body)) {
      const first = [...Value.Errors(schema as TSchema, body)][0];
      problems.push(`${status} body breaks its schema at ${first?.path}: ${first?.message}`);
    }
    return problems;
  }
  if (status < 400) return [`${status} is not in the contract`];
  if (!type.startsWith('application/problem+json')) problems.push(`content-type ${type}`);
  const body = parse(response.body) as { code?: string; status?: number } | undefined;
  if (!Value.Check(Problem, body)) return [...problems, `not a problem: ${response.body}`];
  if (body!.status !== status) problems.push(`problem.status ${body!.status} ≠ ${status}`);
  const code = body!.code!;
  if (!GENERIC_CODES.has(code) && !(route.errors as readonly string[]).includes(code)) {
    problems.push(`code ${code} is not declared by ${route.operationId}`);
  }
  return problems;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
