import { describe, expect, it } from 'vitest';
import { loadDefaultLexicon } from './lexicon.js';
import { compileLexicon } from './matcher.js';

// A deterministic stream of code points from many scripts, separators and oddities.
function* randomCodePoints(seed: number): Generator<number> {
  let state = seed >>> 0;
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0xa0, 0x24f],
    [0x300, 0x36f],
    [0x370, 0x4ff],
    [0x200b, 0x206f],
    [0x3000, 0x30ff],
    [0x4e00, 0x9fff],
    [0xac00, 0xd7a3],
    [0xff01, 0xffee],
    [0x1d400, 0x1d7ff],
    [0x1f100, 0x1f6ff],
  ];
  for (;;) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const [from, to] = ranges[state % ranges.length]!;
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    yield from + (state % (to - from + 1));
  }
}

function randomText(source: Generator<number>, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCodePoint(source.next().value as number);
  return text;
}

describe('scan on arbitrary text', () => {
  const entries = loadDefaultLexicon();
  const matcher = compileLexicon(entries);

  it('returns ordered, in-range spans that never split a surrogate pair', () => {
    const source = randomCodePoints(7);
    for (let round = 0; round < 300; round++) {
      const text = randomText(source, 200);
      let previous = 0;
      for (const match of matcher.scan(text)) {
        expect(match.start).toBeGreaterThanOrEqual(previous);
        expect(match.end).toBeGreaterThan(match.start);
        expect(match.end).toBeLessThanOrEqual(text.length);
        const low = text.charCodeAt(match.start);
        expect(low >= 0xdc00 && low < 0xe000).toBe(false);
        previous = match.start;
      }
    }
  });

  it('finds a term placed between spaces in random text, at its exact span', () => {
    const source = randomCodePoints(11);
    const terms = entries.filter((e) => !e.allow).map((e) => e.term);
    for (let round = 0; round < 300; round++) {
      const term = terms[(round * 7919) % terms.length]!;
      const before = `${randomText(source, 20)} `;
      const text = `${before}${term} ${randomText(source, 20)}`;
      const spans = matcher.scan(text).map((m) => [m.start, m.end]);
      expect(spans, `${term} in ${JSON.stringify(text)}`).toContainEqual([
        before.length,
        before.length + term.length,
      ]);
    }
  });
});
