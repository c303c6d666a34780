import { Problem, type RouteOutput, type RouteSpec } from '@atrium/contracts';
import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { Db } from '../db/database.js';
import type { AuthHandlers } from './auth.js';
import type { Viewer } from './viewer.js';

type In<T> = T extends TSchema ? Static<T> : undefined;

export interface RouteContext<R extends RouteSpec> {
  params: In<R['params']>;
  query: In<R['querystring']>;
  body: In<R['body']>;
  viewer: R['auth'] extends 'required' ? Viewer : Viewer | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RateLimit {
  max: number;
  /** Milliseconds. */
  timeWindow: number;
}

export interface RouteOptions {
  rateLimit?: RateLimit;
  bodyLimit?: number;
}

export interface RouteRegistry {
  app: FastifyInstance;
  db: Db;
  auth: AuthHandlers;
  production: boolean;
  rateLimitsEnabled: boolean;
}

/**
 * Registers an operation from its contract: the schemas validate and serialize, the auth mode
 * picks the pre-handler, and the handler only calls a service and returns the body. The first
 * success status in the contract is the default; a handler may set another (e.g. 503).
 */
export function defineHandler<R extends RouteSpec>(
  registry: RouteRegistry,
  spec: R,
  handler: (context: RouteContext<R>) => Promise<RouteOutput<R>>,
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
  };
  const defaultStatus = Number(Object.keys(spec.response)[0]);
  // Authentication runs before validation: an anonymous caller learns nothing about a body.
  const preValidation =
    spec.auth === 'required'
      ? registry.auth.required
      : spec.auth === 'optional'
        ? registry.auth.optional
        : undefined;
  registry.app.route({
    method: spec.method,
    url: spec.path,
    schema,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    config: {
      rateLimit: registry.rateLimitsEnabled && options.rateLimit ? options.rateLimit : false,
    },
    ...(preValidation ? { preValidation } : {}),
    handler: async (request, reply) => {
      reply.code(defaultStatus);
      const result = await handler({
        params: request.params,
        query: request.query,
        body: request.body,
        viewer: request.viewer,
        request,
        reply,
      } as RouteContext<R>);
      if (result === undefined) return reply.send();
      return result;
    },
  });
}
