import { describe, expect, it } from 'vitest';
import { segmentText, viaText } from './evidence.js';

const join = (segments: { text: string }[]) => segments.map((segment) => segment.text).join('');

describe('segmentText', () => {
  it('marks one range and keeps the rest as plain text', () => {
    const segments = segmentText('who can get c0caine tonight', [{ start: 12, end: 19 }]);
    expect(segments.map((segment) => [segment.text, segment.ranges.length])).toEqual([
      ['who can get ', 0],
      ['c0caine', 1],
      [' tonight', 0],
    ]);
  });

  it('splits overlapping ranges at every boundary without losing characters', () => {
    const text = 'abcdefghij';
    const a = { start: 2, end: 6 };
    const b = { start: 4, end: 8 };
    const segments = segmentText(text, [a, b]);
    expect(join(segments)).toBe(text);
    expect(segments.map((segment) => [segment.text, segment.ranges])).toEqual([
      ['ab', []],
      ['cd', [a]],
      ['ef', [a, b]],
      ['gh', [b]],
      ['ij', []],
    ]);
  });

  it('clips ranges outside the text and ignores empty ones', () => {
    const segments = segmentText('short', [
      { start: 3, end: 40 },
      { start: 2, end: 2 },
      { start: -5, end: 1 },
    ]);
    expect(join(segments)).toBe('short');
    expect(segments.map((segment) => segment.text)).toEqual(['s', 'ho', 'rt']);
  });

  it('counts UTF-16 code units, as the server does', () => {
    // 😀 is two code units: the range after it starts at 3.
    const segments = segmentText('😀 大麻 ok', [{ start: 3, end: 5 }]);
    expect(segments[1]).toEqual({ text: '大麻', ranges: [{ start: 3, end: 5 }] });
  });

  it('returns the whole text when there is no evidence', () => {
    expect(segmentText('plain', [])).toEqual([{ text: 'plain', ranges: [] }]);
    expect(segmentText('', [])).toEqual([]);
  });
});

describe('viaText', () => {
  const st = (key: string) => `<${key}>`;

  it('names each fold that made the text meet the term', () => {
    expect(viaText({ via: ['leet', 'separators'] }, st)).toBe(
      '<staff.fold.leet>, <staff.fold.separators>',
    );
  });

  it('says the term was spelled as listed when no fold was needed', () => {
    expect(viaText({ via: [] }, st)).toBe('<staff.evidence.viaExact>');
  });

  it('gives nothing for evidence recorded without an explanation', () => {
    expect(viaText({}, st)).toBeNull();
  });
});
