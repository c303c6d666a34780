import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_TERMS,
  nameQuery,
  normalizeSearchText,
  searchDocumentTexts,
  searchQueryTerms,
  searchText,
  segmentedWords,
  words,
} from './search-text.js';

/** The lexemes a document would hold for `text`. */
function lexemes(text: string): Set<string> {
  return new Set(searchText(text).split(' ').filter(Boolean));
}

/** Whether every term of query `q` is a lexeme of document text `text` (the AND search). */
function finds(q: string, text: string): boolean {
  const terms = searchQueryTerms(q);
  const document = lexemes(text);
  return terms.length > 0 && terms.every((term) => document.has(term));
}

describe('normalizeSearchText', () => {
  it('applies NFKC and folds case', () => {
    expect(normalizeSearchText('ＡＢＣ１２３')).toBe('abc123');
    expect(normalizeSearchText('ｶﾀｶﾅ')).toBe('カタカナ');
    expect(normalizeSearchText('Straße ΟΔΟΣ')).toBe('strasse οδοσ');
  });
});

describe('searchQueryTerms', () => {
  it('splits Simplified Chinese into overlapping bigrams', () => {
    expect(searchQueryTerms('熊猫')).toEqual(['熊猫']);
    expect(searchQueryTerms('大熊猫')).toEqual(['大熊', '熊猫']);
    expect(searchQueryTerms('猫')).toEqual(['猫']);
  });

  it('handles Traditional Chinese, Japanese and Korean', () => {
    expect(searchQueryTerms('價格')).toEqual(['價格']);
    expect(searchQueryTerms('東京タワー')).toEqual(['東京', '京タ', 'タワ', 'ワー']);
    expect(searchQueryTerms('서울 맛집')).toEqual(['서울', '맛집']);
  });

  it('lower-cases English and keeps Spanish accents as typed', () => {
    expect(searchQueryTerms('Weekend HIKING!')).toEqual(['weekend', 'hiking']);
    expect(searchQueryTerms('Canción')).toEqual(['canción']);
  });

  it('drops emoji and punctuation; an emoji-only query has no terms', () => {
    expect(searchQueryTerms('😀🐼')).toEqual([]);
    expect(searchQueryTerms('  ?!…  ')).toEqual([]);
    expect(searchQueryTerms('熊猫🐼 cute')).toEqual(['熊猫', 'cute']);
  });

  it('segments mixed Chinese and English, and full-width letters', () => {
    expect(searchQueryTerms('新iPhone手机')).toEqual(['新', 'iphone', '手机']);
    expect(searchQueryTerms('ＡＢＣ　ｃａｆｅ')).toEqual(['abc', 'cafe']);
  });

  it('splits at quotes, operators and underscores, so no term carries them', () => {
    expect(searchQueryTerms("it's a&b|c !d:* 'e' f_g")).toEqual([
      'it',
      's',
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
    ]);
  });

  it('deduplicates and caps the terms', () => {
    expect(searchQueryTerms('cat CAT Cat')).toEqual(['cat']);
    const many = Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ');
    expect(searchQueryTerms(many)).toHaveLength(MAX_QUERY_TERMS);
  });
});

describe('searchText and searchDocumentTexts', () => {
  it('indexes words, bigrams and single characters of CJK runs', () => {
    expect(lexemes('我喜欢大熊猫')).toEqual(
      new Set([
        '我喜',
        '喜欢',
        '欢大',
        '大熊',
        '熊猫',
        '我',
        '喜',
        '欢',
        '大',
        '熊',
        '猫',
        '大熊猫',
      ]),
    );
  });

  it('lets a query find a word inside a longer compound, in each CJK language', () => {
    expect(finds('熊猫', '我喜欢大熊猫')).toBe(true);
    expect(finds('价格', '这家店价格便宜')).toBe(true);
    expect(finds('價格', '這家牛肉麵的價格很便宜')).toBe(true);
    expect(finds('東京', '東京タワーに行きました')).toBe(true);
    expect(finds('タワー', '東京タワーに行きました')).toBe(true);
    expect(finds('서울', '서울특별시에서 살아요')).toBe(true);
    expect(finds('특별시', '서울특별시에서 살아요')).toBe(true);
    expect(finds('熊猫', '我喜欢大熊')).toBe(false);
    expect(finds('大阪', '東京タワー')).toBe(false);
  });

  it('finds English case-insensitively and Spanish with or without accents', () => {
    expect(finds('vancouver', 'Great trails near VANCOUVER')).toBe(true);
    expect(finds('cancion', 'Mi canción favorita')).toBe(true);
    expect(finds('canción', 'Mi canción favorita')).toBe(true);
    expect(finds('canción', 'Mi cancion favorita')).toBe(false);
  });

  it('finds full-width text by ASCII and mixed text by either language', () => {
    expect(finds('abc', 'ＡＢＣ　Ｃａｆｅ')).toBe(true);
    expect(finds('iphone 手机', '我的新iPhone手机拍照很好')).toBe(true);
  });

  it('leaves emoji out of documents', () => {
    expect(searchText('latte 😀☕')).toBe('latte');
  });

  it('keeps title, topics and body apart for weighting', () => {
    expect(
      searchDocumentTexts({ title: 'Tokyo', body: '夜景', topics: ['旅行', 'travel'] }),
    ).toEqual({
      title: 'tokyo',
      topics: '旅行 旅 行 travel',
      body: '夜景 夜 景',
    });
  });

  it('cuts very long tokens the same way in documents and queries', () => {
    const long = 'a'.repeat(200);
    expect(finds(long, `start ${long} end`)).toBe(true);
    expect(searchQueryTerms(long)[0]).toHaveLength(64);
  });
});

describe('nameQuery', () => {
  it('normalizes names and topics for matching', () => {
    expect(nameQuery('  Ｌｉｎ   Mei ')).toBe('lin mei');
    expect(nameQuery('林美')).toBe('林美');
  });
});

describe('the ASCII shortcut of word splitting', () => {
  it('gives exactly the segmenter’s words for any ASCII text', () => {
    const asciiText = fc.string({
      unit: fc.oneof(
        fc.constantFrom(..."aZ09_-.,'’:;!?@#$%&*()[]/\\ \t\n".split('')),
        fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
      ),
      maxLength: 80,
    });
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(words(text, 'und')).toEqual(segmentedWords(text, 'und'));
      }),
      { numRuns: 2000, seed: 7 },
    );
    expect(words("don't stop-me at 3.14, e.g. foo_bar", 'und')).toEqual(
      segmentedWords("don't stop-me at 3.14, e.g. foo_bar", 'und'),
    );
  });
});
