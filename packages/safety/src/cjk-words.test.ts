import { describe, expect, it } from 'vitest';
import { compileLexicon } from './matcher.js';

const matcher = compileLexicon([
  { term: '大麻', category: 'drugs' },
  { term: '色情', category: 'adult_services' },
  { term: '洗钱', category: 'fraud' },
  { term: '白粉', category: 'drugs' },
  { term: '子弹', category: 'firearms' },
  { term: '头', category: 'harassment' },
  { term: 'ゲイ', category: 'hate' },
  { term: 'シャブ', category: 'drugs' },
  { term: '고자', category: 'harassment' },
  { term: '병신', category: 'harassment' },
  { term: '개새끼', category: 'harassment' },
]);

function found(text: string): string[] {
  return matcher.scan(text).map((m) => `${m.term}=${text.slice(m.start, m.end)}`);
}

describe('Chinese word boundaries (dictionary segmentation of the candidate)', () => {
  it.each([
    ['大麻雀', 'a sparrow: 大 + 麻雀'],
    ['特色情调', 'special atmosphere: 特色 + 情调'],
    ['清洗钱包', 'clean the wallet: 清洗 + 钱包'],
    ['白粉笔', 'white chalk: 白 + 粉笔'],
    ['子弹簧', 'sub-spring: 子 + 弹簧'],
    ['我的头发很长', 'one-character term inside a word: 头发'],
  ])('does not match a term across or inside a longer word: %s (%s)', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('still finds the terms as words of their own', () => {
    expect(found('哪里能买到大麻')).toEqual(['大麻=大麻']);
    expect(found('出售白粉，量大从优')).toEqual(['白粉=白粉']);
    expect(found('帮人洗钱的公司')).toEqual(['洗钱=洗钱']);
    expect(found('看色情网站')).toEqual(['色情=色情']);
    expect(found('一盒子弹')).toEqual(['子弹=子弹']);
  });
});

describe('CJK separators are disguises, sentence ends are breaks', () => {
  it.each([
    ['enumeration comma', '哪里买大、麻', '大麻=大、麻'],
    ['pipe', '哪里买大|麻', '大麻=大|麻'],
    ['middle dot', '哪里买大·麻', '大麻=大·麻'],
    ['full-width comma', '哪里买大，麻', '大麻=大，麻'],
    ['brackets', '哪里买【大】【麻】', '大麻=大】【麻'],
    ['pipe between kana', 'シ|ャ|ブあります', 'シャブ=シ|ャ|ブ'],
    ['enumeration comma between kana', 'シ、ャ、ブ', 'シャブ=シ、ャ、ブ'],
    ['pipe between Hangul', '병|신', '병신=병|신'],
  ])('finds a term with %s between its characters', (_name, text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it('does not join the words of a sentence across its punctuation', () => {
    // 很大，麻烦你: "very big, sorry to trouble you" — 大 and 麻 belong to other words.
    expect(found('这个很大，麻烦你拿一下')).toEqual([]);
    expect(found('很大。麻烦你')).toEqual([]);
    expect(found('大！麻')).toEqual([]);
    expect(found('大\n\n麻')).toEqual([]);
  });
});

describe('Japanese and Korean terms inside longer words', () => {
  it('does not match a katakana term inside a longer katakana word', () => {
    expect(found('ゲイボーイ')).toEqual([]);
    expect(found('彼はゲイです')).toEqual(['ゲイ=ゲイ']);
  });

  it('matches short Korean terms only at the start of a word, before particles', () => {
    expect(found('참고자료')).toEqual([]); // reference material
    expect(found('고자질하지 마')).toEqual([]); // tattling
    expect(found('반병신')).toEqual([]);
    expect(found('너 고자가 됐어')).toEqual(['고자=고자']);
    expect(found('이 병신들아')).toEqual(['병신=병신']);
    expect(found('병신')).toEqual(['병신=병신']);
  });

  it('matches Korean terms of three syllables or more anywhere', () => {
    expect(found('너는개새끼야')).toEqual(['개새끼=개새끼']);
  });
});

describe('a longer ordinary word of the dictionary holds the term (CC-CEDICT)', () => {
  const zh = compileLexicon([
    { term: '无', category: 'harassment', lang: 'zh' },
    { term: '幹', category: 'harassment', lang: 'zh' },
    { term: '强奸', category: 'harassment', lang: 'zh' },
  ]);
  const terms = (text: string): string[] => zh.scan(text).map((m) => m.term);

  it('does not read a term inside a longer ordinary word that ICU splits', () => {
    expect(terms('无穷无尽')).toEqual([]); // endless
    expect(terms('埋头苦干')).toEqual([]); // to work hard: 苦干, not 干 read as 幹
    expect(terms('无花果干')).toEqual([]); // dried figs
  });

  it('still reads it alone, and inside a longer word that is itself of the same kind', () => {
    expect(terms('干')).toEqual(['幹']);
    expect(terms('集体强奸')).toEqual(['强奸']); // gang rape
  });
});

describe('a doubled Chinese character is reduplication, not stretching', () => {
  const zh = compileLexicon([
    { term: '马虎', category: 'harassment', lang: 'zh' },
    { term: '整齐', category: 'harassment', lang: 'zh' },
    { term: '哗啦', category: 'harassment', lang: 'zh' },
    { term: '该死的', category: 'harassment', lang: 'zh' },
  ]);
  const spans = (text: string): string[] =>
    zh.scan(text).map((m) => `${m.term}=${text.slice(m.start, m.end)}`);

  it('does not read a term in its reduplicated forms (AABB, ABB)', () => {
    expect(spans('他做事马马虎虎')).toEqual([]); // careless (AABB)
    expect(spans('书摆得整整齐齐')).toEqual([]); // neat and tidy (AABB)
    expect(spans('雨哗啦啦地下')).toEqual([]); // the rain pours down (ABB)
  });

  it('still finds the term written once, and stretched three times or more', () => {
    expect(spans('别马虎')).toEqual(['马虎=马虎']);
    expect(spans('摆得很整齐')).toEqual(['整齐=整齐']);
    expect(spans('马马马虎')).toEqual(['马虎=马马马虎']);
    // A doubled character that starts the next word: 的 + 的确 (indeed).
    expect(spans('这该死的的确很难')).toEqual(['该死的=该死的']);
  });
});

describe('Traditional characters are judged as their Simplified forms are', () => {
  const zh = compileLexicon([{ term: '台', category: 'harassment', lang: 'zh' }]);
  const terms = (text: string): string[] => zh.scan(text).map((m) => m.term);

  it('does not read a term inside a longer word written in Traditional characters', () => {
    expect(terms('我们坐在台下看戏')).toEqual([]); // Simplified: 台下 is one word
    expect(terms('我們坐在臺下看戲')).toEqual([]); // the same sentence in Traditional
    expect(terms('觀眾在臺前鼓掌')).toEqual([]);
  });

  it('still reads the term where it stands as a word of its own', () => {
    expect(terms('臺')).toEqual(['台']);
    expect(terms('這台電腦')).toEqual(['台']);
  });
});
