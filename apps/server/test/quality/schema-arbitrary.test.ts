import { type RouteSpec, routes } from '@atrium/contracts';
import type { TSchema } from '@sinclair/typebox';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidArbitrary, validArbitrary } from './schema-arbitrary.js';
import { requestValidator } from './schema-check.js';

const accepts = requestValidator();

// The fuzzer is only as good as its generator: what it calls valid the server's validator must
// accept, and what it calls invalid it must refuse, coercion included.
const inputs = (Object.values(routes) as RouteSpec[]).flatMap((route) =>
  (['params', 'querystring', 'body'] as const)
    .filter((part) => route[part] !== undefined)
    .map((part) => [`${route.operationId} ${part}`, route[part] as TSchema] as const),
);

describe('schema arbitraries', () => {
  it.each(inputs)('%s: valid samples pass and invalid samples fail', (_name, schema) => {
    const schemaRecord = schema as unknown as Record<string, unknown>;
    for (const value of fc.sample(validArbitrary(schemaRecord), { numRuns: 60, seed: 7 })) {
      expect(accepts(schema, value), JSON.stringify(value)?.slice(0, 200)).toBe(true);
    }
    const invalid = invalidArbitrary(schemaRecord, 'json');
    expect(invalid).not.toBeNull();
    for (const value of fc.sample(invalid!, { numRuns: 60, seed: 7 })) {
      expect(accepts(schema, value), JSON.stringify(value)?.slice(0, 200)).toBe(false);
    }
  });
});
