/**
 * The detector on posts written the way people post during a migration: kanji-only Japanese,
 * Cantonese, romanized text, slang, noise around the text and close language pairs. These are the
 * tuning examples; the held-out sets in bench/lang are never used here (no post appears in both).
 */
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.js';
import { isReliable, RELIABLE_CONFIDENCE } from './reliability.js';

function langOf(text: string): string {
  return detectLanguage(text).lang;
}

describe('kanji-only Japanese', () => {
  it.each([
    ['会議中、返信遅延', 'a shinjitai shared with Simplified (会) beside a Traditional form (議)'],
    ['東京大学合格', '学 beside 東'],
    ['出張先到着', 'Japanese vocabulary (出張)'],
    ['本日臨時休業', 'Japanese vocabulary (本日, 休業)'],
    ['帰宅', 'a Japanese-only form (帰)'],
  ])('reads %s as Japanese: %s', (text) => {
    expect(langOf(text)).toBe('ja');
  });

  it.each([
    ['新商品入荷予定', 'words of the IPA dictionary that Chinese does not write (入荷, 予定)'],
    ['大学院進学', 'a dictionary word standing as a word (大学院)'],
    ['来週出張予定', 'the dictionary beside the listed vocabulary'],
  ])('reads %s as Japanese: %s', (text) => {
    expect(langOf(text)).toBe('ja');
  });

  it('does not read Japanese words that straddle Chinese words as Japanese', () => {
    // 大学院 across 大学|院子; 新来 beside the function words 我, 的; 雨下 and 床上 by chance
    expect(langOf('我们在大学院子里玩')).toBe('zh-Hans');
    expect(langOf('大家好，我是新来的同学')).toBe('zh-Hans');
    expect(langOf('下雨天只想躺在床上看书')).toBe('zh-Hans');
  });

  it('keeps Chinese with the same characters Chinese', () => {
    expect(langOf('我们明天开会')).toBe('zh-Hans');
    expect(langOf('我們明天開會，記得準時')).toBe('zh-Hant');
    expect(langOf('我去東京玩了三天')).toBe('zh-Hant');
  });
});

describe('Cantonese and Traditional Chinese', () => {
  it('does not count 晒, the Cantonese particle, as Simplified', () => {
    expect(langOf('好正呀，多謝晒')).toBe('zh-Hant');
  });

  it.each([['佢哋今日唔得閒'], ['我而家喺屋企'], ['啲人好好'], ['冇所謂啦']])(
    'reports Cantonese %s as Traditional Chinese',
    (text) => {
      expect(langOf(text)).toBe('zh-Hant');
    },
  );

  it('reads 著 as the Traditional aspect particle', () => {
    expect(langOf('睡著了啦')).toBe('zh-Hant');
    expect(langOf('睡着了啦')).toBe('zh-Hans');
  });
});

describe('romanized text', () => {
  it.each([['wo ai ni men'], ['ni hao ma'], ['xiexie laoshi'], ['wǒ ài nǐ'], ['wo3 ai4 ni3']])(
    'reports pinyin %s as zh-Latn',
    (text) => {
      expect(langOf(text)).toBe('zh-Latn');
    },
  );

  it.each([['salam 3alaykom ya jama3a'], ['ya 7abibi shukran'], ['3al 2akid']])(
    'reports Arabizi %s as ar-Latn',
    (text) => {
      expect(langOf(text)).toBe('ar-Latn');
    },
  );

  it.each([['arigatou minna'], ['daisuki desu'], ['oyasumi ne']])(
    'reports romaji %s as ja-Latn',
    (text) => {
      expect(langOf(text)).toBe('ja-Latn');
    },
  );

  it('leaves English and Romance text made of pinyin-like words alone', () => {
    expect(langOf('he ran a long way')).toBe('en');
    expect(langOf('ma che dici')).not.toBe('zh-Latn');
    expect(langOf('gr8 to see u 2day')).not.toBe('ar-Latn');
  });
});

describe('slang and laughter', () => {
  it.each([
    ['en', 'lmaooo fr fr'],
    ['en', 'tbh idk wat 2 post lol'],
    ['es', 'jajajaja'],
    ['es', 'jajaja ntp'],
    ['ko', 'ㅋㅋㅋ'],
    ['ja', 'www草'],
    ['ja', 'ｗｗｗ'],
    ['zh-Hans', 'awsl'],
    ['pt', 'vc tbm kkkk'],
  ])('reports %s for %s', (lang, text) => {
    expect(langOf(text)).toBe(lang);
  });

  it('keeps laughter shared by many languages undetermined', () => {
    expect(langOf('hahahaha')).toBe('und');
    expect(langOf('kkkkkk')).toBe('und');
  });
});

describe('noise around the text', () => {
  it('lets the text outweigh topics in another language', () => {
    expect(langOf('今天天气真好 #sunny #weekend #happy #life')).toBe('zh-Hans');
    expect(langOf('finally got my visa #签证 #留学 #美国生活')).toBe('en');
  });

  it('uses topics when there is nothing else', () => {
    expect(detectLanguage('#周末日常').lang).toBe('zh-Hans');
    expect(detectLanguage('#周末日常').confidence).toBeLessThan(
      detectLanguage('周末日常').confidence,
    );
  });

  it('ignores links without a scheme', () => {
    expect(langOf('快看 xhslink.com/a/QwErTy12 太好笑了')).toBe('zh-Hans');
    expect(langOf('mira esto vm.tiktok.com/ZMabc123 jajaja')).toBe('es');
  });

  it.each([
    ['¯\\_(ツ)_/¯'],
    ['(ﾉ◕ヮ◕)ﾉ*:･ﾟ✧'],
    ['ʕ•ᴥ•ʔ'],
    ['(´・ω・`)'],
    ['^_^'],
    ['(シ)'],
    // arms outside the brackets: hugging, waving, the Georgian ლ, pointing, flexing
    ['(づ￣ ³￣)づ'],
    ['ヾ(＾∇＾)'],
    ['ლ(ಠ益ಠლ)'],
    ['ヽ(°〇°)ﾉ'],
    ['σ(^_^;)'],
    ['ᕦ(ò_óˇ)ᕤ'],
  ])('answers und for the kaomoji %s', (text) => {
    expect(detectLanguage(text)).toEqual({ lang: 'und', confidence: 0, reliable: false });
  });

  it('reads the text around a kaomoji', () => {
    expect(langOf('no idea what to do tonight ¯\\_(ツ)_/¯')).toBe('en');
    expect(langOf('(笑) 今日はいい天気')).toBe('ja');
    // a hiragana word is not an arm
    expect(langOf('つかれた')).toBe('ja');
    expect(langOf('miss you guys so much (づ￣ ³￣)づ')).toBe('en');
  });
});

describe('close pairs', () => {
  it('tells Spanish from Portuguese by words only one of them writes', () => {
    expect(langOf('hola a todas')).toBe('es');
    expect(langOf('olá a todos')).toBe('pt');
    expect(langOf('muy bien gracias')).toBe('es');
    expect(langOf('muito bem obrigado')).toBe('pt');
  });

  it('does not count a word both write (que, como) for one of them', () => {
    expect(langOf('Creo que la comida')).toBe('es');
    expect(langOf('Mi hermana, como siempre, tiene razón')).toBe('es');
    expect(langOf('Acho que a comida')).toBe('pt');
    expect(langOf('Minha irmã, como sempre, tem razão')).toBe('pt');
  });

  it('reports Serbo-Croatian in Latin script as one of its standards, not Slovenian', () => {
    expect(['sr', 'hr', 'bs']).toContain(langOf('hvala puno svima'));
    expect(langOf('ne razumem šta hoće')).toBe('sr');
    expect(langOf('ne razumijem što hoće')).toBe('hr');
  });

  it('tells Ukrainian from Belarusian', () => {
    expect(langOf('дякую, друзі')).toBe('uk');
    expect(langOf('дзякуй, сябры, добры вечар')).toBe('be');
  });
});

describe('reliability', () => {
  it('flags weak guesses as unreliable, per language', () => {
    const strong = detectLanguage('Does anyone know a good ramen place in Chicago?');
    expect(strong.reliable).toBe(true);
    expect(isReliable('pt', 0.3)).toBe(false);
    expect(isReliable('en', 0.3)).toBe(true);
    expect(RELIABLE_CONFIDENCE.no).toBeGreaterThan(0.3);
    expect(detectLanguage('😂').reliable).toBe(false);
  });
});

describe('tags', () => {
  it('maps Cantonese to Traditional Chinese and keeps pinyin’s script', async () => {
    const { normalizeLanguageTag, baseLanguage, sameLanguageForRouting } = await import(
      './languages.js'
    );
    expect(normalizeLanguageTag('yue')).toBe('zh-Hant');
    expect(normalizeLanguageTag('zh-latn')).toBe('zh-Latn');
    expect(baseLanguage('zh-Latn')).toBe('zh');
    expect(sameLanguageForRouting('sr', 'hr')).toBe(true);
    expect(sameLanguageForRouting('ms', 'id')).toBe(true);
    expect(sameLanguageForRouting('sl', 'hr')).toBe(false);
  });
});
