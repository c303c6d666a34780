import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { findUnstorableText, refuseUnstorableText } from './text-guard.js';

describe('findUnstorableText', () => {
  it('accepts any real text, astral characters and joined emoji included', () => {
    expect(findUnstorableText({ a: ['héllo', '中文', '😀', '👩‍👩‍👧‍👦', '\u200f', ''] })).toBeNull();
  });

  it('points at a NUL, an unpaired high or low surrogate, in values and keys', () => {
    expect(findUnstorableText({ title: 'a\u0000b' })).toBe('/title');
    expect(findUnstorableText({ list: ['ok', 'x\ud800'] })).toBe('/list/1');
    expect(findUnstorableText({ deep: { 'a/b': '\udfffx' } })).toBe('/deep/a~1b');
    expect(findUnstorableText({ 'bad\u0000key': 1 })).toBe('/bad\u0000key');
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
});
