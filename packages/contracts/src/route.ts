import type { Static, TSchema } from '@sinclair/typebox';
import type { ErrorCode } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: anyone, anyone (with extra data for a signed-in viewer), or only the signed in. */
export type RouteAuth = 'none' | 'optional' | 'required';

/**
 * One API operation: the single description the server registers, the SDK calls and the
 * OpenAPI document lists. `response` maps each success status to its body schema (`null` for
 * an empty body).
 */
export interface RouteSpec {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Fastify-style path, e.g. `/api/users/:handle`. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly auth: RouteAuth;
  readonly params?: TSchema;
  readonly querystring?: TSchema;
  readonly body?: TSchema;
  readonly response: Readonly<Record<number, TSchema | null>>;
  /** Codes this route may answer with besides the generic ones. */
  readonly errors: readonly ErrorCode[];
  /** Only outside production (e.g. the development outbox). */
  readonly devOnly?: boolean;
  /** Takes `multipart/form-data` (uploads) instead of a JSON body. */
  readonly multipart?: boolean;
  /**
   * Open to a suspended or banned account's restricted session (reading its statements,
   * appealing, signing out); every other signed-in route answers it 403 ACCOUNT_SUSPENDED.
   */
  readonly restrictedSession?: boolean;
}

export const defineRoute = <const R extends RouteSpec>(route: R): R => route;

type StaticOr<T, Fallback> = T extends TSchema ? Static<T> : Fallback;

/** The inputs a caller supplies for a route. */
export type RouteInput<R extends RouteSpec> = (R['params'] extends TSchema
  ? { params: Static<R['params']> }
  : { params?: undefined }) &
  (R['querystring'] extends TSchema
    ? { query?: Static<R['querystring']> }
    : { query?: undefined }) &
  (R['body'] extends TSchema ? { body: Static<R['body']> } : { body?: undefined });

type SuccessStatus<R extends RouteSpec> = keyof R['response'] & number;

/** The body of a route's success answer (`undefined` for 204). */
export type RouteOutput<R extends RouteSpec> = {
  [S in SuccessStatus<R>]: StaticOr<R['response'][S], undefined>;
}[SuccessStatus<R>];
