import { Problem, type RouteOutput, type RouteSpec } from '@atrium/contracts';
import multipart from '@fastify/multipart';
import type { Static, TSchema } from '@sinclair/typebox';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteOptions as FastifyRouteOptions,
  FastifySchema,
} from 'fastify';
import type { Db } from '../db/database.js';
import type { AuthHandlers } from './auth.js';
import { commonError } from './errors.js';
import {
  buildRequestContext,
  type ClientLocator,
  type RequestContext,
  type SignedInContext,
} from './request-context.js';
import { SerializedJson } from './serialized.js';
import { refuseUnstorableText } from './text-guard.js';
import { isRestricted, type Viewer } from './viewer.js';

type In<T> = T extends TSchema ? Static<T> : undefined;

export interface RouteContext<R extends RouteSpec> {
  params: In<R['params']>;
  query: In<R['querystring']>;
  body: In<R['body']>;
  viewer: R['auth'] extends 'required' ? Viewer : Viewer | null;
  /** The caller — viewer, visibility, locale, client — built once, after authentication. */
  context: R['auth'] extends 'required' ? SignedInContext : RequestContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RateLimit {
  max: number;
  /** Milliseconds. */
  timeWindow: number;
}

/** Limits on a multipart body's parts (the route's body limit does not apply to streamed parts). */
export interface MultipartLimits {
  /** Bytes per file. */
  fileSize: number;
  files?: number;
  fields?: number;
  fieldSize?: number;
  parts?: number;
}

export interface RouteOptions {
  rateLimit?: RateLimit;
  bodyLimit?: number;
  /** For `multipart` routes; the handler reads the parts with `request.file()`. */
  multipart?: MultipartLimits;
}

async function requireMultipart(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) {
    throw commonError('UNSUPPORTED_MEDIA_TYPE', 'Send multipart/form-data');
  }
}

async function refuseRestricted(request: FastifyRequest): Promise<void> {
  if (request.viewer && isRestricted(request.viewer)) throw commonError('ACCOUNT_SUSPENDED');
}

export interface RouteRegistry {
  app: FastifyInstance;
  db: Db;
  auth: AuthHandlers;
  production: boolean;
  rateLimitsEnabled: boolean;
  /** Where a client IP is: the viewer's region and the client record of each request. */
  locator: ClientLocator;
}

/**
 * Registers an operation from its contract: the schemas validate and serialize, the auth mode
 * picks the pre-handler, and the handler only calls a service and returns the body. The first
 * success status in the contract is the default; a handler may set another (e.g. 503).
 */
export function defineHandler<R extends RouteSpec>(
  registry: RouteRegistry,
  spec: R,
  handler: (context: RouteContext<R>) => Promise<RouteOutput<R> | SerializedJson<RouteOutput<R>>>,
  options: RouteOptions = {},
): void {
  if (spec.devOnly && registry.production) return;
  const response: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(spec.response)) {
    response[status] = schema ?? { type: 'null', description: 'No content' };
  }
  response['4xx'] = Problem;
  response['5xx'] = Problem;
  const schema: FastifySchema & Record<string, unknown> = {
    operationId: spec.operationId,
    summary: spec.summary,
    tags: [...spec.tags],
    response,
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.querystring ? { querystring: spec.querystring } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.auth !== 'none' ? { security: [{ bearer: [] }, { cookie: [] }] } : {}),
    ...(spec.multipart ? { consumes: ['multipart/form-data'] } : {}),
  };
  const defaultStatus = Number(Object.keys(spec.response)[0]);
  // Authentication runs before validation: an anonymous caller learns nothing about a body.
  const authenticate =
    spec.auth === 'required'
      ? registry.auth.required
      : spec.auth === 'optional'
        ? registry.auth.optional
        : undefined;
  // a suspended or banned account's session reaches only the routes open to it
  const restrict = spec.auth === 'required' && !spec.restrictedSession ? [refuseRestricted] : [];
  const preValidation = [
    ...(authenticate ? [authenticate] : []),
    ...restrict,
    ...(spec.multipart ? [requireMultipart] : []),
  ];
  const route: FastifyRouteOptions = {
    method: spec.method,
    url: spec.path,
    schema,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    config: {
      rateLimit: registry.rateLimitsEnabled && options.rateLimit ? options.rateLimit : false,
      // multipart bodies are uploads: they get longer to arrive, at a minimum rate
      upload: spec.multipart === true,
    },
    ...(preValidation.length > 0 ? { preValidation } : {}),
    // after validation: the schemas already passed, now the text itself
    preHandler: async (request) =>
      refuseUnstorableText({ params: request.params, query: request.query, body: request.body }),
    handler: async (request, reply) => {
      reply.code(defaultStatus);
      const result = await handler({
        params: request.params,
        query: request.query,
        body: request.body,
        viewer: request.viewer,
        context: buildRequestContext(request, registry.locator),
        request,
        reply,
      } as RouteContext<R>);
      if (result === undefined) return reply.send();
      // already JSON in the contract's shape: sent as it is
      if (result instanceof SerializedJson)
        return reply.type('application/json; charset=utf-8').send(result.bytes);
      return result;
    },
  };
  if (spec.multipart) {
    // The multipart parser lives in a scope of its own: every other route keeps answering 415 to
    // a multipart body.
    registry.app.register(async (scope) => {
      await scope.register(multipart, {
        limits: { files: 1, fields: 10, fieldSize: 1024, parts: 11, ...options.multipart },
        throwFileSizeLimit: true,
      });
      scope.route(route);
    });
  } else {
    registry.app.route(route);
  }
}
