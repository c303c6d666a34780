import { describe, expect, it } from 'vitest';
import { compileLexicon } from './matcher.js';
import { pinyinSyllableSet, segmentsAsPinyin } from './pinyin-text.js';

const matcher = compileLexicon([
  { term: '妈的', category: 'harassment' },
  { term: '他妈', category: 'harassment' },
  { term: '大麻', category: 'drugs' },
]);

function found(text: string, lang?: string): string[] {
  return matcher.scan(text, { lang }).map((m) => `${m.term}=${text.slice(m.start, m.end)}`);
}

describe('pinyin matches only where the text may be pinyin', () => {
  it('does not read common words of other languages as pinyin', () => {
    expect(found('I made it myself', 'en')).toEqual([]);
    expect(found('I made it myself')).toEqual([]);
    expect(found('tämä on hyvä', 'fi')).toEqual([]);
    expect(found('tämä on hyvä')).toEqual([]);
    // Spanish and Italian `dama` (lady) in text of that language.
    expect(found('la dama blanca', 'es')).toEqual([]);
  });

  it('reads romanized terms next to Chinese text or in text detected as Chinese', () => {
    expect(found('你made我')).toEqual(['妈的=made']);
    expect(found('ni tama bie shuo', 'zh')).toEqual(['他妈=tama']);
  });

  it('reads spaced syllables in text of unknown language unless they are words of one language', () => {
    const lure = compileLexicon([{ term: '加微信', category: 'fraud' }]);
    expect(lure.scan('jia wei xin').map((m) => m.term)).toEqual(['加微信']);
    const rude = compileLexicon([{ term: '蛋糕的', category: 'harassment' }]);
    // dan gao de: syllables that are no sentence of any one language.
    expect(rude.scan('dan gao de').map((m) => m.term)).toEqual(['蛋糕的']);
  });

  it('does not read syllables among the words of a longer text of another, unknown language', () => {
    const lure = compileLexicon([{ term: '加微信', category: 'fraud' }]);
    const terms = (text: string) => lure.scan(text, { lang: null }).map((m) => m.term);
    // Next to words that are neither pinyin nor everyday words of a language the lists know.
    expect(terms('tulo ukulu jia wei xin kofté ndaba sela meko')).toEqual([]);
    // Among pinyin, among everyday words, or in a short text, it is still read.
    expect(terms('wo jia wei xin ba ni hao ma wo hen hao')).toEqual(['加微信']);
    expect(terms('hey guys my friend said to add me jia wei xin 138')).toEqual(['加微信']);
    expect(terms('pls jia wei xin')).toEqual(['加微信']);
  });

  it('reads a word that is no common word of the language, and spaced syllables', () => {
    expect(found('buy dama now', 'en')).toEqual(['大麻=dama']);
    expect(found('ta ma de', 'en')).toEqual(['他妈=ta ma', '妈的=ma de']);
  });
});

describe('run-together pinyin of multi-syllable terms', () => {
  it('reads characters with several readings either way (行: xing, hang)', () => {
    const cards = compileLexicon([{ term: '买卖银行卡', category: 'fraud' }]);
    const terms = (text: string) => cards.scan(text, { lang: 'en' }).map((m) => m.term);
    expect(terms('sell maimaiyinhangka now')).toEqual(['买卖银行卡']);
    expect(terms('sell maimaiyinxingka now')).toEqual(['买卖银行卡']);
    expect(terms('sell maimaiyinhengkb now')).toEqual([]);
  });
});

describe('pinyin syllables', () => {
  const syllables = pinyinSyllableSet();
  it('splits run-together pinyin into syllables', () => {
    expect(segmentsAsPinyin('maimaiyinhangka', syllables)).toBe(true);
    expect(segmentsAsPinyin('zhuangxiu', syllables)).toBe(true);
    expect(segmentsAsPinyin('strength', syllables)).toBe(false);
    expect(segmentsAsPinyin('hello', syllables)).toBe(false);
  });
});
