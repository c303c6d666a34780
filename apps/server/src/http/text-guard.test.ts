import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { findInputProblem, MAX_NESTING, refuseUnstorableText } from './text-guard.js';

/** `levels` arrays (or objects under the key `a`) inside each other, built without recursion. */
function nested(levels: number, kind: 'array' | 'object', inner: unknown = 1): unknown {
  let value = inner;
  for (let level = 0; level < levels; level += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

const pointerOf = (value: unknown) => findInputProblem(value)?.pointer ?? null;

describe('findInputProblem', () => {
  it('accepts any real text, astral characters and joined emoji included', () => {
    expect(findInputProblem({ a: ['héllo', '中文', '😀', '👩‍👩‍👧‍👦', '\u200f', ''] })).toBeNull();
  });

  it('points at a NUL, an unpaired high or low surrogate, in values and keys', () => {
    expect(pointerOf({ title: 'a\u0000b' })).toBe('/title');
    expect(pointerOf({ list: ['ok', 'x\ud800'] })).toBe('/list/1');
    expect(pointerOf({ deep: { 'a/b': '\udfffx' } })).toBe('/deep/a~1b');
    expect(pointerOf({ 'bad\u0000key': 1 })).toBe('/bad\u0000key');
  });

  it('reports the first problem in document order', () => {
    expect(pointerOf({ a: { b: 'x\u0000' }, 'c\u0000': 1, d: '\ud800' })).toBe('/a/b');
    expect(pointerOf([['ok', ['\u0000']], '\u0000'])).toBe('/0/1/0');
  });

  it(`accepts ${MAX_NESTING} levels and refuses one more, arrays and objects`, () => {
    for (const kind of ['array', 'object'] as const) {
      expect(findInputProblem(nested(MAX_NESTING, kind))).toBeNull();
      const problem = findInputProblem(nested(MAX_NESTING + 1, kind));
      expect(problem?.message).toMatch(/nested more than 64 levels/);
      expect(problem?.pointer.split('/')).toHaveLength(MAX_NESTING + 1);
    }
  });

  it('walks 100,000 levels without running out of stack', () => {
    for (const kind of ['array', 'object'] as const) {
      const deep = nested(100_000, kind, 'x\u0000');
      expect(findInputProblem(deep)?.message).toMatch(/nested more than/);
      // no depth bound: the walk still reaches the bottom, iteratively
      expect(findInputProblem(deep, { maxDepth: Infinity })?.pointer.length).toBeGreaterThan(
        100_000,
      );
    }
  });

  it('checks only the depth without `text`', () => {
    expect(findInputProblem({ a: '\u0000' }, { text: false })).toBeNull();
  });
});

describe('refuseUnstorableText', () => {
  it('throws VALIDATION_FAILED naming the field', () => {
    try {
      refuseUnstorableText({ params: {}, query: { q: '\u0000' }, body: undefined });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('VALIDATION_FAILED');
      expect((error as DomainError).extra.fields).toEqual([
        { field: '/querystring/q', message: expect.any(String) },
      ]);
    }
  });

  it('throws VALIDATION_FAILED for a body nested too deep', () => {
    expect(() =>
      refuseUnstorableText({ params: {}, query: {}, body: nested(100_000, 'array') }),
    ).toThrow(DomainError);
  });
});
