import type { FastifyInstance } from 'fastify';
import { commonError } from './errors.js';
import { findInputProblem } from './text-guard.js';

/**
 * JSON bodies are parsed by Fastify's own parser (`__proto__` and `constructor.prototype` keys
 * refused), then refused when they nest deeper than `MAX_NESTING`: before authentication,
 * schema validation and every handler, none of which has to walk such a body. (`JSON.parse`
 * itself is iterative and takes any depth.)
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser<string>(
    'application/json',
    { parseAs: 'string' },
    (request, body, done) => {
      parse(request, body, (error, value) => {
        if (error) return done(error, undefined);
        const problem = findInputProblem(value, { text: false });
        if (problem === null) return done(null, value);
        const field = `/body${problem.pointer}`;
        // the pointer of a 100,000-level body would be as long as the body: only its start is said
        const shown = field.length > 200 ? `${field.slice(0, 200)}…` : field;
        done(
          commonError('VALIDATION_FAILED', `${shown} ${problem.message}`, {
            fields: [{ field: shown, message: problem.message }],
          }),
          undefined,
        );
      });
    },
  );
}
