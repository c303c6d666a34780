/**
 * A word-by-word reading of Japanese text: words segmented by kuromoji (a morphological
 * analyser whose IPADIC dictionary ships inside the npm package), each with its reading in
 * hiragana (for words written with kanji) and in romaji (Hepburn, via wanakana). A reading aid,
 * not a translation: no English glosses, since no npm package ships JMdict's data (docs/lang.md).
 *
 * IPADIC is © Nara Institute of Science and Technology under the terms in ./IPADIC-NOTICE.txt
 * (packages/lang/src/data); kuromoji is Apache-2.0.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import { toHiragana, toRomaji } from 'wanakana';
import type { ReadingToken } from './read-chinese.js';

/** The source to credit wherever these readings are shown. */
export const IPADIC_CREDIT = {
  name: 'IPADIC (kuromoji)',
  licence: 'NAIST/ICOT licence',
  url: 'https://github.com/takuyaa/kuromoji.js',
} as const;

/** What the reader needs of kuromoji's tokens. */
export interface JapaneseMorpheme {
  surface_form: string;
  pos: string;
  pos_detail_1: string;
  /** Katakana; absent (or `*`) for words the dictionary does not know. */
  reading?: string;
}

export interface JapaneseTokenizer {
  tokenize(text: string): JapaneseMorpheme[];
}

/** Where the `kuromoji` package keeps its dictionary, found like Node finds the package. */
function kuromojiDictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/**
 * Builds kuromoji's tokenizer from the dictionary inside the installed package (≈18 MB of
 * gzipped files, read and inflated once). Takes about a second; call once and keep the result.
 */
export function loadJapaneseTokenizer(
  dicPath = kuromojiDictionaryPath(),
): Promise<JapaneseTokenizer> {
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((error, tokenizer) => {
      if (error) reject(error);
      else resolve(tokenizer as unknown as JapaneseTokenizer);
    });
  });
}

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々〆]/u;
const KANJI = /[\p{Script=Han}々〆]/u;
const KANA_ONLY = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;

/** Loanword spellings wanakana romanises letter by letter (カフェ → kafye): read as said. */
const LOANWORD_ROMAJI: Record<string, string> = {
  ふぁ: 'fa',
  ふぃ: 'fi',
  ふぇ: 'fe',
  ふぉ: 'fo',
  てぃ: 'ti',
  でぃ: 'di',
  とぅ: 'tu',
  どぅ: 'du',
  うぃ: 'wi',
  うぇ: 'we',
  うぉ: 'wo',
  ゔぁ: 'va',
  ゔぃ: 'vi',
  ゔ: 'vu',
  ゔぇ: 've',
  ゔぉ: 'vo',
  しぇ: 'she',
  じぇ: 'je',
  ちぇ: 'che',
  つぁ: 'tsa',
  つぃ: 'tsi',
  つぇ: 'tse',
  つぉ: 'tso',
};

/** Romaji of a reading in kana (the long-vowel mark doubles the vowel: ケーキ → keeki). */
export function romanize(kana: string): string {
  return toRomaji(toHiragana(kana, { passRomaji: true }), {
    customRomajiMapping: LOANWORD_ROMAJI,
  });
}

/** Particles Hepburn writes as they are said, not as they are spelled. */
const PARTICLE_ROMAJI: Record<string, string> = { は: 'wa', へ: 'e', を: 'o' };

const COPULA = /^(?:です|でし|だ|だっ|だろ|でしょ)$/u;

/** Verb and adjective endings read as part of the word before them (食べ+まし+た → 食べました). */
function attaches(morpheme: JapaneseMorpheme, previous: JapaneseMorpheme | undefined): boolean {
  if (!previous) return false;
  const inflecting = ['動詞', '形容詞', '助動詞'].includes(previous.pos);
  if (!inflecting) return false;
  // the copula (です, だ…) is a word of its own: 暑い です, 楽しかった です
  if (morpheme.pos === '助動詞') return !COPULA.test(morpheme.surface_form);
  if (morpheme.pos === '動詞' && ['非自立', '接尾'].includes(morpheme.pos_detail_1)) return true;
  if (morpheme.pos === '助詞' && morpheme.pos_detail_1 === '接続助詞') {
    return ['て', 'で'].includes(morpheme.surface_form);
  }
  return false;
}

/** A morpheme's reading in katakana: the dictionary's, or the text itself when it is kana. */
function katakanaOf(morpheme: JapaneseMorpheme): string | undefined {
  if (morpheme.reading && morpheme.reading !== '*') return morpheme.reading;
  if (KANA_ONLY.test(morpheme.surface_form)) return morpheme.surface_form;
  return undefined;
}

function romajiOf(morpheme: JapaneseMorpheme, katakana: string): string {
  if (morpheme.pos === '助詞') {
    const particle = PARTICLE_ROMAJI[morpheme.surface_form];
    if (particle) return particle;
  }
  return romanize(katakana);
}

/**
 * Reads Japanese text word by word. Every character of the input is in exactly one token, in
 * order. Words with kanji get `reading` (hiragana); every Japanese word gets `romaji`; text
 * without Japanese (spaces, Latin, emoji, punctuation) is passed through without either.
 */
export function readJapanese(text: string, tokenizer: JapaneseTokenizer): ReadingToken[] {
  const tokens: ReadingToken[] = [];
  // words being joined: text, katakana reading (undefined once a part has none), romaji
  let word: { text: string; kana: string | undefined; romaji: string; parts: number } | null = null;
  let previous: JapaneseMorpheme | undefined;
  const flush = () => {
    if (!word) return;
    const token: ReadingToken = { text: word.text };
    if (word.kana !== undefined) {
      if (KANJI.test(word.text)) token.reading = toHiragana(word.kana, { passRomaji: true });
      // several parts are romanised together: 買っ+て is katte, not ka+te
      token.romaji = word.parts > 1 ? romanize(word.kana) : word.romaji;
    }
    tokens.push(token);
    word = null;
  };
  let consumed = 0;
  for (const morpheme of tokenizer.tokenize(text)) {
    const surface = morpheme.surface_form;
    // kuromoji keeps every character; should it ever skip some, keep them as plain text
    const at = text.indexOf(surface, consumed);
    if (at > consumed) {
      flush();
      tokens.push({ text: text.slice(consumed, at) });
      previous = undefined;
    }
    consumed = (at < 0 ? consumed : at) + surface.length;
    if (!JAPANESE.test(surface)) {
      flush();
      const last = tokens.at(-1);
      // runs of plain text (spaces, Latin words, emoji) stay one token
      if (last && last.reading === undefined && last.romaji === undefined && !word) {
        last.text += surface;
      } else tokens.push({ text: surface });
      previous = undefined;
      continue;
    }
    const katakana = katakanaOf(morpheme);
    const romaji = katakana ? romajiOf(morpheme, katakana) : undefined;
    if (word && attaches(morpheme, previous)) {
      word.text += surface;
      word.kana = word.kana !== undefined && katakana ? word.kana + katakana : undefined;
      word.parts++;
    } else {
      flush();
      word = { text: surface, kana: katakana, romaji: romaji ?? '', parts: 1 };
    }
    previous = morpheme;
  }
  flush();
  if (consumed < text.length) tokens.push({ text: text.slice(consumed) });
  return tokens;
}
