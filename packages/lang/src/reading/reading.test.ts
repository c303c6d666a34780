import { describe, expect, it } from 'vitest';
import { type CedictRow, createChineseDictionary, loadCedict } from './cedict.js';
import { createEnglishIndex } from './english-index.js';
import { pinyinWithMarks } from './pinyin.js';
import { pickEntry, readChinese, shortGloss } from './read-chinese.js';

const rows: CedictRow[] = [
  ['貓', '猫', 'mao1', ['cat (CL:隻|只[zhi1])', '(dialect) to hide oneself']],
  ['貓', '猫', 'mao2', 'used in 貓腰|猫腰[mao2 yao1]'],
  ['喜歡', '喜欢', 'xi3 huan5', ['to like', 'to be fond of']],
  ['我', '我', 'wo3', ['I', 'me', 'my']],
  ['女兒', '女儿', 'nu:3 er2', 'daughter'],
  ['張', '张', 'Zhang1', 'surname Zhang'],
  ['張', '张', 'zhang1', ['to open up', 'classifier for flat objects']],
];
const small = createChineseDictionary(rows);

describe('pinyin', () => {
  it('puts tone marks where pinyin puts them', () => {
    expect(pinyinWithMarks('mao1')).toBe('māo');
    expect(pinyinWithMarks('xi3 huan5')).toBe('xǐ huan');
    expect(pinyinWithMarks('nu:3 er2')).toBe('nǚ ér');
    expect(pinyinWithMarks('gou3 liu2 zhui4')).toBe('gǒu liú zhuì');
    expect(pinyinWithMarks('Zhong1 guo2')).toBe('Zhōng guó');
    expect(pinyinWithMarks('lu:e4')).toBe('lüè');
  });
});

describe('the dictionary index', () => {
  it('finds entries by simplified and by traditional form', () => {
    expect(small.lookup('猫').map((entry) => entry.pinyin)).toEqual(['mao1', 'mao2']);
    expect(small.lookup('貓')).toEqual(small.lookup('猫'));
    expect(small.lookup('狗')).toEqual([]);
    expect(small.longestWord).toBe(2);
  });

  it('prefers common words over surnames and pointer-only readings', () => {
    expect(pickEntry(small.lookup('猫'))?.pinyin).toBe('mao1');
    expect(pickEntry(small.lookup('张'))?.pinyin).toBe('zhang1');
  });

  it('glosses briefly, without classifiers', () => {
    expect(shortGloss(pickEntry(small.lookup('猫'))!)).toBe('cat');
    expect(shortGloss(pickEntry(small.lookup('我'))!, 6)).toBe('I; me');
    const long = { ...small.lookup('我')[0]!, senses: ['a very long first sense of this word'] };
    expect(shortGloss(long)).toBe('a very long first sense…');
  });
});

describe('readChinese', () => {
  it('segments into dictionary words with pinyin and glosses, keeping every character', () => {
    const text = '我喜欢猫! #cats';
    const tokens = readChinese(text, small);
    expect(tokens.map((token) => token.text).join('')).toBe(text);
    expect(tokens.filter((token) => token.reading)).toEqual([
      { text: '我', reading: 'wǒ', gloss: 'I; me; my' },
      { text: '喜欢', reading: 'xǐ huan', gloss: 'to like; to be fond of' },
      { text: '猫', reading: 'māo', gloss: 'cat' },
    ]);
    expect(tokens.at(-1)).toEqual({ text: '! #cats' });
  });

  it('leaves characters the dictionary does not know without a reading', () => {
    expect(readChinese('猫狗', small)).toEqual([
      { text: '猫', reading: 'māo', gloss: 'cat' },
      { text: '狗' },
    ]);
  });

  it('reads real posts with the whole of CC-CEDICT, Simplified and Traditional', async () => {
    const cedict = await loadCedict();
    expect(cedict.size).toBeGreaterThan(100_000);
    const simplified = readChinese('我家的猫特别喜欢晒太阳', cedict);
    expect(simplified.map((token) => token.text)).toEqual([
      '我',
      '家',
      '的',
      '猫',
      '特别',
      '喜欢',
      '晒',
      '太阳',
    ]);
    expect(simplified[3]).toMatchObject({ reading: 'māo', gloss: expect.stringMatching(/^cat/) });
    expect(simplified[7]).toMatchObject({ reading: 'tài yang' });
    const traditional = readChinese('這本書的翻譯', cedict);
    expect(traditional.find((token) => token.text === '翻譯')).toMatchObject({
      reading: 'fān yì',
      gloss: expect.stringContaining('to translate'),
    });
  });
});

describe('the English index (cross-language search)', () => {
  it('maps one-word senses of common entries to their headwords, both scripts', () => {
    const index = createEnglishIndex(small);
    expect(index.chineseFor('cat')).toEqual(['猫', '貓']);
    expect(index.chineseFor('Daughter')).toEqual(['女儿', '女兒']);
    // "to like" is the word "like"; surnames and pointer-only entries never count
    expect(index.chineseFor('like')).toEqual(['喜欢', '喜歡']);
    expect(index.chineseFor('zhang')).toEqual([]);
    expect(index.chineseFor('dog')).toEqual([]);
  });

  it('prefers common headwords in the whole of CC-CEDICT', async () => {
    const index = createEnglishIndex(await loadCedict());
    expect(index.chineseFor('cat')).toEqual(expect.arrayContaining(['猫', '貓']));
    expect(index.chineseFor('weekend')).toEqual(['周末', '週末']);
    expect(index.chineseFor('tea')[0]).toBe('茶');
  });
});
