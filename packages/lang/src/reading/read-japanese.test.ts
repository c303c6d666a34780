import { beforeAll, describe, expect, it } from 'vitest';
import {
  type JapaneseTokenizer,
  loadJapaneseTokenizer,
  readJapanese,
  romanize,
} from './read-japanese.js';

describe('reading Japanese word by word (kuromoji with the IPADIC it ships)', () => {
  let tokenizer: JapaneseTokenizer;
  beforeAll(async () => {
    tokenizer = await loadJapaneseTokenizer();
  }, 60_000);

  const read = (text: string) => {
    const tokens = readJapanese(text, tokenizer);
    // every character is kept, in order
    expect(tokens.map((token) => token.text).join('')).toBe(text);
    return tokens;
  };

  it('reads kanji words in hiragana and romaji, and particles as they are said', () => {
    expect(read('私は東京で寿司を食べました。')).toEqual([
      { text: '私', reading: 'わたし', romaji: 'watashi' },
      { text: 'は', romaji: 'wa' },
      { text: '東京', reading: 'とうきょう', romaji: 'toukyou' },
      { text: 'で', romaji: 'de' },
      { text: '寿司', reading: 'すし', romaji: 'sushi' },
      { text: 'を', romaji: 'o' },
      { text: '食べました', reading: 'たべました', romaji: 'tabemashita' },
      { text: '。' },
    ]);
  });

  it('keeps katakana loanwords whole, romanised, and joins a verb with its endings', () => {
    const tokens = read('コンビニでアイスクリームを買って、家で食べた！');
    expect(tokens.map((token) => token.text)).toEqual([
      'コンビニ',
      'で',
      'アイスクリーム',
      'を',
      '買って',
      '、',
      '家',
      'で',
      '食べた',
      '！',
    ]);
    // kana words already say how they are read: romaji only
    expect(tokens[0]).toEqual({ text: 'コンビニ', romaji: 'konbini' });
    expect(tokens[2]).toEqual({ text: 'アイスクリーム', romaji: 'aisukuriimu' });
    // the small つ doubles the next consonant across the verb's parts
    expect(tokens[4]).toEqual({ text: '買って', reading: 'かって', romaji: 'katte' });
  });

  it('leaves the copula a word of its own and passes other scripts and emoji through', () => {
    const tokens = read('今日はとても暑いですね 😅 lol\n#週末');
    expect(tokens.find((token) => token.text === '暑い')).toEqual({
      text: '暑い',
      reading: 'あつい',
      romaji: 'atsui',
    });
    expect(tokens.find((token) => token.text === 'です')).toEqual({ text: 'です', romaji: 'desu' });
    expect(tokens.find((token) => token.text === '今日')).toMatchObject({ reading: 'きょう' });
    const plain = tokens.filter((token) => token.romaji === undefined).map((token) => token.text);
    expect(plain).toEqual([' 😅 lol\n#']);
    expect(tokens.at(-1)).toEqual({ text: '週末', reading: 'しゅうまつ', romaji: 'shuumatsu' });
    expect(read('とても楽しかったです').map((token) => token.text)).toEqual([
      'とても',
      '楽しかった',
      'です',
    ]);
    expect(read('雨でした').map((token) => token.text)).toEqual(['雨', 'でした']);
  });
});

describe('romaji', () => {
  it('reads loanword spellings as they are said', () => {
    expect(romanize('カフェ')).toBe('kafe');
    expect(romanize('パーティー')).toBe('paatii');
    expect(romanize('ヴァイオリン')).toBe('vaiorin');
    expect(romanize('チェック')).toBe('chekku');
    expect(romanize('しんぶん')).toBe('shinbun');
  });
});
