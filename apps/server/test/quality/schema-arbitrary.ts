import fc, { type Arbitrary } from 'fast-check';

// Arbitraries derived from the TypeBox (JSON) schemas of the contracts: values a schema accepts,
// with their boundaries, and values it refuses even after the server's type coercion
// (`coerceTypes: 'array'`: numbers and booleans become strings, one-item arrays become scalars
// and scalars one-item arrays, `''`/`0`/`false` become null…).

type Schema = Record<string, unknown> & {
  type?: string | string[];
  anyOf?: Schema[];
  const?: unknown;
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minProperties?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
};

/** Where a value travels: JSON keeps types; a query string or path segment is text. */
export type Medium = 'json' | 'text';

export interface SchemaArbitraryOptions {
  /** Known values for a string property (ids that exist, handles of real accounts…). */
  samples?: (key: string | null, schema: Schema) => readonly string[];
}

/** Strings that break naive code: bidi controls, zero-width, lone surrogates, NUL, emoji, markup. */
export const UNICODE_EDGE_ATOMS: readonly string[] = [
  '\u200f', // right-to-left mark
  '\u202e', // right-to-left override
  '\u2066', // left-to-right isolate
  '\u200b', // zero-width space
  '\u200d', // zero-width joiner
  '\ufeff', // byte-order mark
  '\ud800', // unpaired high surrogate
  '\udfff', // unpaired low surrogate
  '😀', // 4-byte UTF-8
  '👩‍👩‍👧‍👦', // a family: joined emoji
  '\u0000',
  '\u0007',
  '\r\n',
  'e\u0301', // combining accent
  'İ',
  'ß',
  '𝕏',
  'ﷺ',
  'ＡＢＣ', // full-width
  '中文',
  'مرحبا',
  '#话题',
  '@someone',
  '<script>alert(1)</script>',
  "'; DROP TABLE notes; --",
  '../../etc/passwd',
  '%00',
  '\\',
  '"',
  ' ',
];

/** Code points, as JSON Schema (and Ajv) count string length. */
export const codePoints = (value: string): number => [...value].length;

const LONG = 'a'.repeat(10_000);

/** Strings of `min`–`max` code points, many of them made of the edge atoms above. */
function textArbitrary(min: number, max: number): Arbitrary<string> {
  const cap = Math.min(max, min + 60);
  const fits = (value: string) => codePoints(value) >= min && codePoints(value) <= max;
  const options: Arbitrary<string>[] = [
    // a grapheme may be several code points
    fc.string({ unit: 'grapheme', minLength: min, maxLength: cap }).filter(fits),
    fc.string({ unit: 'binary', minLength: min, maxLength: cap }).filter(fits),
    fc
      .array(fc.constantFrom(...UNICODE_EDGE_ATOMS), { minLength: 1, maxLength: 8 })
      .map((atoms) => atoms.join(''))
      .map((value) => (codePoints(value) < min ? value.padEnd(min + value.length, 'x') : value))
      .filter(fits),
  ];
  const boundaries = [min, max].filter((length) => length <= 20_000);
  if (boundaries.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...boundaries), fc.constantFrom('a', 'é', '中', '😀', '\u200f'))
        .map(([length, unit]) => unit.repeat(length)),
    );
  }
  if (fits(LONG)) options.push(fc.constant(LONG));
  return fc.oneof(...options);
}

const isObjectSchema = (schema: Schema) =>
  schema.type === 'object' || schema.properties !== undefined;

function typesOf(schema: Schema): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap(typesOf);
  if ('const' in schema) return [schema.const === null ? 'null' : typeof schema.const];
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** Values that `schema` accepts, boundaries included. */
export function validArbitrary(
  schema: Schema,
  options: SchemaArbitraryOptions = {},
  key: string | null = null,
): Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validArbitrary(s, options, key)));
  switch (schema.type) {
    case 'string':
      return validString(schema, options, key);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1_000_000;
      const max = schema.maximum ?? 1_000_000;
      const edges = [min, max, Math.min(min + 1, max), Math.max(max - 1, min)];
      const values =
        schema.type === 'integer'
          ? fc.integer({ min, max })
          : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      return fc.oneof(fc.constantFrom(...edges), values);
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = validArbitrary(schema.items ?? {}, options, key);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 12, Math.max(minLength, 12));
      const arrays = schema.uniqueItems
        ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(item, { minLength, maxLength });
      return arrays;
    }
    case 'object':
      return validObject(schema, options);
    default:
      if (schema.properties) return validObject(schema, options);
      // Unknown: any JSON at all.
      return fc.jsonValue({ maxDepth: 3 });
  }
}

function validString(schema: Schema, options: SchemaArbitraryOptions, key: string | null) {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 20_000;
  const fits = (value: string) =>
    codePoints(value) >= min &&
    codePoints(value) <= max &&
    (!schema.pattern || new RegExp(schema.pattern, 'u').test(value));
  const known = (options.samples?.(key, schema) ?? []).filter(fits);
  if (schema.format === 'uuid') {
    return fc.oneof(...(known.length ? [fc.constantFrom(...known)] : []), fc.uuid());
  }
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((date) => date.toISOString());
  }
  const generated = schema.pattern
    ? fc.stringMatching(new RegExp(schema.pattern)).filter(fits)
    : textArbitrary(min, max);
  return known.length ? fc.oneof(fc.constantFrom(...known), generated) : generated;
}

function validObject(schema: Schema, options: SchemaArbitraryOptions): Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const model: Record<string, Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    model[name] = validArbitrary(property, options, name);
  }
  let record: Arbitrary<Record<string, unknown>> = fc.record(model, { requiredKeys: required });
  if (schema.patternProperties) {
    const [, values] = Object.entries(schema.patternProperties)[0]!;
    record = fc.dictionary(fc.string({ maxLength: 10 }), validArbitrary(values, options), {
      maxKeys: 5,
    });
  }
  const minProperties = schema.minProperties ?? 0;
  return record.filter((value) => Object.keys(value).length >= minProperties);
}

/** Values `schema` refuses (null when it accepts everything, like `Type.Unknown`). */
export function invalidArbitrary(
  schema: Schema,
  medium: Medium = 'json',
  options: SchemaArbitraryOptions = {},
): Arbitrary<unknown> | null {
  const choices = invalidChoices(schema, medium, options);
  return choices.length > 0 ? fc.oneof(...choices) : null;
}

function invalidChoices(
  schema: Schema,
  medium: Medium,
  options: SchemaArbitraryOptions,
): Arbitrary<unknown>[] {
  const json = medium === 'json';
  // An object is refused by every non-object schema, whatever the coercion (JSON only).
  const notThis: Arbitrary<unknown>[] = json ? [fc.constant({ unexpected: ['value'] })] : [];
  if ('const' in schema) {
    return [fc.constant(`not-${String(schema.const)}`), ...notThis];
  }
  if (schema.anyOf) {
    const types = typesOf(schema);
    if (types.length === 0 || types.includes('object')) return [];
    const literals = schema.anyOf.every((branch) => 'const' in branch);
    if (literals) {
      const allowed = new Set(schema.anyOf.map((branch) => String(branch.const)));
      const strings = fc
        .oneof(fc.string({ maxLength: 12 }), fc.constantFrom('NOTES', 'everything ', 'x'))
        .filter((value) => !allowed.has(value) && value !== '');
      return [strings, ...notThis];
    }
    // A union of strings with patterns (and maybe null): a string none of them accepts.
    const patterns = schema.anyOf.filter((branch) => branch.type === 'string');
    if (patterns.length > 0 && patterns.every((branch) => branch.pattern)) {
      const refuses = (value: string) =>
        patterns.every((branch) => !new RegExp(branch.pattern!, 'u').test(value));
      return [fc.constantFrom('1', '!!', 'a_b', 'toolong-tag-xxxxxxxxx-').filter(refuses)];
    }
    return notThis;
  }
  switch (schema.type) {
    case 'string':
      return invalidString(schema, medium);
    case 'integer':
    case 'number': {
      const out: Arbitrary<unknown>[] = [fc.constant(json ? 'twelve' : 'twelve')];
      if (schema.minimum !== undefined) {
        out.push(fc.integer({ min: -1_000_000_000, max: schema.minimum - 1 }));
      }
      if (schema.maximum !== undefined) {
        out.push(fc.integer({ min: schema.maximum + 1, max: 1_000_000_000 }));
      }
      if (schema.type === 'integer') out.push(fc.constant(1.5));
      return [...out, ...notThis];
    }
    case 'boolean':
      return [fc.constantFrom('maybe', 'yes'), ...(json ? [fc.constant(2)] : []), ...notThis];
    case 'null':
      return json ? [fc.constant('x'), ...notThis] : [];
    case 'array':
      return invalidArray(schema, medium, options);
    case 'object':
      return invalidObject(schema, medium, options);
    default:
      if (schema.properties) return invalidObject(schema, medium, options);
      return [];
  }
}

function invalidString(schema: Schema, medium: Medium): Arbitrary<unknown>[] {
  const out: Arbitrary<unknown>[] = [];
  const min = schema.minLength ?? 0;
  const max = schema.maxLength;
  if (max !== undefined) {
    out.push(
      fc
        .tuple(fc.integer({ min: max + 1, max: max + 40 }), fc.constantFrom('a', '中', '😀'))
        .map(([length, unit]) => unit.repeat(length)),
    );
  }
  // Text media never carry an empty path segment (it would be another URL).
  if (min > 0 && (min > 1 || medium === 'json')) {
    out.push(
      fc
        .string({ maxLength: min - 1 })
        .filter((value) => medium === 'json' || codePoints(value) > 0),
    );
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    out.push(
      fc
        .oneof(fc.constantFrom(...UNICODE_EDGE_ATOMS), fc.string({ minLength: 1, maxLength: 20 }))
        .filter((value) => !pattern.test(value) && (max === undefined || value.length <= max)),
    );
  }
  if (schema.format === 'uuid') {
    out.push(
      fc.constantFrom('not-a-uuid', '1234', '01a1fe23-0118-7000-aebb-b828a830ddd', 'zz'),
      fc.string({ minLength: 1, maxLength: 30 }).filter((value) => !/^[0-9a-f-]{36}$/i.test(value)),
    );
  }
  if (schema.format === 'date-time') out.push(fc.constantFrom('yesterday', '2026-13-45'));
  if (medium === 'json') out.push(fc.constant({ unexpected: ['value'] }), fc.constant([1, 2]));
  return out;
}

function invalidArray(schema: Schema, medium: Medium, options: SchemaArbitraryOptions) {
  const out: Arbitrary<unknown>[] = [];
  const item = validArbitrary(schema.items ?? {}, options);
  if (schema.maxItems !== undefined) {
    const over = schema.maxItems + 1;
    out.push(
      fc.uniqueArray(item, {
        minLength: over,
        maxLength: over + 3,
        selector: (v) => JSON.stringify(v),
      }),
    );
  }
  if (schema.minItems) out.push(fc.constant([]));
  if (schema.uniqueItems) out.push(item.map((value) => [value, value]));
  const badItem = invalidArbitrary(schema.items ?? {}, medium, options);
  if (badItem) out.push(fc.tuple(badItem).map(([value]) => [value]));
  if (medium === 'json') out.push(fc.constant({ unexpected: ['value'] }));
  return out;
}

function invalidObject(schema: Schema, medium: Medium, options: SchemaArbitraryOptions) {
  const out: Arbitrary<unknown>[] = [];
  const valid = validObject(schema, options) as Arbitrary<Record<string, unknown>>;
  const required = schema.required ?? [];
  if (required.length > 0) {
    out.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([value, missing]) => omit(value, missing)),
    );
  }
  if (schema.additionalProperties === false) {
    out.push(
      fc
        .tuple(valid, fc.constantFrom('extra', '__proto__', 'constructor', 'isAdmin'))
        // a computed key makes `__proto__` an own property, sent as such
        .map(([value, extra]) => ({ ...value, [extra]: { surprise: true } })),
    );
  }
  if (schema.minProperties) out.push(fc.constant({}));
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const bad = invalidArbitrary(property, medium, options);
    if (bad) out.push(fc.tuple(valid, bad).map(([value, wrong]) => ({ ...value, [name]: wrong })));
  }
  if (medium === 'json') out.push(fc.constantFrom('text', 42, [], null, true));
  return out;
}

function omit(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

export { isObjectSchema };
