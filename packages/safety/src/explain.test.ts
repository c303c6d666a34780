import { describe, expect, it } from 'vitest';
import { CONTACT_LINK_TERM, PHONE_TERM } from './contacts.js';
import { explainSpan } from './explain.js';
import { compileLexicon } from './matcher.js';
import type { FoldKind } from './types.js';

const matcher = compileLexicon([
  { term: 'cocaine', category: 'drugs', severity: 'high' },
  { term: 'fuck', category: 'harassment' },
  { term: 'crystal meth', category: 'drugs' },
  { term: '大麻', category: 'drugs', lang: 'zh-Hans' },
]);

/** The `via` of the one match a text holds. */
function via(text: string): FoldKind[] | undefined {
  const matches = matcher.scan(text);
  expect(matches).toHaveLength(1);
  return matches[0]!.via;
}

describe('why a match fired (Match.via)', () => {
  it('is empty when the text spells the term', () => {
    expect(via('buy cocaine here')).toEqual([]);
    expect(via('crystal meth')).toEqual([]);
    expect(via('大麻')).toEqual([]);
  });

  it.each([
    ['COCAINE', ['case']],
    ['ｃｏｃａｉｎｅ', ['width']],
    ['c0caine', ['leet']],
    ['f.u.c.k', ['separators']],
    ['crystal-meth', ['separators']],
    ['f\u200bu\u200bc\u200bk', ['separators']],
    ['cooooocaine', ['repeats']],
    ['Ⓕⓤⓒⓚ', ['letterlike']],
    ['𝒻𝓊𝒸𝓀', ['letterlike']],
    ['f̷ú̸c̵k̶', ['marks']],
    ['fuсk', ['homoglyph']],
    ['买dama', ['pinyin']],
    ['大 麻', ['separators']],
    ['F.U.C.K', ['case', 'separators']],
  ])('explains %s', (text, expected) => {
    expect(via(text)).toEqual(expected);
  });

  it('explains Traditional characters and homophones of Chinese terms', () => {
    expect(explainSpan('大蔴', '大麻')).toEqual(['homophone']);
    expect(explainSpan('賣冰', '卖冰')).toEqual(['traditional']);
    expect(explainSpan('でりへる', 'デリヘル')).toEqual(['kana']);
  });

  it('explains contact details', () => {
    expect(explainSpan('138OO138OOO', PHONE_TERM)).toEqual(['leet']);
    expect(explainSpan('138-0013-8000', PHONE_TERM)).toEqual([]);
    expect(explainSpan('t . me / x', CONTACT_LINK_TERM)).toEqual(['separators']);
    expect(explainSpan('t.me/x', CONTACT_LINK_TERM)).toEqual([]);
  });
});
