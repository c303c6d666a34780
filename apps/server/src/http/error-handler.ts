import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commonError, DomainError } from './errors.js';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId: string;
  [extra: string]: unknown;
}

function problemFrom(error: DomainError, requestId: string): ProblemBody {
  return {
    ...error.extra,
    type: `urn:atrium:error:${error.code}`,
    title: error.title,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    requestId,
  };
}

/** Maps Fastify's own failures (validation, parsing, limits) onto the stable codes. */
function fromFastifyError(error: FastifyError): DomainError | null {
  if (error.validation) {
    const fields = error.validation.map((issue) => {
      const where = error.validationContext ?? 'body';
      const missing = (issue.params as { missingProperty?: string }).missingProperty;
      const extra = (issue.params as { additionalProperty?: string }).additionalProperty;
      const pointer = `${issue.instancePath}${missing ? `/${missing}` : ''}${extra ? `/${extra}` : ''}`;
      return {
        field: `/${where}${pointer}`,
        message: extra ? 'is not allowed' : (issue.message ?? 'is not valid'),
      };
    });
    return commonError(
      'VALIDATION_FAILED',
      fields.map((f) => `${f.field} ${f.message}`).join('; '),
      { fields },
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return commonError('UNSUPPORTED_MEDIA_TYPE', 'Send application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return commonError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return commonError('VALIDATION_FAILED', 'The body is not valid JSON', {
        fields: [{ field: '/body', message: 'is not valid JSON' }],
      });
  }
  if (error.statusCode === 429) return commonError('RATE_LIMITED');
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return commonError('VALIDATION_FAILED', 'The body is not valid JSON', {
      fields: [{ field: '/body', message: 'is not valid JSON' }],
    });
  }
  if (error.statusCode === 413) return commonError('PAYLOAD_TOO_LARGE');
  if (error.statusCode === 415) return commonError('UNSUPPORTED_MEDIA_TYPE');
  if (error.statusCode === 404) return commonError('NOT_FOUND');
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return commonError('VALIDATION_FAILED', 'The request could not be processed');
  }
  return null;
}

export function sendProblem(reply: FastifyReply, error: DomainError): FastifyReply {
  return reply
    .code(error.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemFrom(error, String(reply.request.id)));
}

/**
 * Fastify's router answers a URL it cannot decode (`%FF`) or a path parameter past
 * `maxParamLength` before any route runs; without this those answers are Fastify's own JSON,
 * not problem+json.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // no hook runs for these answers: what the onSend hook adds is added here
  reply.header('x-request-id', request.id).header('cache-control', 'no-store');
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'is too long' : 'is not a valid URL';
  return sendProblem(
    reply,
    commonError('VALIDATION_FAILED', `The path ${message}`, {
      fields: [{ field: '/url', message }],
    }),
  );
}

/** The one place errors become HTTP answers: problem+json with a stable `code`, no internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = error instanceof DomainError ? error : fromFastifyError(error);
    if (known) {
      if (known.status === 429 && !reply.hasHeader('retry-after')) {
        const retryAfter = known.extra.retryAfter;
        reply.header('retry-after', typeof retryAfter === 'number' ? retryAfter : 60);
      }
      // the rest of a body that came too slowly is not read: the connection ends with the answer
      if (known.status === 408) reply.header('connection', 'close');
      if (known.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, known);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, commonError('INTERNAL_ERROR'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      commonError('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}
