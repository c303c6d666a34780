import fc, { type Arbitrary } from 'fast-check';
import { MAX_NESTING } from '../../src/http/text-guard.js';

// JSON bodies nested past the bound the server keeps (`MAX_NESTING`): arrays, objects or both in
// turn, a little past the bound or far past it (100,000 levels: recursive code overflows its
// stack long before), as the whole body or under one field. Written as text: building such a
// value and stringifying it would itself recurse.

const OPEN = { array: '[', object: '{"a":' } as const;
const CLOSE = { array: ']', object: '}' } as const;

function nestedText(levels: number, kinds: readonly ('array' | 'object')[], inner: string): string {
  let open = '';
  let close = '';
  for (let level = 0; level < levels; level += 1) {
    const kind = kinds[level % kinds.length]!;
    open += OPEN[kind];
    close = CLOSE[kind] + close;
  }
  return `${open}${inner}${close}`;
}

/** A JSON text nested deeper than the server accepts. */
export const deepJsonArbitrary: Arbitrary<string> = fc
  .record({
    levels: fc.oneof(
      fc.integer({ min: MAX_NESTING + 1, max: MAX_NESTING * 4 }),
      fc.constantFrom(1_000, 10_000, 100_000),
    ),
    kinds: fc.constantFrom<('array' | 'object')[]>(['array'], ['object'], ['array', 'object']),
    inner: fc.constantFrom('1', '"x"', 'null', '{}', '[]'),
    field: fc.constantFrom(null, 'document', 'body', 'text', 'ids'),
  })
  .map(({ levels, kinds, inner, field }) => {
    const nested = nestedText(levels, kinds, inner);
    return field === null ? nested : `{"${field}":${nested}}`;
  });
